import { TASK_STATUSES, type TaskEditableField, type TaskStatus } from '../../shared/contract';
import type { OwnerRole } from '../../shared/plan';
import { TASK_STATUS_LABELS } from '../../shared/task-status';
import { accept, type EditPlan, insert, refuse, remove, type RowChange, update } from '../edits/row-changes';
import { splitOrgNames } from './org-edits';

/**
 * What an edit of a task changes: a cell of the task grid (grid, paste, spreadsheet import) or one org's role on
 * it (the 任务分工表 matrix, its sheet). Pure: the facts come in as lookups, changes come out. A batch threads the
 * owners it has planned, so a pasted 牵头单位 and 配合单位 of one task, or two matrix cells, build on each other.
 */

const TEXT_COLUMNS = { title: 'title', progressNote: 'progress_note', remark: 'remark' } as const;

/** Status as stored or as shown (a paste from Excel carries the Chinese label). */
const STATUS_WORDS: Record<string, TaskStatus> = {
  ...Object.fromEntries(TASK_STATUSES.map((status) => [TASK_STATUS_LABELS[status], status])),
  进行中: 'in_progress',
  完成: 'done',
  ...Object.fromEntries(TASK_STATUSES.map((status) => [status, status])),
};

export interface TaskOwner {
  orgId: number;
  role: OwnerRole;
  ord: number;
}

export interface TaskEditFacts {
  /** the task's number in its plan, undefined when there is no such task */
  number(taskId: number): number | undefined;
  /** the org's name, undefined when there is no such org */
  orgName(orgId: number): string | undefined;
  /** the org holding `name` as its name or an alias, as the workbook is before the batch */
  findOrg(name: string): number | null;
  /** the task's owners before the batch */
  owners(taskId: number): readonly TaskOwner[];
}

/** A task cell, or one org's role on a task (null: not involved). */
export type TaskEdit =
  { taskId: number; field: TaskEditableField; value: string } | { taskId: number; orgId: number; role: OwnerRole | null };

export const TASK_MISSING = '任务不存在，可能已被删除，请刷新';

export const isOwnerEdit = (edit: TaskEdit): boolean => !('field' in edit) || edit.field === 'leadOrgs' || edit.field === 'coOrgs';

export function planTaskEdits(facts: TaskEditFacts, edits: readonly TaskEdit[]): EditPlan[] {
  const ownersNow = new Map<number, TaskOwner[]>();
  const ownersOf = (taskId: number): TaskOwner[] => {
    let owners = ownersNow.get(taskId);
    if (!owners) {
      owners = facts.owners(taskId).map((owner) => ({ ...owner }));
      ownersNow.set(taskId, owners);
    }
    return owners;
  };

  /** Makes `orgIds` (in order) the task's owners in `role`; an org holding the other role moves over. */
  const setOwners = (taskId: number, role: OwnerRole, orgIds: readonly number[]): RowChange[] => {
    const current = ownersOf(taskId);
    const changes: RowChange[] = [];
    const kept: TaskOwner[] = [];
    for (const owner of current) {
      if (owner.role === role && !orgIds.includes(owner.orgId))
        changes.push(remove('task_owner', { task_id: taskId, unit_id: owner.orgId }));
      else kept.push(owner);
    }
    let nextOrd = current.reduce((max, owner) => Math.max(max, owner.ord), -1) + 1;
    for (const orgId of orgIds) {
      const existing = kept.find((owner) => owner.orgId === orgId);
      if (existing) {
        changes.push(update('task_owner', { task_id: taskId, unit_id: orgId }, 'role', role));
        existing.role = role;
      } else {
        changes.push(insert('task_owner', { task_id: taskId, unit_id: orgId, role, ord: nextOrd }));
        kept.push({ orgId, role, ord: nextOrd++ });
      }
    }
    ownersNow.set(taskId, kept);
    return changes;
  };

  /** One org's role on one task — lead, co or none — as the matrix and its sheet set it. */
  const setRole = (taskId: number, orgId: number, role: OwnerRole | null): RowChange[] => {
    const owners = ownersOf(taskId);
    const key = { task_id: taskId, unit_id: orgId };
    const current = owners.find((owner) => owner.orgId === orgId);
    if (role === null) {
      if (!current) return [];
      ownersNow.set(
        taskId,
        owners.filter((owner) => owner !== current),
      );
      return [remove('task_owner', key)];
    }
    if (current) {
      current.role = role;
      return [update('task_owner', key, 'role', role)];
    }
    const ord = owners.reduce((max, owner) => Math.max(max, owner.ord), -1) + 1;
    owners.push({ orgId, role, ord });
    return [insert('task_owner', { ...key, role, ord })];
  };

  return edits.map((edit): EditPlan => {
    const { taskId } = edit;
    if (!('field' in edit)) {
      if (facts.number(taskId) === undefined || facts.orgName(edit.orgId) === undefined) return refuse('任务或单位不存在，请刷新');
      return accept(...setRole(taskId, edit.orgId, edit.role));
    }
    if (facts.number(taskId) === undefined) return refuse(TASK_MISSING);
    const { field, value } = edit;
    const key = { id: taskId };
    switch (field) {
      case 'status': {
        const status = STATUS_WORDS[value.trim()];
        return status ? accept(update('task', key, 'status', status)) : refuse('状态请选“未开始”“推进中”“已完成”“滞后”或“暂停”');
      }
      case 'title':
        if (value.trim() === '') return refuse('任务名称不能为空');
        return accept(update('task', key, 'title', value.trim()));
      case 'progressNote':
      case 'remark':
        return accept(update('task', key, TEXT_COLUMNS[field], value));
      case 'leadOrgs':
      case 'coOrgs': {
        const names = splitOrgNames(value);
        const ids = names.map((name) => facts.findOrg(name));
        const unknown = names.filter((_, i) => ids[i] === null);
        if (unknown.length > 0) return refuse(`没有名为“${unknown.join('、')}”的责任单位（可先在“责任单位”表中新增）`);
        if (field === 'leadOrgs' && ids.length === 0) return refuse('每项任务至少要有一个牵头单位');
        return accept(...setOwners(taskId, field === 'leadOrgs' ? 'lead' : 'co', [...new Set(ids as number[])]));
      }
    }
  });
}
