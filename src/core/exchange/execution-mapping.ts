import { isKnownClass } from '../budget/classification';
import type { MoneyUnit } from '../budget/money';
import { type CodedRow, type CountedLine, countedLines, type LevelNote } from '../execution/hierarchy';
import { periodFromTexts } from '../execution/period';
import { foldWidth } from '../text/fold';
import type { ErrorDetail } from '../../shared/result';
import { cellMoney, codeText, EMPTY_AMOUNT, isSubjectCode, unitFromText } from './budget-mapping';
import { cellWhere, type CellValue, limitProblem, type SheetData, type SpreadsheetData, textOf } from './sheet-data';

/**
 * An execution table (一般公共预算支出执行情况表) from the user's own sheet: which row holds the headings, which
 * columns are the code, name, 年初预算, 调整预算, 本月 and 累计, the unit, and the period — guessed from the usual
 * headings and the title (`2017年1-6月`, `截至6月底`), confirmed by the user, then read with every problem
 * named by cell. A workbook with a sheet per month gives one mapping per sheet.
 */

export interface ExecutionMapping {
  sheet: string;
  /** 0-based; the last heading row when the headings take two rows */
  headerRow: number;
  /** may equal nameColumn: "2050202 小学教育" in one cell */
  codeColumn: number;
  nameColumn: number;
  initialBudgetColumn: number | null;
  adjustedBudgetColumn: number | null;
  monthColumn: number | null;
  /** null only for a January table, whose 本月 is its 累计 */
  cumulativeColumn: number | null;
  unit: MoneyUnit;
  year: number | null;
  month: number | null;
}

export type ColumnRole = 'code' | 'name' | 'initial' | 'adjusted' | 'month' | 'cumulative';

const NOT_AN_AMOUNT = /%|％|比上年|增长|同比|比例|进度|增减/;
const ROLE_PATTERNS: [ColumnRole, RegExp][] = [
  ['code', /编码|代码|科目号/],
  ['name', /科目名称|^名称$|项目名称|^项目$|^科目$|预算科目|功能分类科目$/],
  ['cumulative', /累计|1[-—~至]\d{1,2}月(?!.*本月)/],
  ['month', /本月|当月/],
  ['initial', /年初|^(全年|本年)?预算数?$/],
  ['adjusted', /调整后|变动后|调整预算/],
];

/** What a column heading says it holds, or null. */
export function headingRole(heading: string): ColumnRole | null {
  const text = foldWidth(heading)
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*元[）)]/g, '');
  if (text === '') return null;
  for (const [role, pattern] of ROLE_PATTERNS) {
    if (!pattern.test(text)) continue;
    if (role !== 'code' && role !== 'name' && NOT_AN_AMOUNT.test(text)) return null;
    return role;
  }
  return null;
}

/**
 * The heading of each column at `row`; with `twoRows`, a column without a heading there takes the one above
 * (headings in two rows: "科目编码" merged down over both, "预算数" over "年初" and "调整后" — the lower row
 * names the amount columns itself).
 */
function headingsAt(sheet: SheetData, row: number, twoRows: boolean): string[] {
  const own = (sheet.rows[row] ?? []).map((cell) => textOf(cell).replace(/\s+/g, ''));
  if (!twoRows || row === 0) return own;
  const above = (sheet.rows[row - 1] ?? []).map((cell) => textOf(cell).replace(/\s+/g, ''));
  return Array.from({ length: Math.max(own.length, above.length) }, (_, c) => own[c] || above[c] || '');
}

interface HeaderGuess {
  row: number;
  columns: Partial<Record<ColumnRole, number>>;
  headings: string[];
}

function findHeader(sheet: SheetData): HeaderGuess | null {
  for (let r = 0; r < Math.min(20, sheet.rows.length); r++) {
    for (const twoRows of [false, true]) {
      const headings = headingsAt(sheet, r, twoRows);
      const columns: Partial<Record<ColumnRole, number>> = {};
      headings.forEach((heading, c) => {
        const role = headingRole(heading);
        if (role && columns[role] === undefined) columns[role] = c;
      });
      if (columns.code === undefined && columns.name === undefined) continue;
      if (columns.cumulative === undefined && columns.month === undefined) continue;
      return { row: r, columns, headings };
    }
  }
  return null;
}

