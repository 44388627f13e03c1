import { existsSync, mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import { assertNotWorkbookFile } from '../file-identity';
import { WORKBOOK_EXTENSION } from '../paths';
import { reachable } from '../recent-workbooks';
import { isRemovablePath } from '../removable';
import type { Handler, HandlerContext } from './context';

/** 文件 → 新建 / 打开 / 另存为 / 最近打开: a workbook is one .mswb file that can travel on a USB stick. */

const withExtension = (path: string): string => (extname(path).toLowerCase() === WORKBOOK_EXTENSION ? path : `${path}${WORKBOOK_EXTENSION}`);

function opened(context: HandlerContext, note = '') {
  context.recent.add(context.session.path);
  return { path: context.session.path, note };
}

export const workbookNew: Handler<'workbook-new'> = async (_input, context) => {
  const chosen = await context.dialogs.pickWorkbookSavePath(`新工作簿${WORKBOOK_EXTENSION}`);
  if (chosen === null) return null;
  const path = withExtension(chosen);
  if (existsSync(path)) throw new WorkbenchError('conflict', `文件已存在：${path}。为避免覆盖，请换一个文件名。`);
  // the one place besides the first start and `init` that creates a workbook: the reference plan and the example budget
  context.session.switchTo(path, { create: true });
  return opened(context);
};

/**
 * Every way of opening a workbook by its path comes here — the 打开 dialog, 最近打开, a double-clicked file at
 * start or in a second instance: a workbook on a USB stick is copied to the local folder first and the copy is
 * opened, so the stick gets no -wal, no backups folder, and pulling it cannot hurt the workbook.
 */
export async function openWorkbookAt(context: HandlerContext, path: string): Promise<{ path: string; note: string }> {
  if (await isRemovablePath(path)) {
    mkdirSync(context.localFolder, { recursive: true });
    let local = join(context.localFolder, basename(path));
    for (let n = 2; existsSync(local); n++) local = join(context.localFolder, `${basename(path, WORKBOOK_EXTENSION)}(${n})${WORKBOOK_EXTENSION}`);
    context.session.copyInFrom(path, local);
    return opened(context, `“${path}”位于可移动磁盘上，已复制到本机“${local}”并打开副本；需要带走时请用“另存为”存回U盘。`);
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
  if (!(await reachable(path))) throw new WorkbenchError('not_found', `文件不存在或暂时无法访问：${path}（可能已移动、U盘未插入或网络共享断开）。`);
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

/** 另存为: SQLite's backup API writes the copy (never a file copy of a live WAL database); work continues in it. */
export const workbookSaveAs: Handler<'workbook-save-as'> = async (_input, context) => {
  const chosen = await context.dialogs.pickWorkbookSavePath(basename(context.session.path));
  if (chosen === null) return null;
  const path = withExtension(chosen);
  assertNotWorkbookFile(path, context.session.path);
  if (existsSync(path)) throw new WorkbenchError('conflict', `文件已存在：${path}。为避免覆盖，请换一个文件名。`);
  await context.session.moveTo(path);
  return opened(context);
};
