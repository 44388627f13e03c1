import { WorkbenchError, type WorkbenchErrorData } from '../../shared/result';

/**
 * What the operating system or SQLite said, in the words a clerk reads. A raw `EBUSY: resource busy or locked,
 * rename 'D:\…'` or an English SQLite sentence never reaches the page: each known code becomes a sentence that
 * says what happened to which file and what to do; anything unknown is a plain "程序内部出错" (the original goes to
 * the log for support, not to the user).
 */

interface SystemError {
  code?: unknown;
  /** the file a Node fs call was working on */
  path?: unknown;
  /** the destination of a rename or copy: the file the user chose */
  dest?: unknown;
  syscall?: unknown;
}

const quoted = (path: string): string => (path ? `“${path}”` : '该文件');

/** A file the user exports over, still open in Excel/WPS (Windows refuses the rename with EBUSY or EPERM). */
function lockedFileMessage(path: string): string {
  return `无法写入${quoted(path)}：该文件可能正被 Excel、WPS 或其他程序打开，或没有写入权限。请先关闭该文件后重试，或另存为其他文件名。`;
}

const FILE_MESSAGES: Record<string, (path: string) => string> = {
  EBUSY: lockedFileMessage,
  EPERM: lockedFileMessage,
  EACCES: (path) => `没有权限读写${quoted(path)}。请换一个文件夹（如“文档”或桌面），或检查文件是否设为只读。`,
  EISDIR: (path) => `${quoted(path)}是一个文件夹，不是文件。请选择一个文件，或输入文件名。`,
  ENOTDIR: (path) => `路径${quoted(path)}中有一级不是文件夹，请重新选择位置。`,
  ENOENT: (path) => `找不到${quoted(path)}：文件或文件夹不存在（可能已被移动、删除，或U盘已拔出）。`,
  ENOSPC: (path) => `磁盘空间不足，无法写入${quoted(path)}。请清理磁盘后重试，本次操作未完成。`,
  EFBIG: (path) => `文件超过了该磁盘或系统允许的大小，无法写入${quoted(path)}，已有数据未改变。请换一个位置后重试。`,
  EDQUOT: (path) => `磁盘配额已满，无法写入${quoted(path)}。请清理磁盘后重试。`,
  EROFS: (path) => `${quoted(path)}所在的磁盘是只读的（如写保护的U盘或光盘），请换一个位置保存。`,
  ENAMETOOLONG: (path) => `文件路径太长：${quoted(path)}。请换一个较短的文件夹或文件名。`,
  EEXIST: (path) => `${quoted(path)}已经存在，请换一个文件名。`,
  EMFILE: () => '同时打开的文件太多，请关闭一些程序后重试。',
  ENFILE: () => '同时打开的文件太多，请关闭一些程序后重试。',
  EIO: (path) => `读写${quoted(path)}时磁盘出错（U盘或网络盘可能已断开），请检查后重试。`,
  ETIMEDOUT: (path) => `访问${quoted(path)}超时（网络盘或U盘响应太慢），请稍后重试。`,
  EINVAL: (path) => `文件名${quoted(path)}不合法（不能包含 \\ / : * ? " < > | 等字符），请换一个文件名。`,
};

const SQLITE_MESSAGES: [RegExp, string, WorkbenchErrorData['kind']][] = [
  [/^SQLITE_FULL/, '磁盘空间不足，本次操作已撤回，数据未改变。请清理磁盘后重试。', 'storage'],
  [/^SQLITE_(BUSY|LOCKED)/, '工作簿正被其他程序占用，本次操作已撤回。请关闭其他打开该工作簿的程序后重试。', 'storage'],
  [/^SQLITE_READONLY/, '工作簿当前只能读不能写（可能正被他人使用，或文件、文件夹是只读的），本次修改没有保存。', 'conflict'],
  [/^SQLITE_(CORRUPT|NOTADB)/, '工作簿文件已损坏，本次操作已撤回。请在“文件 → 备份与恢复”中恢复最近的备份。', 'storage'],
  [/^SQLITE_CANTOPEN/, '无法打开工作簿文件（文件不存在、U盘已拔出或没有权限），本次操作已撤回。', 'storage'],
  [/^SQLITE_IOERR/, '读写工作簿时磁盘出错（U盘或网络盘可能已断开），本次操作已撤回。', 'storage'],
  [/^SQLITE_CONSTRAINT/, '数据不符合工作簿的规则（如引用了不存在的任务或单位），本次操作已撤回，数据未改变。', 'bad_input'],
  [/^SQLITE_/, '工作簿读写失败，本次操作已撤回，数据未改变。', 'storage'],
];

/** The Chinese message for an error thrown by fs or SQLite; null when the error is not one of theirs. */
export function systemErrorData(error: unknown): WorkbenchErrorData | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, path, dest } = error as SystemError;
  if (typeof code !== 'string') return null;
  for (const [pattern, message, kind] of SQLITE_MESSAGES) {
    if (pattern.test(code)) return { kind, message, details: [] };
  }
  const describe = FILE_MESSAGES[code];
  if (!describe) return null;
  // a rename names both files; the one the user chose is the destination
  const file = typeof dest === 'string' ? dest : typeof path === 'string' ? path.replace(/\.\d+\.tmp$/, '') : '';
  return { kind: 'storage', message: describe(file), details: [] };
}

/** For anything else: a plain sentence; what was thrown is logged, never shown. */
export const INTERNAL_ERROR_MESSAGE = '程序内部出错，本次操作未完成，数据未改变。请重试；如仍出错，请联系技术支持。';

/** Turns anything thrown into an error the page can show, in Chinese: never an English or system message. */
export function toErrorData(error: unknown): WorkbenchErrorData {
  if (error instanceof WorkbenchError) return error.toData();
  const known = systemErrorData(error);
  if (known) return known;
  // a defect, not something the user can act on: the original is logged for support
  console.error('[workbench] internal error:', error);
  return { kind: 'internal', message: INTERNAL_ERROR_MESSAGE, details: [] };
}
