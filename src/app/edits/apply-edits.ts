import { LinePlanner, type LineFacts } from '../../core/budget/line-edits';
import type { EditPlan } from '../../core/edits/row-changes';
import { refuse } from '../../core/edits/row-changes';
import { planTargetEdits, stateAsImportsRead, type TargetEdit, type TargetState } from '../../core/plan/target-edits';
import { isOwnerEdit, planTaskEdits, type TaskEdit } from '../../core/plan/task-edits';
import { planOrgEdits, type OrgEdit } from '../../core/plan/org-edits';
import type { BudgetLineField } from '../../shared/budget';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import { TASK_FIELDS, type TaskFieldKey } from '../../shared/fields/task-fields';
import { ORG_FIELDS } from '../../shared/fields/org-fields';
import type { ErrorDetail } from '../../shared/result';
import { WorkbenchError } from '../../shared/result';
import { scenarioModel } from '../store/budget-repository';
import type { Db } from '../store/connection';
import { nextId } from '../store/ids';
import { type Journal, writeChanges } from '../store/journal';
import { hasLeadOrg, taskOwners } from '../store/owner-repository';
import { defaultPlanId } from '../store/plan-repository';
import { checkScenarioName } from '../store/scenario-writer';
import { nextBaselineLineOrd, overrideOf, overridesOfLine } from '../store/scenario-repository';
import { targetStates } from '../store/target-repository';
import { taskByNumber, taskNumbers } from '../store/task-repository';
import { findOrgId, orgAliases, orgNames } from '../store/org-repository';
import type { Workbook } from '../store/workbook';
import { refuseStaleCells } from './stale-cells';

/**
 * The one way an edit reaches the workbook — the grids, a paste, Delete, 按比例调整, the round-trip import and a
 * org's returned packet alike: the state the cells need is loaded through the repositories, core's planners say
 * what each cell changes (or why it cannot), and if every cell can be stored the changes are written as one
 * journal action; otherwise nothing is written and every bad cell is named.
 */

/** How a cell is shown in a refusal: where it is ("任务6「状态」") and what the user typed. Defaults from the row. */
interface Shown {
  where?: string;
  text?: string;
}

export type LineEdit =
  | { lineId: number; field: BudgetLineField; value: string }
  | { add: { code: string; name: string; amountFen: number } }
  | { remove: number }
  /** a scenario's amounts (a 情景 sheet): into the scenario `scenarioId`, or a new scenario named `name` */
  | {
      scenarioAmounts: { scenarioId: number | null; name: string; note: string; amounts: readonly { lineId: number; amountFen: number }[] };
    };

export type EditBatch =
  /** `asImports`: the target states as the packet and spreadsheet imports read them (see stateAsImportsRead) */
  | { entity: 'target'; edits: readonly (TargetEdit & Shown)[]; asImports?: boolean }
  | { entity: 'task'; edits: readonly (TaskEdit & Shown)[] }
  | { entity: 'org'; edits: readonly (OrgEdit & Shown)[] }
  | { entity: 'line'; scenarioId: number; edits: readonly (LineEdit & Shown)[] };

export interface PlannedCell {
  where: string;
  text: string;
  plan: EditPlan;
}

export interface PlannedBatch {
  cells: PlannedCell[];
  /** runs after the writes, inside the transaction: throwing rolls the whole action back */
  check?: () => void;
}

const ROLE_LABELS = { lead: '牵头', co: '配合' } as const;

/** A target's cell as the grid shows its row: its task number (or 重点工作), the target's name, the field. */
function targetCellWhere(taskNumber: number | null, label: string, field: TargetEdit['field']): string {
  return `${taskNumber === null ? '重点工作' : `任务${taskNumber}`} · 指标“${label}”「${TARGET_FIELDS[field].label}」`;
}

/** A task's cell: 任务6「状态」. */
function taskCellWhere(taskNumber: number | undefined, taskId: number, field: TaskFieldKey): string {
  return `任务${taskNumber ?? `（编号${taskId}）`}「${TASK_FIELDS[field].label}」`;
}

