import * as XLSX from 'xlsx';
import { classLabel } from '../budget/classification';
import { EXAMPLE_LABEL } from '../budget/example-baseline';
import { compareScenarios } from '../budget/compare';
import { formatPercent, formatStatedPercent } from '../percent';
import { buildSheet, dataFormats, DIRECT_ROWS, HEADER_ROWS, safeSheetName, sheetDataXml, sheetRef, type SheetSpec } from './sheet-builder';
import { finishXlsx, type SheetFinish } from './finish-xlsx';
import type { Deflater } from './zip-writer';
import type { CellValue } from './sheet-data';
import { BUDGET_SHEET, MATRIX_TASK_COLUMNS, SCENARIO_SHEET, TARGET_SHEET, TASK_SHEET, ORG_SHEET } from './sheet-layouts';
import { SHEETS, type ScenarioSnapshot, type WorkbookSnapshot } from './snapshot';
import { exportHeader } from '../../shared/fields/field-spec';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import { TASK_FIELDS } from '../../shared/fields/task-fields';

/** The workbook export: every sheet of the format, ready for Excel, WPS and LibreOffice. */

const wan = (fen: number): number => fen / 1_000_000;

function taskSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.tasks,
    title: `${s.planTitle} —— 任务`,
    subtitle: `导出时间：${s.exportedAt}`,
    columns: TASK_SHEET.columns,
    rows: s.tasks.map(TASK_SHEET.cells),
  };
}

function targetSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.targets,
    title: `${s.planTitle} —— 指标`,
    subtitle: `导出时间：${s.exportedAt}　${exportHeader(TARGET_FIELDS.baseline)}、${exportHeader(TARGET_FIELDS.actual)}按指标的单位填写`,
    columns: TARGET_SHEET.columns,
    rows: s.targets.map(TARGET_SHEET.cells),
  };
}

function orgSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.orgs,
    title: `${s.planTitle} —— 责任单位`,
    subtitle: `导出时间：${s.exportedAt}`,
    columns: ORG_SHEET.columns,
    rows: s.orgs.map(ORG_SHEET.cells),
  };
}

function matrixSheet(s: WorkbookSnapshot): SheetSpec {
  return {
    name: SHEETS.matrix,
    title: `${s.planTitle} —— 任务分工表`,
    subtitle: `● ${TASK_FIELDS.leadOrgs.label}　○ ${TASK_FIELDS.coOrgs.label}`,
    columns: [...MATRIX_TASK_COLUMNS, ...s.orgs.map((u) => ({ header: u.name, width: 6 }))],
    rows: s.tasks.map((t) => [
      t.number,
      t.title,
      ...s.orgs.map((u) => (t.leadOrgs.includes(u.name) ? '●' : t.coOrgs.includes(u.name) ? '○' : null)),
    ]),
  };
}

function exampleNote(snapshot: ScenarioSnapshot): string {
  return snapshot.isExample ? `　${EXAMPLE_LABEL}` : '';
}

function shareNote(snapshot: ScenarioSnapshot): string {
  const m = snapshot.metrics;
  return m.share === null
    ? ''
    : `　民生占比 ${formatPercent(m.share)}（底线 ${formatStatedPercent(m.floor)}，${m.meetsFloor ? '达标' : '未达标'}）`;
}

function budgetSheet(s: WorkbookSnapshot, baseline: ScenarioSnapshot): SheetSpec {
  return {
    name: SHEETS.budget,
    title: `预算 —— ${baseline.name}`,
    subtitle: `单位：万元${exampleNote(baseline)}${shareNote(baseline)}　口径：${s.settings.source}`,
    columns: BUDGET_SHEET.columns,
    rows: baseline.lines.map(BUDGET_SHEET.cells),
  };
}

