import { classLabel } from '../budget/classification';
import { COMPARATOR_SIGNS } from '../plan/cell-values';
import { writtenRange } from '../plan/target-text';
import { PROGRESS_LABELS } from '../progress/progress';
import type { BudgetLineRow } from '../../shared/budget';
import type { TaskRow } from '../../shared/contract';
import { BUDGET_FIELDS } from '../../shared/fields/budget-fields';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import { TASK_FIELDS } from '../../shared/fields/task-fields';
import { ORG_FIELDS } from '../../shared/fields/org-fields';
import type { TargetRow, OrgRow } from '../../shared/grid';
import { TASK_STATUS_LABELS } from '../../shared/task-status';
import { sheetLayout } from './field-columns';
import type { CellValue } from './sheet-data';
import { livelihoodText } from './snapshot';

/**
 * The columns of the exported workbook's sheets, in order: the export writes them and the round-trip import finds
 * a sheet by its first headings. Headings are the file format users' files carry (see shared/fields).
 */

const wan = (fen: number): number => fen / 1_000_000;

/** A target's value cell: a range as written (1~2), any other value as the number it is. */
function targetValue(t: TargetRow): CellValue {
  return t.comparator === 'range' ? writtenRange(t) : t.value;
}

export const TASK_SHEET = sheetLayout<typeof TASK_FIELDS, TaskRow>(TASK_FIELDS, [
  ['number', 6, (t) => t.number],
  ['domainName', 14, (t) => t.domainName],
  ['title', 18, (t) => t.title],
  ['body', 50, (t) => t.body],
  ['leadOrgs', 20, (t) => t.leadOrgs.join('、')],
  ['coOrgs', 28, (t) => t.coOrgs.join('、')],
  ['targetCount', 8, (t) => t.targetCount],
  ['targetsMet', 8, (t) => t.targetsMet],
  ['status', 8, (t) => TASK_STATUS_LABELS[t.status]],
  ['progressNote', 24, (t) => t.progressNote],
  ['remark', 20, (t) => t.remark],
]);

export const TARGET_SHEET = sheetLayout<typeof TARGET_FIELDS, TargetRow>(TARGET_FIELDS, [
  ['id', 7, (t) => t.id],
  ['taskNumber', 8, (t) => t.taskNumber],
  ['domainName', 12, (t) => t.domainName],
  ['label', 28, (t) => t.label],
  ['comparator', 6, (t) => COMPARATOR_SIGNS[t.comparator]],
  ['value', 10, targetValue],
  ['unit', 8, (t) => t.unit],
  ['baseline', 10, (t) => t.baseline],
  ['actual', 10, (t) => t.actual],
  ['completion', 9, (t) => t.completion],
  ['progress', 10, (t) => PROGRESS_LABELS[t.progress]],
  ['dueDate', 12, (t) => t.dueDate],
  ['leadOrgs', 18, (t) => t.leadOrgs.join('、')],
  ['note', 16, (t) => t.note],
  ['sourceText', 40, (t) => t.sourceText],
]);

export const ORG_SHEET = sheetLayout<typeof ORG_FIELDS, OrgRow>(ORG_FIELDS, [
  ['id', 7, (u) => u.id],
  ['name', 24, (u) => u.name],
  ['aliases', 28, (u) => u.aliases.join('、')],
  ['contact', 10, (u) => u.contact],
  ['phone', 16, (u) => u.phone],
  ['leadCount', 10, (u) => u.leadCount],
  ['coCount', 10, (u) => u.coCount],
]);

export const BUDGET_SHEET = sheetLayout<typeof BUDGET_FIELDS, BudgetLineRow>(BUDGET_FIELDS, [
  ['id', 7, (l) => l.id],
  ['code', 10, (l) => l.code],
  ['name', 34, (l) => l.name],
  ['className', 22, (l) => classLabel(l.classCode)],
  ['livelihood', 10, livelihoodText],
  ['amount', 14, (l) => wan(l.amountFen)],
  ['quantity', 12, (l) => (l.hasDriver ? l.quantity : null)],
  ['rate', 11, (l) => (l.hasDriver && l.rateFen !== null ? l.rateFen / 100 : null)],
  ['targetLabel', 24, (l) => l.targetLabel || null],
  ['taskNumber', 8, (l) => l.taskNumber],
  ['note', 20, (l) => l.note],
]);

/** The 任务分工表 sheet: each task by number and title, then a column per org (● 牵头, ○ 配合). */
export const MATRIX_TASK_COLUMNS = sheetLayout<typeof TASK_FIELDS, TaskRow>(TASK_FIELDS, [
  ['number', 6, (t) => t.number],
  ['title', 18, (t) => t.title],
]).columns;

const OP_TEXT = { set: '设定', add: '增减', pct: '按比例' } as const;

export const SCENARIO_SHEET = sheetLayout<typeof BUDGET_FIELDS, BudgetLineRow>(BUDGET_FIELDS, [
  ['id', 7, (l) => l.id],
  ['code', 10, (l) => l.code],
  ['name', 34, (l) => l.name],
  ['livelihood', 10, (l) => (l.livelihood ? '是' : '否')],
  ['baseAmount', 14, (l) => wan(l.baseAmountFen)],
  ['scenarioAmount', 14, (l) => wan(l.amountFen)],
  ['change', 12, (l) => (l.amountFen === l.baseAmountFen ? null : wan(l.amountFen - l.baseAmountFen))],
  ['adjustments', 24, (l) => l.overrides.map((o) => `${BUDGET_FIELDS[o.field].label}${OP_TEXT[o.op]}`).join('、') || null],
]);