/** The mapping a sheet's headings and title suggest; null when the sheet does not look like an execution table. */
export function guessExecutionMapping(sheet: SheetData, fileName: string): ExecutionMapping | null {
  const header = findHeader(sheet);
  if (!header) return null;
  const { columns, headings } = header;
  const codeColumn = columns.code ?? (columns.name as number);
  const nameColumn = columns.name ?? codeColumn;
  const title = sheet.rows
    .slice(0, header.row)
    .map((row) => row.map((cell) => textOf(cell)).join(' '))
    .join(' ');
  const cumulativeHeading = columns.cumulative === undefined ? '' : (headings[columns.cumulative] ?? '');
  const period = periodFromTexts([title, cumulativeHeading, sheet.name, fileName]);
  const amountHeading = headings[columns.cumulative ?? columns.month ?? 0] ?? '';
  return {
    sheet: sheet.name,
    headerRow: header.row,
    codeColumn,
    nameColumn,
    initialBudgetColumn: columns.initial ?? null,
    adjustedBudgetColumn: columns.adjusted ?? null,
    monthColumn: columns.month ?? null,
    cumulativeColumn: columns.cumulative ?? null,
    unit: unitFromText(amountHeading) ?? unitFromText(title) ?? 'wan',
    year: period.year,
    month: period.month,
  };
}

/** One guess per sheet, in the file's order (null for a sheet that is not an execution table). */
export function guessExecutionMappings(data: SpreadsheetData): (ExecutionMapping | null)[] {
  return data.sheets.map((sheet) => guessExecutionMapping(sheet, data.fileName));
}

export interface ExecutionSheetScan {
  sheet: string;
  year: number | null;
  month: number | null;
  /** the rows of the table with a code, as read */
  rows: CodedRow[];
  /** what is counted: the most detailed rows and the remainders of their parents */
  lines: CountedLine[];
  /** parents whose figure differs from their listed parts */
  levelNotes: LevelNote[];
  /** 合计/小计/其中 and heading rows left out */
  skipped: number;
  notes: string[];
  problems: ErrorDetail[];
}

const TOTAL_ROW = /合计|总计|小计/;
const DETAIL_ROW = /^其中/;
const CODE_IN_NAME = /^(\d{3,12})\s*[、.．:：]?\s*(.*)$/;

