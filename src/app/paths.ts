import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { type DriveKind, isUncPath, syncFolderOf } from './drive-type';

export const WORKBOOK_EXTENSION = '.mswb';
export const APP_FOLDER = 'MinshengWorkbench';

/**
 * The default workbook lives in the user's *local* app-data folder, never the roaming profile: roaming
 * profiles are synced over the network at logon/logoff, and SQLite's locking is unreliable on such shares.
 */
export function defaultWorkbookPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return join(local, APP_FOLDER, `workbook${WORKBOOK_EXTENSION}`);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER, `workbook${WORKBOOK_EXTENSION}`);
  const dataHome = env.XDG_DATA_HOME ?? join(home, '.local', 'share');
  return join(dataHome, APP_FOLDER, `workbook${WORKBOOK_EXTENSION}`);
}

/**
 * The workbook a command line names: `--db FILE`, `--db=FILE`, or a double-clicked .mswb (the file association
 * passes it as a plain argument) — at start, and in the argv a second instance hands to the running one.
 */
export function workbookArgument(argv: readonly string[]): string | null {
  const flagAt = argv.indexOf('--db');
  const flagValue = flagAt >= 0 ? argv[flagAt + 1] : undefined;
  if (flagValue) return flagValue;
  const inline = argv.find((arg) => arg.startsWith('--db='));
  if (inline) return inline.slice('--db='.length);
  return argv.slice(1).find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(WORKBOOK_EXTENSION)) ?? null;
}

/** `--db FILE` (or a double-clicked file) on the command line wins, then `MINSHENG_DB`, then the default. */
export function chooseWorkbookPath(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: string): string {
  const named = workbookArgument(argv);
  if (named) return named;
  // MINSHENG_DB is read before a double-clicked file only when the flag names none (tests, scripted starts)
  return env.MINSHENG_DB || fallback;
}

/**
 * Whether starting the app may create the workbook at `path`: only the default workbook, only the very first time
 * (no backup folder beside it). A default workbook that disappeared after it had backups, or any other path that
 * does not exist, goes to the recovery screen instead of silently becoming an empty workbook.
 */
export function mayCreateAtStart(path: string, defaultPath: string): boolean {
  return path === defaultPath && !existsSync(join(dirname(path), `${basename(path)}.backups`));
}

/**
 * Why a workbook's location is risky, or '' when it is not: SQLite's file locking is unreliable on network
 * shares — a UNC path or a mapped drive (`drive` is the OS's answer, see drive-type.ts: `Z:\` is only known
 * to be a share by asking) — and in roaming profiles (synced at logon/logoff), where two machines can corrupt
 * one file.
 */
export function locationWarning(
  path: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  drive: DriveKind = 'unknown',
  share: string | null = null,
): string {
  const normalized = path.replaceAll('/', '\\');
  if (isUncPath(path) || drive === 'network') {
    // a mapped letter is named with the share behind it, which is what a colleague's machine may call it
    const where = share ? `映射的网络驱动器（${share}）` : '网络共享文件夹（或映射的网络驱动器）';
    return `工作簿位于${where}中。网络上的文件锁不可靠，多人同时打开可能损坏工作簿；建议复制到本机后使用。`;
  }
  const sync = syncFolderOf(path);
  if (sync) {
    return `工作簿位于${sync}的同步文件夹中。同步程序会在后台上传、下载和替换文件，可能在编辑中途覆盖工作簿或产生冲突副本；建议复制到本机后使用，需要共享时用“另存为”存一份到同步文件夹。`;
  }
  if (platform === 'win32' && env.APPDATA && normalized.toLowerCase().startsWith(env.APPDATA.replaceAll('/', '\\').toLowerCase())) {
    return '工作簿位于漫游配置文件（Roaming）中，登录/注销时会在网络上同步，可能损坏工作簿；建议复制到本机（Local）后使用。';
  }
  return '';
}

/** Where a local copy of a workbook goes: the default folder, under the workbook's own file name. */
export function localCopyPath(path: string, defaultPath: string): string {
  const name = path.split(/[\\/]/).pop() || `workbook${WORKBOOK_EXTENSION}`;
  return join(dirname(defaultPath), name);
}

/** Whether `path` is `folder` or lies somewhere under it (compared by path, after `..` and separators are resolved). */
export function isWithin(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return !inside.startsWith('..') && !isAbsolute(inside);
}
