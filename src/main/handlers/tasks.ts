import { TASK_STATUSES, type TaskEditableField, type TaskStatus } from '../../shared/contract';
import type { OwnerRole } from '../../shared/plan';
import { WorkbenchError } from '../../shared/result';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { defaultPlanId, getTasks, listTasks } from '../store/plan-repository';
import { findUnitId } from '../store/unit-repository';
import { accept, applyCellEdits, batchLabel, refuse, type CellPlan } from './cell-edits';
import type { Handler } from './context';

const TEXT_COLUMNS = { title: 'title', progressNote: 'progress_note', remark: 'remark' } as const;

export const TASK_FIELD_LABELS: Record<TaskEditableField, string> = {
  title: '任务',
  status: '状态',
  progressNote: '完成情况',
  remark: '备注',
  leadUnits: '牵头单位',
  coUnits: '配合单位',
};

/** Status as stored or as shown (a paste from Excel carries the Chinese label). */
const STATUS_WORDS: Record<string, TaskStatus> = {
  未开始: 'not_started',
  推进中: 'in_progress',
  进行中: 'in_progress',
  已完成: 'done',
  完成: 'done',
  滞后: 'at_risk',
  暂停: 'suspended',
  ...Object.fromEntries(TASK_STATUSES.map((status) => [status, status])),
};

