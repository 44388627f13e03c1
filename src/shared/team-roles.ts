import { z } from 'zod';
import type { CommandId } from './commands';

/**
 * A person's role in a team workbook, as the page sees it. The database enforces each role
 * (src/app/store/pg/server-roles.ts, the source of truth); this module only lets the desktop stop offering what the
 * server would refuse, so a 单位填报 user does not type into cells that cannot be kept. Every rule here mirrors a
 * grant or a policy there, and test/unit/team-roles.test.ts holds the two side by side.
 */
export const ROLE_KINDS = ['reader', 'reporter', 'editor', 'admin'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];
export const ROLE_LABELS: Record<RoleKind, string> = { reader: '只读', reporter: '单位填报', editor: '编辑', admin: '管理员' };

export const workbookRoleSchema = z.object({
  kind: z.enum(ROLE_KINDS),
  label: z.string(),
  /** for 单位填报: the 责任单位 whose tasks' targets the person reports on, by its name in the workbook */
  orgName: z.string().optional(),
});
export type WorkbookRole = z.infer<typeof workbookRoleSchema>;

export function workbookRole(kind: RoleKind, orgName?: string): WorkbookRole {
  return { kind, label: ROLE_LABELS[kind], ...(kind === 'reporter' && orgName !== undefined ? { orgName } : {}) };
}

export function sameRole(a: WorkbookRole | undefined, b: WorkbookRole | undefined): boolean {
  return a?.kind === b?.kind && a?.orgName === b?.orgName;
}

/**
 * What a write touches, in the terms of the server's grants:
 * - reported: a target's 实际值 and 备注 (`GRANT UPDATE (actual, note) ON target TO reporter`, limited by the
 *   `reporters_own` policy to the targets of tasks the reporter's 责任单位 leads or co-owns);
 * - values: the plan's and the budget's values (`EDITOR_UPDATES` / `EDITOR_WRITES`: UPDATE of tasks, targets, units,
 *   budget lines, settings; INSERT/UPDATE/DELETE of task owners, aliases, scenario overrides, target links);
 * - structure: anything else — plans, tasks or targets added or deleted, 责任单位 added or merged, budgets and
 *   budget lines added, scenarios, execution reports (`GRANT ALL … TO admin` only).
 */
export type WriteArea = 'reported' | 'values' | 'structure';

const AREAS_OF: Record<RoleKind, readonly WriteArea[]> = {
  reader: [],
  reporter: ['reported'],
  editor: ['reported', 'values'],
  admin: ['reported', 'values', 'structure'],
};

/** A file workbook (no role) may write everything; whether another window holds it is the read-only notice's. */
export function mayWrite(role: WorkbookRole | undefined, area: WriteArea): boolean {
  return !role || AREAS_OF[role.kind].includes(area);
}

/** The target fields a 单位填报 user reports (the server's column grant). */
export const REPORTED_TARGET_FIELDS = ['actual', 'note'] as const;

/** The owners of a target's task, as the task list names them. */
export interface TaskOwners {
  leadOrgs: readonly string[];
  coOrgs: readonly string[];
}

/** Why the role may not edit this target cell, or null when it may. `task` is undefined for a target without a task. */
export function targetCellRefusal(role: WorkbookRole | undefined, field: string, task: TaskOwners | undefined): string | null {
  const reported = (REPORTED_TARGET_FIELDS as readonly string[]).includes(field);
  if (role?.kind !== 'reporter') return areaRefusal(role, reported ? 'reported' : 'values');
  if (!reported) return '单位填报只能填写指标的实际值和备注。';
  const org = role.orgName ?? '';
  // the reporters_own policy: a task_owner row of the member's org, lead or co-owner alike
  if (!task || !(task.leadOrgs.includes(org) || task.coOrgs.includes(org))) return `单位填报只能填写${org}牵头或协办的任务的指标。`;
  return null;
}

export const READER_REFUSAL = '你在该团队工作簿中的身份是只读，不能修改。';

/** Why the role may not make writes of this area, or null when it may. */
export function areaRefusal(role: WorkbookRole | undefined, area: WriteArea): string | null {
  if (!role || mayWrite(role, area)) return null;
  if (role.kind === 'reader') return READER_REFUSAL;
  return `你在该团队工作簿中的身份是${role.label}，${area === 'structure' ? '只有管理员可以修改这部分内容' : '不能修改这部分内容'}。`;
}

/** What each command writes; commands that write nothing (export, print, views, opening) are absent. */
const COMMAND_AREAS: Partial<Record<CommandId, WriteArea>> = {
  'import-plan': 'structure',
  plans: 'structure',
  'import-budget': 'structure',
  'import-execution': 'structure',
  // 回导 and a local copy's changes write task and target values, never only the reported fields
  'import-xlsx': 'values',
  'local-copy-return': 'values',
  // a 单位报送表 brings back the 实际值/备注 of one 责任单位's targets: the reporter's own work
  'import-packet': 'reported',
  // 撤销/重做 rewrite one's own edits: any writer's
  undo: 'reported',
  redo: 'reported',
};

/** Why the role may not run this command, or null when it may (the menu shows it disabled with this reason). */
export function commandRefusal(role: WorkbookRole | undefined, command: CommandId): string | null {
  const area = COMMAND_AREAS[command];
  return area ? areaRefusal(role, area) : null;
}

/** The status bar's words: 身份：单位填报（市教育局）. */
export function roleText(role: WorkbookRole): string {
  return `身份：${role.label}${role.orgName ? `（${role.orgName}）` : ''}`;
}

/** What the status bar's tooltip says each role may do. */
export function roleHint(role: WorkbookRole): string {
  switch (role.kind) {
    case 'reader':
      return '只能查看，不能修改。';
    case 'reporter':
      return `只能填写${role.orgName ?? '本单位'}牵头或协办任务的指标的实际值和备注；其余内容只能查看。`;
    case 'editor':
      return '可以修改计划和预算的数值；导入计划、增删任务和责任单位、预算表和情景由管理员负责。';
    case 'admin':
      return '可以修改全部内容。';
  }
}