function planTargets(db: Db, batch: Extract<EditBatch, { entity: 'target' }>): PlannedBatch {
  const states = new Map<number, TargetState>();
  const taskNumberOf = new Map<number, number | null>();
  for (const { taskNumber, ...state } of targetStates(
    db,
    batch.edits.map((e) => e.targetId),
  )) {
    states.set(state.id, batch.asImports ? stateAsImportsRead(state) : state);
    taskNumberOf.set(state.id, taskNumber);
  }
  const where = (edit: TargetEdit): string => {
    const state = states.get(edit.targetId);
    return state ? targetCellWhere(taskNumberOf.get(state.id) ?? null, state.label, edit.field) : `指标（编号${edit.targetId}）`;
  };
  const plans = planTargetEdits(states, batch.edits);
  return {
    cells: batch.edits.map((edit, i) => ({ where: edit.where ?? where(edit), text: edit.text ?? edit.value, plan: plans[i] as EditPlan })),
  };
}

/** Run inside the action's transaction: throwing rolls the batch back. */
function assertEveryTaskLed(db: Db, taskIds: readonly number[], numbers: ReadonlyMap<number, number>): void {
  const leadless = taskIds.filter((taskId) => !hasLeadOrg(db, taskId));
  if (leadless.length > 0) {
    throw new WorkbenchError(
      'bad_input',
      `任务${leadless.map((t) => numbers.get(t)).join('、')}将没有牵头单位，未做任何修改。请先指定其他牵头单位。`,
    );
  }
}

function planTasks(db: Db, batch: Extract<EditBatch, { entity: 'task' }>): PlannedBatch {
  const numbers = taskNumbers(db);
  let names: Map<number, string> | undefined;
  const orgName = (orgId: number): string | undefined => (names ??= orgNames(db)).get(orgId);
  const plans = planTaskEdits(
    {
      number: (taskId) => numbers.get(taskId),
      orgName,
      findOrg: (name) => findOrgId(db, name),
      owners: (taskId) => taskOwners(db, taskId),
    },
    batch.edits,
  );
  const cells = batch.edits.map((edit, i) => {
    const plan = plans[i] as EditPlan;
    if ('field' in edit)
      return {
        where: edit.where ?? taskCellWhere(numbers.get(edit.taskId), edit.taskId, edit.field),
        text: edit.text ?? edit.value,
        plan,
      };
    return {
      where: edit.where ?? `任务${numbers.get(edit.taskId) ?? edit.taskId} × ${orgName(edit.orgId) ?? edit.orgId}`,
      text: edit.text ?? (edit.role ? ROLE_LABELS[edit.role] : '（空）'),
      plan,
    };
  });
  // a task is never left without a lead org
  const ledTasks = [...new Set(batch.edits.filter(isOwnerEdit).map((edit) => edit.taskId))];
  return { cells, check: ledTasks.length > 0 ? () => assertEveryTaskLed(db, ledTasks, numbers) : undefined };
}

function planOrgs(db: Db, batch: Extract<EditBatch, { entity: 'org' }>): PlannedBatch {
  const names = orgNames(db);
  const plans = planOrgEdits(
    { exists: (orgId) => names.has(orgId), findOrg: (name) => findOrgId(db, name), aliases: (orgId) => orgAliases(db, orgId) },
    batch.edits,
  );
  return {
    cells: batch.edits.map((edit, i) => ({
      where: edit.where ?? `单位“${names.get(edit.orgId) ?? edit.orgId}”「${ORG_FIELDS[edit.field].label}」`,
      text: edit.text ?? edit.value,
      plan: plans[i] as EditPlan,
    })),
  };
}

/** A refusal from the store's own checks (a scenario's name), as a plan. */
function refusalOf(error: unknown): EditPlan {
  if (error instanceof WorkbenchError) return refuse(error.message.replace(/。$/, ''));
  throw error;
}