export function splitUnitList(text: string): string[] {
  return text
    .split(/[、,，;；/\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Makes `unitIds` (in order) the task's owners in `role`; a unit holding the other role moves over. */
export function setOwners(db: Db, recorder: Recorder, taskId: number, role: OwnerRole, unitIds: readonly number[]): void {
  const current = db.prepare('SELECT unit_id AS unitId, role, ord FROM task_owner WHERE task_id = ?').all(taskId) as {
    unitId: number;
    role: OwnerRole;
    ord: number;
  }[];
  for (const owner of current) {
    if (owner.role === role && !unitIds.includes(owner.unitId)) recorder.delete('task_owner', { task_id: taskId, unit_id: owner.unitId });
  }
  let nextOrd = current.reduce((max, owner) => Math.max(max, owner.ord), -1) + 1;
  for (const unitId of unitIds) {
    const existing = current.find((owner) => owner.unitId === unitId);
    if (existing) recorder.update('task_owner', { task_id: taskId, unit_id: unitId }, 'role', role);
    else recorder.insert('task_owner', { task_id: taskId, unit_id: unitId, role, ord: nextOrd++ });
  }
}

function planTaskEdit(db: Db, taskId: number, field: TaskEditableField, value: string): CellPlan {
  switch (field) {
    case 'status': {
      const status = STATUS_WORDS[value.trim()];
      return status ? accept((r) => r.update('task', { id: taskId }, 'status', status)) : refuse('状态请选“未开始”“推进中”“已完成”“滞后”或“暂停”');
    }
    case 'title':
      if (value.trim() === '') return refuse('任务名称不能为空');
      return accept((r) => r.update('task', { id: taskId }, 'title', value.trim()));
    case 'progressNote':
    case 'remark':
      return accept((r) => r.update('task', { id: taskId }, TEXT_COLUMNS[field], value));
    case 'leadUnits':
    case 'coUnits': {
      const names = splitUnitList(value);
      const ids = names.map((name) => findUnitId(db, name));
      const unknown = names.filter((_, i) => ids[i] === null);
      if (unknown.length > 0) return refuse(`没有名为“${unknown.join('、')}”的责任单位（可先在“责任单位”表中新增）`);
      if (field === 'leadUnits' && ids.length === 0) return refuse('每项任务至少要有一个牵头单位');
      return accept((r) => setOwners(db, r, taskId, field === 'leadUnits' ? 'lead' : 'co', [...new Set(ids as number[])]));
    }
  }
}

export const taskList: Handler<'task-list'> = ({ planId }, { workbook }) => {
  const id = planId ?? defaultPlanId(workbook.db);
  return id === null ? [] : listTasks(workbook.db, id);
};

export const taskUpdate: Handler<'task-update'> = ({ edits, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const numbers = new Map<number, number>();
  for (const row of db.prepare('SELECT id, number FROM task WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(edits.map((e) => e.taskId))) as { id: number; number: number }[]) {
    numbers.set(row.id, row.number);
  }
  const cells = edits.map((edit) => {
    const number = numbers.get(edit.taskId);
    return {
      where: `任务${number ?? `（编号${edit.taskId}）`}「${TASK_FIELD_LABELS[edit.field]}」`,
      text: edit.value,
      plan: number === undefined ? refuse('任务不存在，可能已被删除，请刷新') : planTaskEdit(db, edit.taskId, edit.field, edit.value),
    };
  });
  const first = edits[0];
  const single = () => `修改任务${numbers.get(first?.taskId ?? 0) ?? ''}的${first ? TASK_FIELD_LABELS[first.field] : ''}`;
  const taskIds = [...new Set(edits.map((e) => e.taskId))];
  const touchesOwners = edits.some((e) => e.field === 'leadUnits' || e.field === 'coUnits');
  applyCellEdits(journal, batchLabel(label, single, edits.length), reason ?? '', cells, touchesOwners ? () => assertEveryTaskLed(db, taskIds, numbers) : undefined);
  return getTasks(db, taskIds);
};

const ROLE_LABELS = { lead: '牵头', co: '配合' } as const;

/** Run inside the action's transaction: throwing rolls the batch back. */
function assertEveryTaskLed(db: Db, taskIds: readonly number[], numbers: ReadonlyMap<number, number>): void {
  const leadless = taskIds.filter((taskId) => !db.prepare("SELECT 1 FROM task_owner WHERE task_id = ? AND role = 'lead'").get(taskId));
  if (leadless.length > 0) {
    throw new WorkbenchError('bad_input', `任务${leadless.map((t) => numbers.get(t)).join('、')}将没有牵头单位，未做任何修改。请先指定其他牵头单位。`);
  }
}

/**
 * The matrix: units' roles on tasks — lead (●), co (○) or none — as one action however many cells change.
 * A task is never left without a lead unit.
 */
export const taskOwnerSet: Handler<'task-owner-set'> = ({ changes, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const taskNumbers = new Map((db.prepare('SELECT id, number FROM task').all() as { id: number; number: number }[]).map((t) => [t.id, t.number]));
  const unitNames = new Map((db.prepare('SELECT id, name FROM unit').all() as { id: number; name: string }[]).map((u) => [u.id, u.name]));
  const cells = changes.map((change) => {
    const number = taskNumbers.get(change.taskId);
    const name = unitNames.get(change.unitId);
    const where = `任务${number ?? change.taskId} × ${name ?? change.unitId}`;
    const text = change.role ? ROLE_LABELS[change.role] : '（空）';
    if (number === undefined || name === undefined) return { where, text, plan: refuse('任务或单位不存在，请刷新') };
    return {
      where,
      text,
      plan: accept((recorder) => {
        const key = { task_id: change.taskId, unit_id: change.unitId };
        const current = db.prepare('SELECT role FROM task_owner WHERE task_id = ? AND unit_id = ?').get(change.taskId, change.unitId) as { role: OwnerRole } | undefined;
        if (change.role === null) recorder.delete('task_owner', key);
        else if (current) recorder.update('task_owner', key, 'role', change.role);
        else {
          const ord = (db.prepare('SELECT COALESCE(MAX(ord), -1) + 1 AS ord FROM task_owner WHERE task_id = ?').get(change.taskId) as { ord: number }).ord;
          recorder.insert('task_owner', { ...key, role: change.role, ord });
        }
      }),
    };
  });
  const first = changes[0];
  const single = () =>
    `任务${taskNumbers.get(first?.taskId ?? 0) ?? ''}：${unitNames.get(first?.unitId ?? 0) ?? ''}设为${first?.role ? ROLE_LABELS[first.role] : '不参与'}`;
  const taskIds = [...new Set(changes.map((c) => c.taskId))];
  applyCellEdits(journal, batchLabel(label, single, changes.length), reason ?? '', cells, () => assertEveryTaskLed(db, taskIds, taskNumbers));
  return getTasks(db, taskIds);
};
