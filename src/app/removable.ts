import { driveKindOf } from './drive-type';

/**
 * Whether a path is on removable media (a USB stick). SQLite on a stick risks the file when the stick is
 * pulled mid-write, so such a workbook is worked on as a local copy. Linux and macOS go by mount point;
 * Windows asks the volume's drive type (2 = removable), see drive-type.ts.
 */
export async function isRemovablePath(path: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (platform === 'linux') return /^\/(media|run\/media|mnt)\//.test(path);
  return (await driveKindOf(path, platform)) === 'removable';
}
