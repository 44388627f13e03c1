import { isKnownClass } from '../../core/budget/classification';
import { parseMoney } from '../../core/budget/money';
import { type StoredExecutionLine } from '../../core/execution/analysis';
import { codesOverlap, REMAINDER_NOTE } from '../../core/execution/hierarchy';
import { periodLabel } from '../../core/execution/period';
import type { ExecutionEntryField } from '../../shared/execution';
import { EXECUTION_LINE_FIELDS } from '../../shared/fields/execution-line-fields';
import { type ErrorDetail, WorkbenchError } from '../../shared/result';
import { rowsAfterEdit } from '../execution/execution-model';
import { currentBaselineId, lineRows, scenarioModel } from '../store/budget-repository';
import type { Db } from '../store/connection';
import {
  currentReportId,
  getBudget,
  getReport,
  insertReport,
  nextLineOrd,
  previousReportId,
  reportLines,
} from '../store/execution-repository';
import { nextId } from '../store/ids';
import type { Handler } from './context';

/**
 * A year's execution entered by hand, month by month, in the same grid as the analysis: each paste or edit is
 * one undoable action, refused whole when any cell is wrong; a code that overlaps another line's (a 类 beside
 * its own 项) is refused, since the same money would be counted twice.
 */

type Parsed = { ok: true; value: string | number | null } | { ok: false; reason: string };

function checkCode(code: string, others: readonly Pick<StoredExecutionLine, 'code' | 'name' | 'note'>[]): Parsed {
  if (!/^\d{3,12}$/.test(code)) return { ok: false, reason: '科目编码应为3到12位数字' };
  if (!isKnownClass(code.slice(0, 3))) return { ok: false, reason: '前三位不是2017年支出功能分类的类级科目' };
  const overlap = others.find((line) => line.note !== REMAINDER_NOTE && codesOverlap(line.code, code));
  if (overlap) return { ok: false, reason: `与“${overlap.code} ${overlap.name}”上下级重叠，同一笔支出会被计算两次` };
  return { ok: true, value: code };
}

function parseEntry(field: ExecutionEntryField, text: string, others: readonly StoredExecutionLine[]): Parsed {
  const value = text.trim();
  switch (field) {
    case 'code':
      return checkCode(value, others);
    case 'name':
      return value === '' ? { ok: false, reason: '科目名称不能为空' } : { ok: true, value: value.slice(0, 200) };
    case 'note':
      return { ok: true, value: text.slice(0, 2000) };
    case 'cumulative':
      if (value === '' || /^[-—–]+$/.test(value)) return { ok: false, reason: '累计数不能为空（如确为0请填0）' };
      return money(value);
    default:
      return value === '' || /^[-—–]+$/.test(value) ? { ok: true, value: null } : money(value);
  }
  function money(input: string): Parsed {
    const parsed = parseMoney(input, 'wan');
    return parsed.ok ? { ok: true, value: parsed.fen } : { ok: false, reason: parsed.reason };
  }
}

function currentReport(db: Db, reportId: number) {
  const report = getReport(db, reportId);
  if (report.superseded) throw new WorkbenchError('conflict', `${report.label}的这张执行报表已被替换或撤下，请刷新。`);
  return report;
}

