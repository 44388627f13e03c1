import { toFen, parseMoney } from '../budget/money';
import { COMPARATOR_SIGNS } from '../plan/cell-values';
import { writtenRange } from '../plan/target-text';
import type { TaskEditableField } from '../../shared/contract';
import { TASK_STATUS_LABELS } from '../../shared/task-status';
import type { TargetEditableField, OrgEditableField } from '../../shared/grid';
import type { ErrorDetail } from '../../shared/result';
import { type CellValue, limitProblem, type SpreadsheetData, textOf } from './sheet-data';
import { dateText, intOf, type ReadableSheet, readSheet, sameNumber } from './sheet-reader';
import { BUDGET_SHEET, SCENARIO_SHEET, TARGET_SHEET, TASK_SHEET, ORG_SHEET } from './sheet-layouts';
import { livelihoodText, SHEETS, type WorkbookSnapshot } from './snapshot';
import { headings } from '../../shared/fields/field-spec';
import { BUDGET_FIELDS } from '../../shared/fields/budget-fields';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import { TASK_FIELDS } from '../../shared/fields/task-fields';
import { ORG_FIELDS } from '../../shared/fields/org-fields';

/**
 * A workbook exported earlier (and perhaps edited in Excel/WPS), compared with the workbook as it is now:
 * what would be added, changed and removed, sheet by sheet, as edits the grids would make. Nothing here
 * writes; the caller validates every edit and applies all of them in one action or none.
 */

type Role = 'lead' | 'co' | null;

export interface SheetSummary {
  sheet: string;
  added: number;
  changed: number;
  removed: number;
  notes: string[];
}

export interface Located {
  where: string;
  /** what the cell said */
  text: string;
  /** what it replaces, for the preview */
  before: string;
}

export interface RoundTripChanges {
  summary: SheetSummary[];
  taskEdits: (Located & { taskId: number; field: TaskEditableField; value: string })[];
  targetEdits: (Located & { targetId: number; field: TargetEditableField; value: string })[];
  orgEdits: (Located & { orgId: number; field: OrgEditableField; value: string })[];
  ownerChanges: (Located & { taskId: number; orgId: number; role: Role })[];
  lineEdits: (Located & {
    lineId: number;
    field: 'code' | 'name' | 'livelihood' | 'note' | 'amount' | 'quantity' | 'rate';
    value: string;
  })[];
  lineAdds: (Located & { code: string; name: string; amountFen: number })[];
  lineRemovals: { lineId: number; name: string }[];
  scenarioAmounts: (Located & { scenarioId: number | null; scenarioName: string; lineId: number; amountFen: number })[];
  problems: ErrorDetail[];
}

/** The headings of the exported sheets' columns, which a file read back still has. */
const TASK = headings(TASK_FIELDS);
const TARGET = headings(TARGET_FIELDS);
const ORG = headings(ORG_FIELDS);
const LINE = headings(BUDGET_FIELDS);

function emptyChanges(): RoundTripChanges {
  return {
    summary: [],
    taskEdits: [],
    targetEdits: [],
    orgEdits: [],
    ownerChanges: [],
    lineEdits: [],
    lineAdds: [],
    lineRemovals: [],
    scenarioAmounts: [],
    problems: [],
  };
}