function scenarioSheet(scenario: ScenarioSnapshot, taken: Set<string>): SheetSpec {
  const name = safeSheetName(`${SHEETS.scenarioPrefix}${scenario.name}`, taken);
  taken.add(name);
  return {
    name,
    title: `情景 —— ${scenario.name}`,
    subtitle: `单位：万元${exampleNote(scenario)}${shareNote(scenario)}`,
    columns: SCENARIO_SHEET.columns,
    rows: scenario.lines.map(SCENARIO_SHEET.cells),
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
    ...comparison.classes.map((c) => [
      `${c.classCode} ${classLabel(c.classCode)}${c.livelihood ? '' : '（非民生）'}`,
      ...c.amounts.map((a) => (a === null ? null : wan(a))),
    ]),
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
          ? orgSheet(snapshot)
          : snapshot.baseline
            ? budgetSheet(snapshot, snapshot.baseline)
            : null;
  return spec ? [spec.columns.map((c) => c.header), ...spec.rows] : [];
}

/** The sheets an export holds, as plain cell tables (title, subtitle, headers, rows), for comparison. */
export function workbookTables(snapshot: WorkbookSnapshot): { name: string; cells: CellValue[][] }[] {
  const specs = [taskSheet(snapshot), targetSheet(snapshot), orgSheet(snapshot), matrixSheet(snapshot)];
  if (snapshot.baseline) {
    const taken = new Set<string>(Object.values(SHEETS));
    specs.push(budgetSheet(snapshot, snapshot.baseline), ...snapshot.scenarios.map((s) => scenarioSheet(s, taken)));
  }
  return specs.map((spec) => ({
    name: spec.name,
    cells: [[spec.title], [spec.subtitle], spec.columns.map((c) => c.header), ...spec.rows],
  }));
}

/**
 * `deflater`: the host's DEFLATE and CRC (the app passes Node's zlib), fflate's when not given. `directRows`: from
 * how many rows a sheet's data is written directly rather than through SheetJS (a test writes both ways).
 */
export function exportWorkbook(snapshot: WorkbookSnapshot, options: { deflater?: Deflater; directRows?: number } = {}): Uint8Array {
  const directRows = options.directRows ?? DIRECT_ROWS;
  const workbook = XLSX.utils.book_new();
  const finishes: SheetFinish[] = [];
  const add = (spec: SheetSpec, frozenColumns = 0): XLSX.WorkSheet => {
    if (spec.rows.length < directRows) {
      const sheet = buildSheet(spec);
      XLSX.utils.book_append_sheet(workbook, sheet, spec.name);
      finishes.push({ frozenRows: HEADER_ROWS, frozenColumns });
      return sheet;
    }
    // a long sheet: SheetJS writes its head and styles, the rows are written directly (sheet-builder.ts)
    const formats = dataFormats(spec);
    const sheet = buildSheet(spec, formats);
    XLSX.utils.book_append_sheet(workbook, sheet, spec.name);
    finishes.push({
      frozenRows: HEADER_ROWS,
      frozenColumns,
      rows: { sampleRow: HEADER_ROWS + 1, formats, ref: sheetRef(spec), xml: (styleOf) => sheetDataXml(spec, styleOf) },
    });
    return sheet;
  };
  add(taskSheet(snapshot), 3);
  add(targetSheet(snapshot), 4);
  add(orgSheet(snapshot), 2);
  add(matrixSheet(snapshot), 2);
  if (snapshot.baseline) {
    add(budgetSheet(snapshot, snapshot.baseline), 3);
    const taken = new Set<string>(Object.values(SHEETS));
    for (const scenario of snapshot.scenarios) add(scenarioSheet(scenario, taken), 3);
    add(compareSheet(snapshot, [snapshot.baseline, ...snapshot.scenarios]), 1);
  }
  workbook.Props = { Title: snapshot.planTitle, Author: '民生规划工作台', CreatedDate: new Date() };
  const bytes = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array;
  return finishXlsx(bytes, finishes, options.deflater);
}