/** Reads one mapped sheet. Nothing is stored here: the caller refuses the whole file if any sheet has problems. */
export function scanExecutionSheet(data: SpreadsheetData, mapping: ExecutionMapping): ExecutionSheetScan {
  const scan: ExecutionSheetScan = {
    sheet: mapping.sheet,
    year: mapping.year,
    month: mapping.month,
    rows: [],
    lines: [],
    levelNotes: [],
    skipped: 0,
    notes: [],
    problems: [],
  };
  const sheet = data.sheets.find((s) => s.name === mapping.sheet);
  if (!sheet) {
    scan.problems.push({ message: `文件中没有工作表“${mapping.sheet}”。` });
    return scan;
  }
  const here = `工作表“${sheet.name}”`;
  const beyond = limitProblem(sheet);
  if (beyond) scan.problems.push(beyond);
  if (mapping.year === null || mapping.month === null) {
    scan.problems.push({ where: here, message: '没有从标题识别出期间（如“2017年1-6月”），请选择年份和月份。' });
  }
  const cumulativeColumn = mapping.cumulativeColumn ?? (mapping.month === 1 ? mapping.monthColumn : null);
  if (cumulativeColumn === null) {
    scan.problems.push({ where: here, message: '请指定“累计数”所在的列（只有1月的表可以用“本月数”代替累计数）。' });
    return scan;
  }
  const seen = new Map<string, number>();
  let tableTotal: number | null = null;
  for (let r = mapping.headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const cell = (column: number | null): CellValue => (column === null ? null : (row[column] ?? null));
    let code: string;
    let name: string;
    if (mapping.codeColumn === mapping.nameColumn) {
      const text = textOf(cell(mapping.nameColumn));
      const split = CODE_IN_NAME.exec(foldWidth(text));
      code = split?.[1] ?? '';
      name = split ? text.slice(text.length - (split[2] ?? '').length).trim() : text;
    } else {
      code = codeText(cell(mapping.codeColumn));
      name = textOf(cell(mapping.nameColumn));
    }
    const amountCells = [mapping.initialBudgetColumn, mapping.adjustedBudgetColumn, mapping.monthColumn, cumulativeColumn].map(cell);
    const hasAmount = amountCells.some((value) => textOf(value) !== '');
    if (!code && !name && !hasAmount) continue;
    if (!code) {
      if (TOTAL_ROW.test(name)) {
        // the table's own grand total (not a 小计), to check the counted lines against
        const total = cellMoney(cell(cumulativeColumn), mapping.unit);
        if (!/小计/.test(name) && total?.ok) tableTotal = total.fen;
        scan.skipped++;
        continue;
      }
      if (DETAIL_ROW.test(name) || !hasAmount) {
        scan.skipped++;
        continue;
      }
      scan.problems.push({
        where: cellWhere(sheet.name, r, mapping.codeColumn),
        message: `“${name}”没有科目编码；合计、小计行请写明“合计”“小计”。`,
      });
      continue;
    }
    const where = cellWhere(sheet.name, r, mapping.codeColumn);
    if (!isSubjectCode(code)) {
      scan.problems.push({ where, message: `“${code}”：科目编码应为3到12位数字。` });
      continue;
    }
    if (!isKnownClass(code.slice(0, 3))) {
      scan.problems.push({ where, message: `“${code}”：前三位不是2017年支出功能分类的类级科目。` });
      continue;
    }
    if (!name) {
      scan.problems.push({ where: cellWhere(sheet.name, r, mapping.nameColumn), message: '科目名称为空。' });
      continue;
    }
    const previous = seen.get(code);
    if (previous !== undefined) {
      scan.problems.push({ where, message: `科目编码“${code}”在第${previous + 1}行已出现过；同一科目出现两次会被重复计算。` });
      continue;
    }
    seen.set(code, r);
    const amount = (column: number | null, required: boolean): number | null | undefined => {
      if (column === null) return null;
      const parsed = cellMoney(cell(column), mapping.unit) ?? (required ? EMPTY_AMOUNT : null);
      if (parsed === null) return null;
      if (!parsed.ok) {
        scan.problems.push({ where: cellWhere(sheet.name, r, column), message: `“${textOf(cell(column))}”：${parsed.reason}。` });
        return undefined;
      }
      return parsed.fen;
    };
    const initialBudgetFen = amount(mapping.initialBudgetColumn, false);
    const adjustedBudgetFen = amount(mapping.adjustedBudgetColumn, false);
    const monthFen = amount(mapping.monthColumn, false);
    const cumulativeFen = amount(cumulativeColumn, true);
    if (
      initialBudgetFen === undefined ||
      adjustedBudgetFen === undefined ||
      monthFen === undefined ||
      cumulativeFen === undefined ||
      cumulativeFen === null
    )
      continue;
    scan.rows.push({ code, name, initialBudgetFen, adjustedBudgetFen, monthFen, cumulativeFen, where: `${here} 第${r + 1}行` });
  }
  if (scan.problems.length > 0) return scan;
  if (scan.rows.length === 0) {
    scan.problems.push({ where: here, message: '表头以下没有带科目编码的行。' });
    return scan;
  }
  const counted = countedLines(scan.rows);
  scan.lines = counted.lines;
  scan.levelNotes = counted.notes;
  const countedTotal = counted.lines.reduce((sum, line) => sum + line.cumulativeFen, 0);
  if (tableTotal !== null && tableTotal !== countedTotal) {
    scan.notes.push(`${here}的“合计”行累计数与各科目之和相差 ${((tableTotal - countedTotal) / 1_000_000).toFixed(2)} 万元，按各科目计算。`);
  }
  return scan;
}