const normalizeList = (text: string): string =>
  text
    .split(/[、,，;；/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join('、');

/** Text of a cell for comparison; a number is compared as a number by the caller. */
function cellText(value: CellValue): string {
  return typeof value === 'number' ? String(value) : textOf(value);
}

function numberDiffers(cell: CellValue, current: number | null): boolean {
  if (cell === null || textOf(cell) === '') return current !== null;
  if (typeof cell === 'number') return !sameNumber(cell, current);
  const parsed = Number(textOf(cell).replaceAll(',', ''));
  return Number.isFinite(parsed) ? !sameNumber(parsed, current) : true;
}

function findSheet(data: SpreadsheetData, name: string, headers: readonly string[], changes: RoundTripChanges): ReadableSheet | null {
  const sheet = data.sheets.find((s) => s.name === name);
  if (!sheet) return null;
  const readable = readSheet(sheet, headers.slice(0, 3));
  if (!readable)
    changes.problems.push({
      where: `工作表“${name}”`,
      message: `找不到表头（应有“${headers.slice(0, 3).join('”“')}”等列），请使用本软件导出的格式。`,
    });
  return readable;
}

function diffTasks(data: SpreadsheetData, now: WorkbookSnapshot, out: RoundTripChanges): void {
  const sheet = findSheet(data, SHEETS.tasks, TASK_SHEET.headers, out);
  if (!sheet) return;
  const summary: SheetSummary = { sheet: SHEETS.tasks, added: 0, changed: 0, removed: 0, notes: [] };
  const byNumber = new Map(now.tasks.map((t) => [t.number, t]));
  const seen = new Set<number>();
  const fields: [TaskEditableField, (t: WorkbookSnapshot['tasks'][number]) => string, boolean][] = [
    ['title', (t) => t.title, false],
    ['leadOrgs', (t) => t.leadOrgs.join('、'), true],
    ['coOrgs', (t) => t.coOrgs.join('、'), true],
    ['status', (t) => TASK_STATUS_LABELS[t.status], false],
    ['progressNote', (t) => t.progressNote, false],
    ['remark', (t) => t.remark, false],
  ];
  for (const row of sheet.rows) {
    const number = intOf(row.get(TASK.number));
    const task = number === null ? undefined : byNumber.get(number);
    if (!task) {
      out.problems.push({
        where: row.where(TASK.number),
        message: `任务编号“${row.text(TASK.number)}”在工作簿中不存在；新增任务请用“导入计划”。`,
      });
      continue;
    }
    seen.add(task.id);
    let changed = false;
    for (const [field, current, isList] of fields) {
      const header = TASK[field];
      if (!row.has(header)) continue;
      const text = cellText(row.get(header));
      const before = current(task);
      if ((isList ? normalizeList(text) : text) === (isList ? normalizeList(before) : before.trim())) continue;
      out.taskEdits.push({ taskId: task.id, field, value: text, where: row.where(header), text, before });
      changed = true;
    }
    if (changed) summary.changed++;
  }
  const missing = now.tasks.filter((t) => !seen.has(t.id)).length;
  if (missing > 0) summary.notes.push(`文件中缺少${missing}项任务，导入不会删除任务。`);
  out.summary.push(summary);
}

function targetValueText(t: WorkbookSnapshot['targets'][number]): string {
  if (t.comparator !== 'range') return t.value === null ? '' : String(t.value);
  return writtenRange(t);
}

function diffTargets(data: SpreadsheetData, now: WorkbookSnapshot, out: RoundTripChanges): void {
  const sheet = findSheet(data, SHEETS.targets, TARGET_SHEET.headers, out);
  if (!sheet) return;
  const summary: SheetSummary = { sheet: SHEETS.targets, added: 0, changed: 0, removed: 0, notes: [] };
  const byId = new Map(now.targets.map((t) => [t.id, t]));
  for (const row of sheet.rows) {
    const id = intOf(row.get(TARGET.id));
    const target = id === null ? undefined : byId.get(id);
    if (!target) {
      out.problems.push({
        where: row.where(TARGET.id),
        message: `指标ID“${row.text(TARGET.id)}”在工作簿中不存在；新增指标请用“导入计划”。`,
      });
      continue;
    }
    let changed = false;
    const push = (field: TargetEditableField, text: string, before: string): void => {
      out.targetEdits.push({ targetId: target.id, field, value: text, where: row.where(TARGET[field]), text, before });
      changed = true;
    };
    if (row.has(TARGET.label) && row.text(TARGET.label) !== target.label) push('label', row.text(TARGET.label), target.label);
    if (row.has(TARGET.comparator) && row.text(TARGET.comparator) !== COMPARATOR_SIGNS[target.comparator])
      push('comparator', row.text(TARGET.comparator), COMPARATOR_SIGNS[target.comparator]);
    if (row.has(TARGET.value)) {
      const cell = row.get(TARGET.value);
      const differs = target.comparator === 'range' ? cellText(cell) !== targetValueText(target) : numberDiffers(cell, target.value);
      if (differs) push('value', cellText(cell), targetValueText(target));
    }
    for (const [field, current] of [
      ['baseline', target.baseline],
      ['actual', target.actual],
    ] as const) {
      if (row.has(TARGET[field]) && numberDiffers(row.get(TARGET[field]), current))
        push(field, cellText(row.get(TARGET[field])), current === null ? '' : String(current));
    }
    if (row.has(TARGET.dueDate) && dateText(row.get(TARGET.dueDate)) !== target.dueDate)
      push('dueDate', dateText(row.get(TARGET.dueDate)), target.dueDate);
    if (row.has(TARGET.note) && cellText(row.get(TARGET.note)) !== target.note.trim())
      push('note', cellText(row.get(TARGET.note)), target.note);
    if (changed) summary.changed++;
  }
  out.summary.push(summary);
}

function diffOrgs(data: SpreadsheetData, now: WorkbookSnapshot, out: RoundTripChanges): void {
  const sheet = findSheet(data, SHEETS.orgs, ORG_SHEET.headers, out);
  if (!sheet) return;
  const summary: SheetSummary = { sheet: SHEETS.orgs, added: 0, changed: 0, removed: 0, notes: [] };
  const byId = new Map(now.orgs.map((u) => [u.id, u]));
  for (const row of sheet.rows) {
    const id = intOf(row.get(ORG.id));
    const org = id === null ? undefined : byId.get(id);
    if (!org) {
      out.problems.push({
        where: row.where(ORG.id),
        message: `单位ID“${row.text(ORG.id)}”在工作簿中不存在；新增单位请在“责任单位”表中进行。`,
      });
      continue;
    }
    let changed = false;
    for (const [field, before, isList] of [
      ['name', org.name, false],
      ['aliases', org.aliases.join('、'), true],
      ['contact', org.contact, false],
      ['phone', org.phone, false],
    ] as const) {
      const header = ORG[field];
      if (!row.has(header)) continue;
      const text = cellText(row.get(header));
      if ((isList ? normalizeList(text) : text) === (isList ? normalizeList(before) : before.trim())) continue;
      out.orgEdits.push({ orgId: org.id, field, value: text, where: row.where(header), text, before });
      changed = true;
    }
    if (changed) summary.changed++;
  }
  out.summary.push(summary);
}

function roleOfMark(text: string): Role | undefined {
  if (['●', '牵头'].includes(text)) return 'lead';
  if (['○', '〇', '配合'].includes(text)) return 'co';
  if (text === '') return null;
  return undefined;
}

function diffMatrix(data: SpreadsheetData, now: WorkbookSnapshot, out: RoundTripChanges): void {
  const sheet = findSheet(data, SHEETS.matrix, [TASK.number, TASK.title], out);
  if (!sheet) return;
  const summary: SheetSummary = { sheet: SHEETS.matrix, added: 0, changed: 0, removed: 0, notes: [] };
  const byNumber = new Map(now.tasks.map((t) => [t.number, t]));
  const orgColumns = now.orgs.filter((u) => sheet.columns.has(u.name));
  const unknown = [...sheet.columns.keys()].filter((h) => h !== TASK.number && h !== TASK.title && !now.orgs.some((u) => u.name === h));
  if (unknown.length > 0) summary.notes.push(`未知的单位列已忽略：${unknown.join('、')}`);
  for (const row of sheet.rows) {
    const task = byNumber.get(intOf(row.get(TASK.number)) ?? -1);
    if (!task) continue;
    let changed = false;
    for (const org of orgColumns) {
      const text = row.text(org.name);
      const role = roleOfMark(text);
      const current: Role = task.leadOrgs.includes(org.name) ? 'lead' : task.coOrgs.includes(org.name) ? 'co' : null;
      if (role === undefined) {
        out.problems.push({ where: row.where(org.name), message: `“${text}”不是分工标记（● 牵头，○ 配合，空白为不参与）。` });
        continue;
      }
      if (role === current) continue;
      out.ownerChanges.push({
        taskId: task.id,
        orgId: org.id,
        role,
        where: row.where(org.name),
        text,
        before: current === 'lead' ? '●' : current === 'co' ? '○' : '',
      });
      changed = true;
    }
    if (changed) summary.changed++;
  }
  out.summary.push(summary);
}

/** A money cell in 万元: a number, or text in the grammar ("3.4亿", "800元"); sub-分 amounts are errors. */
export function moneyOfCell(value: CellValue): { ok: true; fen: number | null } | { ok: false; reason: string } {
  if (value === null || textOf(value) === '' || /^[-—–]+$/.test(textOf(value))) return { ok: true, fen: null };
  if (typeof value === 'number') {
    const fen = toFen(value, 1_000_000);
    return fen.ok ? { ok: true, fen: fen.fen } : fen;
  }
  const parsed = parseMoney(textOf(value), 'wan');
  return parsed.ok ? { ok: true, fen: parsed.fen } : parsed;
}

function diffBudget(data: SpreadsheetData, now: WorkbookSnapshot, out: RoundTripChanges): void {
  const baseline = now.baseline;
  const sheet = baseline ? findSheet(data, SHEETS.budget, BUDGET_SHEET.headers, out) : null;
  if (!sheet || !baseline) return;
  const summary: SheetSummary = { sheet: SHEETS.budget, added: 0, changed: 0, removed: 0, notes: [] };
  const byId = new Map(baseline.lines.map((l) => [l.id, l]));
  const seen = new Set<number>();
  for (const row of sheet.rows) {
    const id = intOf(row.get(LINE.id));
    const amount = moneyOfCell(row.get(LINE.amount));
    if (!amount.ok) {
      out.problems.push({ where: row.where(LINE.amount), message: `“${cellText(row.get(LINE.amount))}”：${amount.reason}` });
      continue;
    }
    if (id === null) {
      if (!row.text(LINE.code) && !row.text(LINE.name)) continue;
      if (amount.fen === null) {
        out.problems.push({ where: row.where(LINE.amount), message: '新增的预算行缺少金额。' });
        continue;
      }
      out.lineAdds.push({
        code: row.text(LINE.code),
        name: row.text(LINE.name),
        amountFen: amount.fen,
        where: row.where(LINE.code),
        text: row.text(LINE.name),
        before: '',
      });
      summary.added++;
      continue;
    }
    const line = byId.get(id);
    if (!line) {
      out.problems.push({ where: row.where(LINE.id), message: `行ID“${id}”不属于当前基线；新增行请把行ID留空。` });
      continue;
    }
    seen.add(id);
    let changed = false;
    const push = (field: RoundTripChanges['lineEdits'][number]['field'], text: string, before: string): void => {
      out.lineEdits.push({ lineId: id, field, value: text, where: row.where(LINE[field]), text, before });
      changed = true;
    };
    if (row.text(LINE.code) !== line.code) push('code', row.text(LINE.code), line.code);
    if (row.text(LINE.name) !== line.name) push('name', row.text(LINE.name), line.name);
    if (row.has(LINE.livelihood) && row.text(LINE.livelihood) !== livelihoodText(line)) {
      const text = row.text(LINE.livelihood);
      push('livelihood', text.startsWith('按分类') ? '自动' : text, livelihoodText(line));
    }
    if (row.has(LINE.note) && row.text(LINE.note) !== line.note.trim()) push('note', row.text(LINE.note), line.note);
    if (line.hasDriver) {
      if (row.has(LINE.rate) && numberDiffers(row.get(LINE.rate), line.rateFen === null ? null : line.rateFen / 100)) {
        push('rate', cellText(row.get(LINE.rate)), String((line.rateFen ?? 0) / 100));
      }
      if (row.has(LINE.quantity) && line.targetId === null && numberDiffers(row.get(LINE.quantity), line.quantity))
        push('quantity', cellText(row.get(LINE.quantity)), String(line.quantity));
    } else if (amount.fen !== null && amount.fen !== line.amountFen) {
      push('amount', String(amount.fen / 1_000_000), String(line.amountFen / 1_000_000));
    }
    if (changed) summary.changed++;
  }
  for (const line of baseline.lines) {
    if (!seen.has(line.id)) {
      out.lineRemovals.push({ lineId: line.id, name: `${line.code} ${line.name}` });
      summary.removed++;
    }
  }
  out.summary.push(summary);
}

function diffScenarios(data: SpreadsheetData, now: WorkbookSnapshot, out: RoundTripChanges): void {
  const baseline = now.baseline;
  if (!baseline) return;
  for (const sheetData of data.sheets.filter((s) => s.name.startsWith(SHEETS.scenarioPrefix))) {
    const sheet = readSheet(sheetData, SCENARIO_SHEET.headers.slice(0, 3));
    if (!sheet) continue;
    // the title row holds the full name; the sheet name may have been cut to 31 characters
    const title = textOf(sheetData.rows[0]?.[0] ?? null);
    const name = title.startsWith('情景 —— ') ? title.slice('情景 —— '.length) : sheetData.name.slice(SHEETS.scenarioPrefix.length);
    const scenario = now.scenarios.find((s) => s.name === name);
    const summary: SheetSummary = {
      sheet: sheetData.name,
      added: scenario ? 0 : 1,
      changed: 0,
      removed: 0,
      notes: scenario ? [] : [`将新建情景“${name}”`],
    };
    const lines = new Map((scenario ?? baseline).lines.map((l) => [l.id, l]));
    for (const row of sheet.rows) {
      const id = intOf(row.get(LINE.id));
      const line = id === null ? undefined : lines.get(id);
      if (!line) {
        out.problems.push({ where: row.where(LINE.id), message: `行ID“${row.text(LINE.id)}”不属于当前基线。` });
        continue;
      }
      const amount = moneyOfCell(row.get(LINE.scenarioAmount));
      if (!amount.ok) {
        out.problems.push({
          where: row.where(LINE.scenarioAmount),
          message: `“${cellText(row.get(LINE.scenarioAmount))}”：${amount.reason}`,
        });
        continue;
      }
      if (amount.fen === null || amount.fen === line.amountFen) continue;
      out.scenarioAmounts.push({
        scenarioId: scenario?.id ?? null,
        scenarioName: name,
        lineId: line.id,
        amountFen: amount.fen,
        where: row.where(LINE.scenarioAmount),
        text: cellText(row.get(LINE.scenarioAmount)),
        before: String(line.amountFen / 1_000_000),
      });
      summary.changed++;
    }
    out.summary.push(summary);
  }
}

export function diffRoundTrip(data: SpreadsheetData, now: WorkbookSnapshot): RoundTripChanges {
  const out = emptyChanges();
  if (!data.sheets.some((s) => Object.values(SHEETS).includes(s.name as never))) {
    out.problems.push({
      message: `“${data.fileName}”不是本软件导出的工作簿格式（没有“任务”“指标”“预算”等工作表）。导入自己的预算表请用“导入预算表”。`,
    });
    return out;
  }
  for (const sheet of data.sheets) {
    const beyond = limitProblem(sheet);
    if (beyond) out.problems.push(beyond);
  }
  diffOrgs(data, now, out);
  diffTasks(data, now, out);
  diffTargets(data, now, out);
  diffMatrix(data, now, out);
  diffBudget(data, now, out);
  diffScenarios(data, now, out);
  return out;
}

export function changeCount(changes: RoundTripChanges): number {
  return (
    changes.taskEdits.length +
    changes.targetEdits.length +
    changes.orgEdits.length +
    changes.ownerChanges.length +
    changes.lineEdits.length +
    changes.lineAdds.length +
    changes.lineRemovals.length +
    changes.scenarioAmounts.length
  );
}
