import { defaultPlanId, getTasks, listTasks } from '../store/plan-repository';
import { taskNumbers } from '../store/task-repository';
import { unitNames } from '../store/unit-repository';
import { accept, applyCellEdits, batchLabel, refuse } from '../edits/cell-edits';
import { assertEveryTaskLed, planTaskEdit, writeOwnerRole } from '../edits/task-edits';
import { TASK_FIELDS } from '../../shared/fields/task-fields';
import type { Handler } from './context';

export const taskList: Handler<'task-list'> = ({ planId }, { workbook }) => {
  const id = planId ?? defaultPlanId(workbook.db);
  return id === null ? [] : listTasks(workbook.db, id);
};

export const taskUpdate: Handler<'task-update'> = ({ edits, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const numbers = taskNumbers(db);
  const cells = edits.map((edit) => {
    const number = numbers.get(edit.taskId);
    return {
      where: `任务${number ?? `（编号${edit.taskId}）`}「${TASK_FIELDS[edit.field].label}」`,
      text: edit.value,
      plan: number === undefined ? refuse('任务不存在，可能已被删除，请刷新') : planTaskEdit(db, edit.taskId, edit.field, edit.value),
    };
  });
  const first = edits[0];
  const single = () => `修改任务${numbers.get(first?.taskId ?? 0) ?? ''}的${first ? TASK_FIELDS[first.field].label : ''}`;
  const taskIds = [...new Set(edits.map((e) => e.taskId))];
  const touchesOwners = edits.some((e) => e.field === 'leadUnits' || e.field === 'coUnits');
  applyCellEdits(journal, batchLabel(label, single, edits.length), reason ?? '', cells, touchesOwners ? () => assertEveryTaskLed(db, taskIds, numbers) : undefined);
  return getTasks(db, taskIds);
};

const ROLE_LABELS = { lead: '牵头', co: '配合' } as const;

/**
 * The matrix: units' roles on tasks — lead (●), co (○) or none — as one action however many cells change.
 * A task is never left without a lead unit.
 */
export const taskOwnerSet: Handler<'task-owner-set'> = ({ changes, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const numbers = taskNumbers(db);
  const names = unitNames(db);
  const cells = changes.map((change) => {
    const number = numbers.get(change.taskId);
    const name = names.get(change.unitId);
    const where = `任务${number ?? change.taskId} × ${name ?? change.unitId}`;
    const text = change.role ? ROLE_LABELS[change.role] : '（空）';
    if (number === undefined || name === undefined) return { where, text, plan: refuse('任务或单位不存在，请刷新') };
    return {
      where,
      text,
      plan: accept((recorder) => writeOwnerRole(db, recorder, change.taskId, change.unitId, change.role)),
    };
  });
  const first = changes[0];
  const single = () =>
    `任务${numbers.get(first?.taskId ?? 0) ?? ''}：${names.get(first?.unitId ?? 0) ?? ''}设为${first?.role ? ROLE_LABELS[first.role] : '不参与'}`;
  const taskIds = [...new Set(changes.map((c) => c.taskId))];
  applyCellEdits(journal, batchLabel(label, single, changes.length), reason ?? '', cells, () => assertEveryTaskLed(db, taskIds, numbers));
  return getTasks(db, taskIds);
};