export const executionLinesUpdate: Handler<'execution-lines-update'> = ({ reportId, edits, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const report = currentReport(db, reportId);
  const lines = reportLines(db, reportId);
  const byId = new Map(lines.map((line) => [line.id, line]));
  const problems: ErrorDetail[] = [];
  const planned = edits.map((edit) => {
    const line = byId.get(edit.lineId);
    if (!line) throw new WorkbenchError('not_found', `执行数行不存在（编号 ${edit.lineId}），可能已被删除，请刷新。`);
    const parsed = parseEntry(
      edit.field,
      edit.value,
      lines.filter((other) => other.id !== line.id),
    );
    if (!parsed.ok)
      problems.push({
        where: `${line.code} ${line.name}「${EXECUTION_LINE_FIELDS[edit.field].label}」`,
        message: `“${edit.value}”：${parsed.reason}`,
      });
    return { edit, parsed };
  });
  if (problems.length > 0) throw new WorkbenchError('bad_input', `有${problems.length}个单元格不能保存，整批未做任何修改。`, problems);
  const budget = getBudget(db, report.budgetId);
  journal.record(label ?? `执行数：${budget.name} ${report.label}，修改${edits.length}个单元格`, reason ?? '', (recorder) => {
    for (const { edit, parsed } of planned)
      if (parsed.ok) recorder.update('execution_line', { id: edit.lineId }, EXECUTION_LINE_FIELDS[edit.field].column, parsed.value);
  });
  return rowsAfterEdit(db, report.budgetId, report, new Set(edits.map((e) => e.lineId)));
};

export const executionLineAdd: Handler<'execution-line-add'> = ({ reportId, code, name }, { workbook }) => {
  const { db, journal } = workbook;
  const report = currentReport(db, reportId);
  const checked = checkCode(code.trim(), reportLines(db, reportId));
  if (!checked.ok) throw new WorkbenchError('bad_input', `科目编码“${code}”：${checked.reason}。`);
  if (name.trim() === '') throw new WorkbenchError('bad_input', '科目名称不能为空。');
  const id = nextId(db, 'execution_line');
  journal.record(`执行数：${report.label}新增“${name.trim()}”`, '', (recorder) => {
    recorder.insert('execution_line', {
      id,
      report_id: reportId,
      ord: nextLineOrd(db, reportId),
      code: code.trim(),
      name: name.trim().slice(0, 200),
      initial_budget_fen: null,
      adjusted_budget_fen: null,
      month_fen: null,
      cumulative_fen: 0,
      note: '',
    });
  });
  const [row] = rowsAfterEdit(db, report.budgetId, report, new Set([id]));
  if (!row) throw new WorkbenchError('internal', '保存后无法读回执行数行。');
  return row;
};

export const executionLinesDelete: Handler<'execution-lines-delete'> = ({ reportId, lineIds }, { workbook }) => {
  const { db, journal } = workbook;
  const report = currentReport(db, reportId);
  const own = new Set(reportLines(db, reportId).map((line) => line.id));
  const missing = lineIds.filter((id) => !own.has(id));
  if (missing.length > 0) throw new WorkbenchError('not_found', `有${missing.length}行不属于这张执行报表，请刷新。`);
  journal.record(`执行数：${report.label}删除${lineIds.length}行`, '', (recorder) => {
    for (const id of lineIds) recorder.delete('execution_line', { id });
  });
  return { deleted: lineIds.length };
};

/**
 * A new month to fill in by hand: the lines of the latest earlier month of the year (budgets and spending so
 * far, which the new month's 累计 starts from), or for a first month the workbook's current budget lines.
 */
export const executionMonthCreate: Handler<'execution-month-create'> = ({ budgetId, year, month }, { workbook }) => {
  const { db, journal } = workbook;
  const budget = getBudget(db, budgetId);
  const period = { year, month };
  const label = periodLabel(period);
  if (currentReportId(db, budgetId, period) !== null) throw new WorkbenchError('conflict', `“${budget.name}”已有${label}的执行报表。`);
  const previous = previousReportId(db, budgetId, period);
  const lines = previous !== null ? reportLines(db, previous).map((line) => ({ ...line, monthFen: null })) : baselineStart(db);
  const { reportId } = journal.record(`新建执行报表：${budget.name} ${label}（手工录入）`, '', (recorder) =>
    insertReport(db, recorder, budgetId, period, lines, { source: '手工录入', isExample: false }),
  );
  return getReport(db, reportId);
};

/** The workbook's current budget lines, as the first month's rows: their amounts as 年初预算, nothing spent yet. */
function baselineStart(db: Db): Omit<StoredExecutionLine, 'id'>[] {
  const baselineId = currentBaselineId(db);
  if (baselineId === null) return [];
  return lineRows(scenarioModel(db, baselineId)).map((line) => ({
    code: line.code,
    name: line.name,
    initialBudgetFen: line.amountFen,
    adjustedBudgetFen: null,
    monthFen: null,
    cumulativeFen: 0,
    note: '',
  }));
}
