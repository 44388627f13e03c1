import { relative, isAbsolute } from 'node:path';
import { driveKindOf, worksOnLocalCopy } from './drive-type';

/**
 * Whether a workbook at `path` is worked on as a local copy: it is on a USB stick or disk, a CD, or a disk the OS
 * could not describe (see worksOnLocalCopy) — and not already in the app's own local folder. SQLite on a stick
 * risks the file when the stick is pulled mid-write, and leaves -wal files that stop Windows' 安全删除硬件.
 */
export async function opensAsLocalCopy(path: string, localFolder: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const inside = relative(localFolder, path);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return false;
  return worksOnLocalCopy(await driveKindOf(path, platform));
}
