import { defaultPlanId, getTasks, listTasks } from '../store/plan-repository';
import { taskNumbers } from '../store/task-repository';
import { orgNames } from '../store/org-repository';
import { applyEdits, batchLabel } from '../edits/apply-edits';
import { TASK_FIELDS } from '../../shared/fields/task-fields';
import type { Handler } from './context';

export const taskList: Handler<'task-list'> = ({ planId }, { workbook }) => {
  // what this window's grid shows from now: an edit of a cell someone changes after this is refused as stale
  workbook.journal.markRead('task');
  // the rows carry their owners: the matrix's 牵头/配合 cells are edited against them
  workbook.journal.markRead('task_owner');
  const id = planId ?? defaultPlanId(workbook.db);
  return id === null ? [] : listTasks(workbook.db, id);
};

export const taskUpdate: Handler<'task-update'> = ({ edits, reason, label }, { workbook }) => {
  const first = edits[0];
  const single = () => `修改任务${taskNumbers(workbook.db).get(first?.taskId ?? 0) ?? ''}的${first ? TASK_FIELDS[first.field].label : ''}`;
  applyEdits(workbook, { entity: 'task', edits }, reason ?? '', batchLabel(label, single, edits.length), { againstRead: true });
  return getTasks(workbook.db, [...new Set(edits.map((e) => e.taskId))]);
};

const ROLE_LABELS = { lead: '牵头', co: '配合' } as const;

/**
 * The matrix: orgs' roles on tasks — lead (●), co (○) or none — as one action however many cells change.
 * A task is never left without a lead org.
 */
export const taskOwnerSet: Handler<'task-owner-set'> = ({ changes, reason, label }, { workbook }) => {
  const first = changes[0];
  const single = () =>
    `任务${taskNumbers(workbook.db).get(first?.taskId ?? 0) ?? ''}：${orgNames(workbook.db).get(first?.orgId ?? 0) ?? ''}设为${first?.role ? ROLE_LABELS[first.role] : '不参与'}`;
  applyEdits(workbook, { entity: 'task', edits: changes }, reason ?? '', batchLabel(label, single, changes.length), { againstRead: true });
  return getTasks(workbook.db, [...new Set(changes.map((c) => c.taskId))]);
};
