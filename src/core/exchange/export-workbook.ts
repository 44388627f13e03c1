import * as XLSX from 'xlsx';
import { COMPARATOR_SIGNS, toWrittenUnit } from '../plan/cell-values';
import { PROGRESS_LABELS } from '../progress/progress';
import { classLabel } from '../budget/classification';
import { EXAMPLE_LABEL } from '../budget/example-baseline';
import { compareScenarios } from '../budget/compare';
import { formatPercent, formatStatedPercent } from '../percent';
import { buildSheet, HEADER_ROWS, safeSheetName, type SheetColumn, type SheetSpec } from './sheet-builder';
import { finishXlsx, type SheetFinish } from './finish-xlsx';
import type { CellValue } from './sheet-data';
import {
  BUDGET_HEADERS,
  livelihoodText,
  SCENARIO_HEADERS,
  SHEETS,
  TARGET_HEADERS,
  TASK_HEADERS,
  UNIT_HEADERS,
  type ScenarioSnapshot,
  type WorkbookSnapshot,
} from './snapshot';
import { TASK_STATUS_LABELS } from '../../shared/task-status';

/** The workbook export: every sheet of the format, ready for Excel, WPS and LibreOffice. */

const wan = (fen: number): number => fen / 1_000_000;
const columns = (headers: readonly string[], widths: number[], formats: Record<number, SheetColumn['format']> = {}): SheetColumn[] =>
  headers.map((header, i) => ({ header, width: widths[i] ?? 12, format: formats[i] ?? 'text' }));

function taskSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.tasks,
    title: `${s.planTitle} —— 任务`,
    subtitle: `导出时间：${s.exportedAt}`,
    columns: columns(TASK_HEADERS, [6, 14, 18, 50, 20, 28, 8, 8, 8, 24, 20], { 0: 'int', 6: 'int', 7: 'int' }),
    rows: s.tasks.map((t) => [t.number, t.domainName, t.title, t.body, t.leadUnits.join('、'), t.coUnits.join('、'), t.targetCount, t.targetsMet, TASK_STATUS_LABELS[t.status], t.progressNote, t.remark]),
  };
}

function targetValue(t: WorkbookSnapshot['targets'][number]): CellValue {
  if (t.comparator !== 'range') return t.value;
  const bound = (v: number | null): string => (v === null ? '' : String(toWrittenUnit(v, t.unit)));
  return `${bound(t.min)}~${bound(t.max)}`;
}

function targetSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.targets,
    title: `${s.planTitle} —— 指标`,
    subtitle: `导出时间：${s.exportedAt}　基期值、实际值按指标的单位填写`,
    columns: columns(TARGET_HEADERS, [7, 8, 12, 28, 6, 10, 8, 10, 10, 9, 10, 12, 18, 16, 40], { 0: 'int', 1: 'int', 5: 'count', 7: 'count', 8: 'count', 9: 'percent' }),
    rows: s.targets.map((t) => [
      t.id,
      t.taskNumber,
      t.domainName,
      t.label,
      COMPARATOR_SIGNS[t.comparator],
      targetValue(t),
      t.unit,
      t.baseline,
      t.actual,
      t.completion,
      PROGRESS_LABELS[t.progress],
      t.dueDate,
      t.leadUnits.join('、'),
      t.note,
      t.sourceText,
    ]),
  };
}

function unitSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.units,
    title: `${s.planTitle} —— 责任单位`,
    subtitle: `导出时间：${s.exportedAt}`,
    columns: columns(UNIT_HEADERS, [7, 24, 28, 10, 16, 10, 10], { 0: 'int', 5: 'int', 6: 'int' }),
    rows: s.units.map((u) => [u.id, u.name, u.aliases.join('、'), u.contact, u.phone, u.leadCount, u.coCount]),
  };
}

function matrixSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.matrix,
    title: `${s.planTitle} —— 任务分工表`,
    subtitle: '● 牵头单位　○ 配合单位',
    columns: [{ header: '编号', width: 6, format: 'int' }, { header: '任务', width: 18 }, ...s.units.map((u) => ({ header: u.name, width: 6 }))],
    rows: s.tasks.map((t) => [t.number, t.title, ...s.units.map((u) => (t.leadUnits.includes(u.name) ? '●' : t.coUnits.includes(u.name) ? '○' : null))]),
  };
}

function exampleNote(snapshot: ScenarioSnapshot): string {
  return snapshot.isExample ? `　${EXAMPLE_LABEL}` : '';
}

function shareNote(snapshot: ScenarioSnapshot): string {
  const m = snapshot.metrics;
  return m.share === null ? '' : `　民生占比 ${formatPercent(m.share)}（底线 ${formatStatedPercent(m.floor)}，${m.meetsFloor ? '达标' : '未达标'}）`;
}

function budgetSheet(s: WorkbookSnapshot, baseline: ScenarioSnapshot): SheetSpec {
  return {
    name: SHEETS.budget,
    title: `预算 —— ${baseline.name}`,
    subtitle: `单位：万元${exampleNote(baseline)}${shareNote(baseline)}　口径：${s.settings.source}`,
    columns: columns(BUDGET_HEADERS, [7, 10, 34, 22, 10, 14, 12, 11, 24, 8, 20], { 0: 'int', 5: 'wan', 6: 'count', 7: 'yuan', 9: 'int' }),
    rows: baseline.lines.map((l) => [
      l.id,
      l.code,
      l.name,
      classLabel(l.classCode),
      livelihoodText(l),
      wan(l.amountFen),
      l.hasDriver ? l.quantity : null,
      l.hasDriver && l.rateFen !== null ? l.rateFen / 100 : null,
      l.targetLabel || null,
      l.taskNumber,
      l.note,
    ]),
  };
}

