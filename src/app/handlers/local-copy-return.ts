import { basename } from 'node:path';
import { ROLE_LABELS } from '../../shared/team-roles';
import { WorkbenchError } from '../../shared/result';
import { readLocalCopy } from '../bring-back/read-copy';
import { applyReviewed, type ReviewedEdit, type RoleCheck, reviewTrip } from '../bring-back/review';
import { sameValue } from '../bring-back/trip-changes';
import { PendingFiles } from '../exchange/pending-files';
import type { Db } from '../store/connection';
import type { CopyOrigin } from '../store/copy-origin';
import { actionIdentity } from '../store/journal-reads';
import { latestVersion, loadMigrations } from '../store/migrations';
import { requireServerAddress } from '../store/pg/server-address';
import { grantsAllow } from '../store/pg/server-roles';
import type { Workbook } from '../store/workbook';
import type { Handler } from './context';

/**
 * 带回本地副本的修改 (文件 menu, in a team workbook): a local copy's changes since it was taken are reviewed against
 * the team workbook (local-copy-review) and the accepted ones applied as one action (local-copy-apply). The
 * reading, reducing and comparing is src/app/bring-back/'s; here are the checks that the copy belongs to this
 * workbook and this person, and the review waiting between the two calls.
 */

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