function planLines(db: Db, batch: Extract<EditBatch, { entity: 'line' }>): PlannedBatch {
  const model = scenarioModel(db, batch.scenarioId);
  const { arrays, meta, indexById, baselineId } = model.baseline;
  let planId: number | null | undefined;
  const planner = new LinePlanner({
    scenario: model.scenario,
    line: (lineId): LineFacts | undefined => {
      const index = indexById.get(lineId);
      const line = index === undefined ? undefined : meta[index];
      if (index === undefined || !line) return undefined;
      return {
        code: line.code,
        name: line.name,
        hasDriver: arrays.hasDriver[index] === 1,
        amountFen: arrays.amountFen[index] ?? 0,
        quantity: arrays.quantity[index] ?? 0,
        rateFen: arrays.rateFen[index] ?? 0,
        targetId: line.targetId,
        targetLabel: line.targetLabel,
      };
    },
    hasOverride: (scenarioId, lineId, field) => overrideOf(db, scenarioId, lineId, field) !== undefined,
    overridesOfLine: (lineId) => overridesOfLine(db, lineId),
    taskByNumber: (number) => taskByNumber(db, (planId ??= defaultPlanId(db)), number),
    nextLine: () => ({ id: nextId(db, 'budget_line'), ord: nextBaselineLineOrd(db, baselineId) }),
  });
  let nextScenarioId: number | undefined;
  const cells = batch.edits.map((edit): PlannedCell => {
    if ('add' in edit) {
      const { code, name, amountFen } = edit.add;
      return { where: edit.where ?? `新增预算行“${name}”`, text: edit.text ?? name, plan: planner.add(code, name, amountFen) };
    }
    if ('remove' in edit) return { where: edit.where ?? `预算行${edit.remove}`, text: edit.text ?? '', plan: planner.removal(edit.remove) };
    if ('scenarioAmounts' in edit) {
      const { scenarioId, name, note, amounts } = edit.scenarioAmounts;
      const shown = { where: edit.where ?? `情景“${name}”`, text: edit.text ?? `${amounts.length}行` };
      if (scenarioId !== null) return { ...shown, plan: planner.scenarioAmounts({ scenarioId }, amounts) };
      let checked: string;
      try {
        checked = checkScenarioName(db, name);
      } catch (error) {
        return { ...shown, plan: refusalOf(error) };
      }
      nextScenarioId = (nextScenarioId ?? nextId(db, 'scenario') - 1) + 1;
      const created = { id: nextScenarioId, name: checked, baselineId, note, createdAt: new Date().toISOString() };
      return { ...shown, plan: planner.scenarioAmounts({ created }, amounts) };
    }
    return {
      where: edit.where ?? planner.where(edit.lineId, edit.field),
      text: edit.text ?? edit.value,
      plan: planner.cell(edit.lineId, edit.field, edit.value),
    };
  });
  return { cells };
}

/** Plans a batch of edits of one kind of row against the workbook as it is now; nothing is written. */
export function planEdits(db: Db, batch: EditBatch): PlannedBatch {
  switch (batch.entity) {
    case 'target':
      return planTargets(db, batch);
    case 'task':
      return planTasks(db, batch);
    case 'org':
      return planOrgs(db, batch);
    case 'line':
      return planLines(db, batch);
  }
}

const shortText = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * Writes planned batches as one action: any refusal and nothing is written, every bad cell listed with what was
 * typed and why; else every change goes through the journal in one transaction, and the batches' checks run
 * after the writes, inside it.
 */
export function writeEdits(
  journal: Journal,
  label: string,
  reason: string,
  batches: readonly PlannedBatch[],
  /** runs first inside the action's transaction (under a team workbook's write lock); throwing writes nothing */
  beforeWriting?: (cells: readonly PlannedCell[]) => void,
): void {
  const cells = batches.flatMap((batch) => batch.cells);
  const problems: ErrorDetail[] = [];
  for (const cell of cells)
    if (!cell.plan.ok) problems.push({ where: cell.where, message: `“${shortText(cell.text)}”：${cell.plan.reason}` });
  if (problems.length > 0) {
    const only = problems[0];
    // one cell: the sentence says it all (where, what was typed, why, an example); the detail repeats it for tools
    const message =
      cells.length === 1 && only ? `未修改：${only.where}：${only.message}` : `${problems.length}个单元格无法保存，整批未做任何修改。`;
    throw new WorkbenchError('bad_input', message, problems);
  }
  journal.record(label, reason, (recorder) => {
    beforeWriting?.(cells);
    for (const cell of cells) if (cell.plan.ok) writeChanges(recorder, cell.plan.changes);
    for (const batch of batches) batch.check?.();
  });
}

/**
 * Plans and writes one batch: the grids' edit channels, paste, Delete and the packet import. `againstRead`: the
 * edit was made in a grid against the rows this window last read, and a cell someone else has changed since is
 * refused rather than overwritten (stale-cells.ts).
 */
export function applyEdits(
  workbook: Workbook,
  batch: EditBatch,
  reason: string,
  label: string,
  options: { againstRead?: boolean } = {},
): void {
  writeEdits(
    workbook.journal,
    label,
    reason,
    [planEdits(workbook.db, batch)],
    options.againstRead ? (cells) => refuseStaleCells(workbook, cells) : undefined,
  );
}

/** The journal's label of a batch: the one the page gives, a sentence for one cell, or the count. */
export function batchLabel(given: string | undefined, single: () => string, count: number): string {
  if (given) return given;
  return count === 1 ? single() : `修改${count}个单元格`;
}
