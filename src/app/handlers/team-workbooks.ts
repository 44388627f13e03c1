import { basename } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import { readLocalCopy } from '../bring-back/read-copy';
import { applyReviewed, type ReviewedEdit, type RoleCheck, reviewTrip } from '../bring-back/review';
import { sameValue } from '../bring-back/trip-changes';
import { grantsAllow } from '../store/pg/server-roles';
import type { Workbook } from '../store/workbook';
import { ROLE_LABELS } from '../../shared/team-roles';
import { PendingFiles } from '../exchange/pending-files';
import type { CopyOrigin } from '../store/copy-origin';
import type { Db } from '../store/connection';
import { actionIdentity } from '../store/journal-reads';
import { latestVersion, loadMigrations } from '../store/migrations';
import { parseServerAddress, requireServerAddress, type ServerAddress } from '../store/pg/server-address';
import { connectServer, type ServerClient } from '../store/pg/server-connection';
import { publishWorkbook, takeLocalCopy } from '../store/pg/workbook-transfer';
import type { Handler, HandlerContext } from './context';
import { opened, withWorkbookExtension } from './workbook-files';

/**
 * 团队工作簿 (文件 menu): 打开团队工作簿, 上传到服务器 and 另存为本地副本. An upload or a copy uses a connection of its
 * own, closed when it is done; an opened team workbook becomes this window's workbook (see either-home.ts). A password
 * left empty is the one the app knows for the address (typed earlier in this run, or kept in the OS key store).
 */