const OP_TEXT = { set: '设定', add: '增减', pct: '按比例' } as const;

function scenarioSheet(scenario: ScenarioSnapshot, taken: Set<string>): SheetSpec {
  const name = safeSheetName(`${SHEETS.scenarioPrefix}${scenario.name}`, taken);
  taken.add(name);
  return {
    name,
    title: `情景 —— ${scenario.name}`,
    subtitle: `单位：万元${exampleNote(scenario)}${shareNote(scenario)}`,
    columns: columns(SCENARIO_HEADERS, [7, 10, 34, 10, 14, 14, 12, 24], { 0: 'int', 4: 'wan', 5: 'wan', 6: 'wan' }),
    rows: scenario.lines.map((l) => [
      l.id,
      l.code,
      l.name,
      l.livelihood ? '是' : '否',
      wan(l.baseAmountFen),
      wan(l.amountFen),
      l.amountFen === l.baseAmountFen ? null : wan(l.amountFen - l.baseAmountFen),
      l.overrides.map((o) => `${{ amount: '金额', quantity: '数量', rate: '单价' }[o.field]}${OP_TEXT[o.op]}`).join('、') || null,
    ]),
  };
}

function compareSheet(s: WorkbookSnapshot, all: ScenarioSnapshot[]): SheetSpec {
  // the sheet shows totals and classes only: no line-by-line matching
  const comparison = compareScenarios(
    all.map((sc) => ({ name: sc.name, floor: s.settings.floor, lines: sc.lines })),
    { lines: false },
  );
  const rows: CellValue[][] = [
    ['支出合计（万元）', ...comparison.metrics.map((m) => wan(m.totalFen))],
    ['民生支出（万元）', ...comparison.metrics.map((m) => wan(m.livelihoodFen))],
    ['民生占比', ...comparison.metrics.map((m) => m.share)],
    ['是否达标', ...comparison.metrics.map((m) => (m.meetsFloor ? '达标' : '未达标'))],
    ['余量 L−fT（万元）', ...comparison.metrics.map((m) => wan(m.headroomFen))],
    ...comparison.classes.map((c) => [`${c.classCode} ${classLabel(c.classCode)}${c.livelihood ? '' : '（非民生）'}`, ...c.amounts.map((a) => (a === null ? null : wan(a)))]),
  ];
  return {
    name: SHEETS.compare,
    title: '情景对比',
    subtitle: `单位：万元（占比除外）　底线 ${formatStatedPercent(s.settings.floor)}${all.some((a) => a.isExample) ? `　${EXAMPLE_LABEL}` : ''}`,
    columns: [{ header: '项目', width: 34 }, ...all.map((sc) => ({ header: sc.name, width: 16, format: 'wan' as const }))],
    rows,
    // the share row holds ratios among amounts (a dense sheet has no "B6" keys to patch afterwards)
    rowFormats: { 2: 'percent' },
  };
}

/** The plain table of one sheet (header row, then data), for CSV. */
export function sheetTable(snapshot: WorkbookSnapshot, sheet: '任务' | '指标' | '责任单位' | '预算'): CellValue[][] {
  const spec =
    sheet === '任务'
      ? taskSheet(snapshot)
      : sheet === '指标'
        ? targetSheet(snapshot)
        : sheet === '责任单位'
          ? unitSheet(snapshot)
          : snapshot.baseline
            ? budgetSheet(snapshot, snapshot.baseline)
            : null;
  return spec ? [spec.columns.map((c) => c.header), ...spec.rows] : [];
}

/** The sheets an export holds, as plain cell tables (title, subtitle, headers, rows), for comparison. */
export function workbookTables(snapshot: WorkbookSnapshot): { name: string; cells: CellValue[][] }[] {
  const specs = [taskSheet(snapshot), targetSheet(snapshot), unitSheet(snapshot), matrixSheet(snapshot)];
  if (snapshot.baseline) {
    const taken = new Set<string>(Object.values(SHEETS));
    specs.push(budgetSheet(snapshot, snapshot.baseline), ...snapshot.scenarios.map((s) => scenarioSheet(s, taken)));
  }
  return specs.map((spec) => ({ name: spec.name, cells: [[spec.title], [spec.subtitle], spec.columns.map((c) => c.header), ...spec.rows] }));
}

export function exportWorkbook(snapshot: WorkbookSnapshot): Uint8Array {
  const workbook = XLSX.utils.book_new();
  const finishes: SheetFinish[] = [];
  const add = (spec: SheetSpec, frozenColumns = 0): XLSX.WorkSheet => {
    const sheet = buildSheet(spec);
    XLSX.utils.book_append_sheet(workbook, sheet, spec.name);
    finishes.push({ frozenRows: HEADER_ROWS, frozenColumns });
    return sheet;
  };
  add(taskSheet(snapshot), 3);
  add(targetSheet(snapshot), 4);
  add(unitSheet(snapshot), 2);
  add(matrixSheet(snapshot), 2);
  if (snapshot.baseline) {
    add(budgetSheet(snapshot, snapshot.baseline), 3);
    const taken = new Set<string>(Object.values(SHEETS));
    for (const scenario of snapshot.scenarios) add(scenarioSheet(scenario, taken), 3);
    add(compareSheet(snapshot, [snapshot.baseline, ...snapshot.scenarios]), 1);
  }
  workbook.Props = { Title: snapshot.planTitle, Author: '民生规划工作台', CreatedDate: new Date() };
  const bytes = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array;
  return finishXlsx(bytes, finishes);
}
