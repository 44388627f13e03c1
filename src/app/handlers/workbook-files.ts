import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import { isServerAddress } from '../../shared/workbook-address';
import { requireServerAddress } from '../store/pg/server-address';
import { assertNotWorkbookFile } from '../file-identity';
import { WORKBOOK_EXTENSION } from '../paths';
import { reachable } from '../recent-workbooks';
import { folderAcceptsFiles, opensAsLocalCopy } from '../removable';
import { describeHolder, lockIsLive, me, readLock } from '../workbook-lock';
import type { Handler, HandlerContext } from './context';

/** 文件 → 新建 / 打开 / 另存为 / 最近打开: a workbook is one .mswb file that can travel on a USB stick. */

/** A name typed in the save dialog without .mswb gets it (another extension is kept and gains .mswb). */
export const withWorkbookExtension = (path: string): string =>
  extname(path).toLowerCase() === WORKBOOK_EXTENSION ? path : `${path}${WORKBOOK_EXTENSION}`;

/** The answer of every switch of workbook: where this window now works, and what the page should say about it. */
export function opened(context: HandlerContext, note = '') {
  context.recent.add(context.session.path);
  return { path: context.session.path, note };
}

export const workbookNew: Handler<'workbook-new'> = async (_input, context) => {
  const chosen = await context.dialogs.pickWorkbookSavePath(`新工作簿${WORKBOOK_EXTENSION}`);
  if (chosen === null) return null;
  const path = withWorkbookExtension(chosen);
  if (existsSync(path)) throw new WorkbenchError('conflict', `文件已存在：${path}。为避免覆盖，请换一个文件名。`);
  // the one place besides the first start and `init` that creates a workbook: the reference plan and the example budget
  context.session.switchTo(path, { create: true });
  return opened(context);
};

/**
 * Every way of opening a workbook by its path comes here — the 打开 dialog, 最近打开, a double-clicked file at
 * start or in a second instance. A workbook on a USB stick, or in a place that cannot take new files (a
 * write-protected stick, a CD, a read-only share), is copied to the local folder first and the copy is opened: the
 * stick gets no -wal, no backups folder, pulling it cannot hurt the workbook, and a write-protected one opens at all.
 */
export async function openWorkbookAt(
  context: HandlerContext,
  path: string,
  acceptsFiles: (folder: string) => boolean = folderAcceptsFiles,
): Promise<{ path: string; note: string }> {
  // a team workbook (最近打开, a named address) logs in with the password kept for it, read before the synchronous
  // open; none of the questions about files and folders below apply to it
  if (isServerAddress(path)) {
    await context.passwords.recall(requireServerAddress(path).text);
    context.session.switchTo(path);
    return opened(context);
  }
  const removable = await opensAsLocalCopy(path, context.localFolder);
  if (removable || !acceptsFiles(dirname(path))) {
    mkdirSync(context.localFolder, { recursive: true });
    let local = join(context.localFolder, basename(path));
    for (let n = 2; existsSync(local); n++)
      local = join(context.localFolder, `${basename(path, WORKBOOK_EXTENSION)}(${n})${WORKBOOK_EXTENSION}`);
    context.session.copyInFrom(path, local);
    const where = removable ? '位于可移动磁盘上' : '所在位置不能写入（写保护的U盘、光盘或只读共享）';
    return opened(context, `“${path}”${where}，已复制到本机“${local}”并打开副本；需要带走时请用“另存为”存回U盘。`);
  }
  context.session.switchTo(path);
  return opened(context);
}

export const workbookOpen: Handler<'workbook-open'> = async (_input, context) => {
  const path = await context.dialogs.pickWorkbook();
  return path === null ? null : openWorkbookAt(context, path);
};

export const workbookOpenRecent: Handler<'workbook-open-recent'> = async ({ path }, context) => {
  if (!context.recent.has(path)) throw new WorkbenchError('forbidden', '只能打开“最近打开”列表中的工作簿。');
  if (!(await reachable(path)))
    throw new WorkbenchError('not_found', `文件不存在或暂时无法访问：${path}（可能已移动、U盘未插入或网络共享断开）。`);
  return openWorkbookAt(context, path);
};

export const workbookRecent: Handler<'workbook-recent'> = async (_input, { recent, session }) => ({
  current: session.path,
  recent: await recent.existing(),
});

/** Whether this window may write, and whether another process has changed the workbook since it was opened. */
export const workbookStatus: Handler<'workbook-status'> = (_input, { session }) => session.status();

/** 强制打开: take the workbook from its other holder. The page asks first and says what it risks. */
export const workbookForceOpen: Handler<'workbook-force-open'> = (_input, context) => {
  if (context.session.isOpen && context.session.writeRefusal() === null) return opened(context, '本窗口已经可以修改该工作簿。');
  context.session.forceOpen();
  return opened(context, '已强制打开工作簿。对方窗口将不能再保存修改；请告知对方。');
};

/**
 * 另存为: SQLite's backup API writes the copy (never a file copy of a live WAL database). Work continues in the copy —
 * unless the copy went to a USB stick: then the stick gets one finished file and work continues in the local
 * workbook, so pulling the stick can never cost an edit. A file the save dialog asked to replace is replaced (the
 * user said 是 to Windows' prompt), unless it is the open workbook or someone has it open.
 */
export const workbookSaveAs: Handler<'workbook-save-as'> = async (_input, context) => {
  const { session } = context;
  const chosen = await context.dialogs.pickWorkbookSavePath(basename(session.path));
  if (chosen === null) return null;
  const path = withWorkbookExtension(chosen);
  assertNotWorkbookFile(path, session.path);
  // only the name the dialog returned was confirmed; one that gained its extension here was not
  const replace = existsSync(path) && path === chosen;
  if (existsSync(path) && !replace) throw new WorkbenchError('conflict', `文件已存在：${path}。为避免覆盖，请换一个文件名。`);
  if (replace) assertNobodyHasOpen(path);
  if (await opensAsLocalCopy(path, context.localFolder)) {
    await session.saveCopyTo(path, { replace });
    return opened(
      context,
      `已另存到“${path}”，U盘上是一个完整的工作簿，可以直接拔出带走。本机继续使用“${session.path}”，以免拔出U盘时丢失修改。`,
    );
  }
  await session.moveTo(path, { replace });
  return opened(context);
};

/** A workbook someone has open (its lock file is live) is not replaced under them. */
function assertNobodyHasOpen(path: string): void {
  const lock = readLock(path);
  if (lock && lockIsLive(lock, me('app'), new Date())) {
    throw new WorkbenchError(
      'conflict',
      `“${basename(path)}”正被${describeHolder(lock.holder)}打开，不能替换。请换一个文件名，或等对方关闭后再保存。`,
    );
  }
}