async function withServer<T>(
  address: ServerAddress,
  typed: string,
  context: HandlerContext,
  purpose: string,
  work: (client: ServerClient) => Promise<T>,
): Promise<T> {
  const password = await passwordFor(address, typed, context);
  const client = await connectServer(address, { password, applicationName: `minsheng-workbench ${purpose}` });
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const serverUpload: Handler<'server-upload'> = async (input, context) => {
  const address = requireServerAddress(input.address);
  const { workbook, resources } = context;
  const summary = await withServer(address, input.password, context, 'upload', (client) =>
    publishWorkbook(
      workbook.file,
      client,
      { name: address.workbook, title: input.title, publishedFrom: basename(workbook.path) },
      loadMigrations(resources.serverMigrationsDir),
    ),
  );
  return { ...summary, address: address.text };
};

export const serverLocalCopy: Handler<'server-local-copy'> = async (input, context) => {
  const address = requireServerAddress(input.address);
  const { resources } = context;
  const chosen = await context.dialogs.pickWorkbookSavePath(`${address.workbook}-本地副本.mswb`);
  if (chosen === null) return null;
  const file = withWorkbookExtension(chosen);
  const summary = await withServer(address, input.password, context, 'local-copy', (client) =>
    takeLocalCopy(client, address, file, {
      fileMigrations: loadMigrations(resources.migrationsDir),
      serverMigrations: loadMigrations(resources.serverMigrationsDir),
      nativeBinding: context.session.nativeBinding,
    }),
  );
  return { ...summary, file };
};

/** The password typed in the dialog, else the one the app knows for the address (recalled from the key store). */
async function passwordFor(address: ServerAddress, typed: string, { passwords }: HandlerContext): Promise<string | undefined> {
  if (typed) return typed;
  await passwords.recall(address.text);
  return passwords.known(address.text);
}

/**
 * 打开团队工作簿: this window works in the team workbook from now on. The password that logged in is held for this
 * run, and kept in the OS key store when 记住密码 is ticked (taken out of it when not); the note says which.
 */
export const workbookOpenServer: Handler<'workbook-open-server'> = async (input, context) => {
  const address = requireServerAddress(input.address);
  const password = await passwordFor(address, input.password, context);
  context.session.switchTo(address.text, { password });
  const keep = input.remember;
  const notKept =
    password === undefined ? null : await context.passwords.remember(address.text, password, keep === undefined ? {} : { keep });
  const kept = keep === true && password !== undefined ? (notKept ?? '密码已保存在本机系统密钥库中。') : '';
  return opened(context, `已打开团队工作簿“${address.workbook}”：每次修改直接保存到服务器，其他人的修改一秒内显示在这里。${kept}`);
};

/** Beside 记住密码: whether the key store can keep passwords, and what is saved for the address typed so far. */
export const serverPasswordState: Handler<'server-password-state'> = async (input, { passwords }) => {
  const address = parseServerAddress(input.address);
  // an address still being typed has nothing saved, but the key store's answer is shown all the same
  return passwords.state('ok' in address ? '' : address.text);
};

/** 忘记已保存的密码: from the key store and from this run. */
export const serverPasswordForget: Handler<'server-password-forget'> = async (input, { passwords }) => {
  const address = requireServerAddress(input.address);
  passwords.forget(address.text);
  return passwords.state(address.text);
};

/** A reviewed local copy waits here (by token) until the user applies or abandons the review. */
const reviews = new PendingFiles<{ workbookPath: string; file: string; fileName: string; edits: ReviewedEdit[] }>(2);

/**
 * The copy's history must continue the team workbook's: its newest action at the copy is the server's action of
 * that number. A workbook uploaded again under the same name, or restored, has another history, and the copy's
 * "before" values would mean nothing there.
 */
function assertSameHistory(db: Db, origin: CopyOrigin, fileName: string): void {
  if (origin.lastAction === 0) return;
  const action = actionIdentity(db, origin.lastAction);
  if (!action || action.at !== origin.lastActionAt || action.session !== origin.lastActionSession)
    throw new WorkbenchError(
      'conflict',
      `“${fileName}”取出之后，团队工作簿“${origin.workbook}”被重新上传或恢复过，副本与它的修改历史接不上，无法逐项带回。请在副本中导出 Excel，再在团队工作簿中用“从 Excel 导入”核对后导入。`,
    );
}

/** What this person's role may not bring back (the database would refuse the whole batch without naming it). */
function roleCheckOf(workbook: Workbook): RoleCheck {
  const kind = workbook.role?.kind;
  if (!kind) return () => null;
  return (edit) => {
    const columns = edit.kind === 'update' ? edit.columns.filter((c) => !sameValue(c.before, c.after)).map((c) => c.column) : [];
    return grantsAllow(kind, edit.table, edit.kind, columns) ? null : `你在该团队工作簿中的身份是${ROLE_LABELS[kind]}，不能修改这一项`;
  };
}

/** 带回本地副本的修改: the copy's changes since it was taken, each held against the team workbook now. */
export const localCopyReview: Handler<'local-copy-review'> = async ({ again }, context) => {
  const { workbook, resources } = context;
  if (workbook.file) throw new WorkbenchError('conflict', '带回本地副本的修改，要先打开该副本所来自的团队工作簿（文件 → 团队工作簿）。');
  // the same copy once more, by the token of its last review: the page never names a file
  const chosen = again === undefined ? await context.dialogs.pickWorkbook() : reviews.get(again).file;
  if (chosen === null) return null;
  const fileName = basename(chosen);
  const { origin, trip } = readLocalCopy(chosen, latestVersion(loadMigrations(resources.migrationsDir)), context.session.nativeBinding);
  const here = requireServerAddress(workbook.path);
  if (origin.workbook !== here.workbook || origin.database !== here.database)
    throw new WorkbenchError(
      'conflict',
      `“${fileName}”取自团队工作簿“${origin.workbook}”（数据库 ${origin.database}），不是当前打开的“${here.workbook}”。请先打开它来自的团队工作簿。`,
    );
  assertSameHistory(workbook.db, origin, fileName);
  const { edits, leftOut } = reviewTrip(workbook.db, trip, origin.lastAction, roleCheckOf(workbook));
  // the earlier review of the same copy is done with only now: if this one failed, the dialog could still try again
  if (again !== undefined) reviews.drop(again);
  const token = reviews.put({ workbookPath: workbook.path, file: chosen, fileName, edits });
  return { token, fileName, takenAt: origin.takenAt, changes: [...edits.map((edit) => edit.change), ...leftOut] };
};

/** Applies the accepted changes as one action (撤销 takes them back together); nothing if any was changed since. */
export const localCopyApply: Handler<'local-copy-apply'> = ({ token, acceptIds }, context) => {
  const review = reviews.get(token);
  const { workbook } = context;
  if (review.workbookPath !== workbook.path) throw new WorkbenchError('conflict', '预览之后已切换到另一个工作簿，请重新选择本地副本。');
  const wanted = new Set(acceptIds);
  const accepted = review.edits.filter(({ change }) => wanted.has(change.id) && (change.state === 'clean' || change.state === 'conflict'));
  if (accepted.length === 0) return { applied: 0 };
  const applied = workbook.journal.record(`带回本地副本的修改（${accepted.length}处）`, `本地副本：${review.fileName}`, (recorder) =>
    applyReviewed(workbook.db, recorder, accepted, roleCheckOf(workbook)),
  );
  reviews.drop(token);
  return { applied };
};
