import { TASK_STATUSES, type TaskEditableField, type TaskStatus } from '../../shared/contract';
import { WorkbenchError } from '../../shared/result';
import { TASK_STATUS_LABELS } from '../../shared/task-status';
import type { OwnerRole } from '../../shared/plan';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { hasLeadUnit, nextOwnerOrd, ownerRole, taskOwners } from '../store/owner-repository';
import { findUnitId } from '../store/unit-repository';
import { accept, refuse, type CellPlan } from './cell-edits';

/** Checking and writing one task cell: shared by the grid, paste, and spreadsheet import. */

const TEXT_COLUMNS = { title: 'title', progressNote: 'progress_note', remark: 'remark' } as const;

/** Status as stored or as shown (a paste from Excel carries the Chinese label). */
const STATUS_WORDS: Record<string, TaskStatus> = {
  ...Object.fromEntries(TASK_STATUSES.map((status) => [TASK_STATUS_LABELS[status], status])),
  进行中: 'in_progress',
  完成: 'done',
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
  const current = taskOwners(db, taskId);
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

export function planTaskEdit(db: Db, taskId: number, field: TaskEditableField, value: string): CellPlan {
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


/** Run inside the action's transaction: throwing rolls the batch back. */
export function assertEveryTaskLed(db: Db, taskIds: readonly number[], numbers: ReadonlyMap<number, number>): void {
  const leadless = taskIds.filter((taskId) => !hasLeadUnit(db, taskId));
  if (leadless.length > 0) {
    throw new WorkbenchError('bad_input', `任务${leadless.map((t) => numbers.get(t)).join('、')}将没有牵头单位，未做任何修改。请先指定其他牵头单位。`);
  }
}

/** One unit's role on one task — lead, co or none — as the matrix and imports set it. */
export function writeOwnerRole(db: Db, recorder: Recorder, taskId: number, unitId: number, role: OwnerRole | null): void {
  const key = { task_id: taskId, unit_id: unitId };
  const current = ownerRole(db, 'task_owner', taskId, unitId);
  if (role === null) recorder.delete('task_owner', key);
  else if (current) recorder.update('task_owner', key, 'role', role);
  else {
    recorder.insert('task_owner', { ...key, role, ord: nextOwnerOrd(db, taskId) });
  }
}
