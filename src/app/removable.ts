import { closeSync, openSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { driveKindOf, worksOnLocalCopy } from './drive-type';
import { isWithin } from './paths';

/**
 * Whether a workbook at `path` is worked on as a local copy: it is on a USB stick or disk, a CD, or a disk the OS
 * could not describe (see worksOnLocalCopy) — and not already in the app's own local folder. SQLite on a stick
 * risks the file when the stick is pulled mid-write, and leaves -wal files that stop Windows' 安全删除硬件.
 */
export async function opensAsLocalCopy(path: string, localFolder: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (isWithin(localFolder, path)) return false;
  return worksOnLocalCopy(await driveKindOf(path, platform));
}

const CANNOT_WRITE_HERE = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * Whether new files can be created in `folder`. A write-protected stick, a CD or a read-only share cannot take the
 * -shm and -wal files SQLite needs even to read a workbook; such a workbook is opened as a local copy. Tried with a
 * file that is removed at once, not guessed: Windows' access check does not see a stick's write-protect switch.
 */
export function folderAcceptsFiles(folder: string, create: (path: string) => void = createAndRemove): boolean {
  try {
    create(join(folder, `.minsheng-probe-${process.pid}-${randomBytes(4).toString('hex')}`));
    return true;
  } catch (error) {
    // a missing folder and the like are reported by the open itself, with its own words
    return !CANNOT_WRITE_HERE.has(String((error as NodeJS.ErrnoException).code ?? ''));
  }
}

function createAndRemove(path: string): void {
  closeSync(openSync(path, 'wx'));
  rmSync(path, { force: true });
}
