import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { WorkbenchError } from '../shared/result';

/**
 * Whether a path chosen for writing (an export, Save As) is the open workbook or one of the files that belong to
 * it. Compared by identity, not by spelling: `E.MSWB` on a case-insensitive disk, `..\\x\\e.mswb`, a symbolic or
 * hard link all name the same file. Writing a spreadsheet there would replace the workbook (or feed SQLite a
 * "-wal" that is not its log).
 */

/** Files SQLite and this app keep beside a workbook (its write-ahead log, shared memory, rollback journal, lock). */
export const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal', '.lock'] as const;

const BACKUP_FOLDER_SUFFIX = '.backups';

function fileKey(path: string): string | null {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** The path with its folder resolved through links, case-folded where the disk ignores case. */
function canonical(path: string, platform: NodeJS.Platform): string {
  const absolute = resolve(path);
  let folder = dirname(absolute);
  try {
    folder = realpathSync.native(folder);
  } catch {
    // a folder that does not exist cannot hold the workbook; compare as written
  }
  const full = join(folder, basename(absolute));
  return platform === 'win32' || platform === 'darwin' ? full.toLowerCase() : full;
}

/** What `target` is to the workbook, in words for the message, or null when it is another file. */
export function workbookFileRole(target: string, workbookPath: string, platform: NodeJS.Platform = process.platform): string | null {
  const candidates = [
    { path: workbookPath, role: '当前打开的工作簿' },
    ...COMPANION_SUFFIXES.map((suffix) => ({
      path: `${workbookPath}${suffix}`,
      role: `工作簿的附属文件“${basename(workbookPath)}${suffix}”`,
    })),
  ];
  const targetKey = fileKey(target);
  const targetName = canonical(target, platform);
  for (const candidate of candidates) {
    if (targetKey !== null && targetKey === fileKey(candidate.path)) return candidate.role;
    if (targetName === canonical(candidate.path, platform)) return candidate.role;
  }
  const backups = canonical(`${workbookPath}${BACKUP_FOLDER_SUFFIX}`, platform);
  if (
    canonical(dirname(resolve(target)), platform) === backups ||
    targetName.startsWith(`${backups}${platform === 'win32' ? '\\' : '/'}`)
  ) {
    return '工作簿的备份文件夹';
  }
  return null;
}

/** Refuses a write target that is the open workbook or belongs to it, with a message that says what to do. */
export function assertNotWorkbookFile(target: string, workbookPath: string, platform: NodeJS.Platform = process.platform): void {
  const role = workbookFileRole(target, workbookPath, platform);
  if (role) {
    throw new WorkbenchError(
      'bad_input',
      `不能写入“${target}”：它是${role}，写入会覆盖工作簿的数据。请换一个文件名或位置后重试，工作簿未做任何改动。`,
    );
  }
}
