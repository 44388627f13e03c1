import { isKnownClass } from '../budget/classification';
import { MONEY_UNIT_LABELS, MONEY_UNITS, type MoneyParse, type MoneyUnit, parseMoney, toFen } from '../budget/money';
import type { ErrorDetail } from '../../shared/result';
import { cellWhere, type CellValue, limitProblem, type SpreadsheetData, textOf } from './sheet-data';

/**
 * A budget from the user's own sheet: which sheet, which row holds the headers, which columns are the
 * subject code, name and amount, and what unit the amounts are in. Guessed from the usual headings,
 * confirmed by the user, then read with every problem reported by cell.
 */

export interface BudgetMapping {
  sheet: string;
  /** 0-based */
  headerRow: number;
  codeColumn: number;
  nameColumn: number;
  amountColumn: number;
  unit: MoneyUnit;
}

export interface MappedLine {
  code: string;
  name: string;
  amountFen: number;
}

export interface BudgetScan {
  /** lines that will be imported */
  count: number;
  totalFen: number;
  /** subtotal and total rows left out */
  skipped: number;
  problems: ErrorDetail[];
}

export interface MappedBudget extends BudgetScan {
  /** the first lines, in order (all of them unless a preview asked for fewer) */
  lines: MappedLine[];
}

const CODE_HEADINGS = /^(科目)?编码$|^科目代码$|^功能科目编码$|^代码$/;
const NAME_HEADINGS = /^(科目)?名称$|^功能科目名称$|^项目$|^项目名称$/;
const AMOUNT_HEADINGS = /金额|预算数|合计|本年预算|支出数|预算/;

/** The money unit a heading or a line like "单位：万元" states, or null. */
export function unitFromText(text: string): MoneyUnit | null {
  if (/亿元/.test(text)) return 'yi';
  if (/万元/.test(text)) return 'wan';
  if (/(^|[^万亿])元/.test(text)) return 'yuan';
  return null;
}

export function guessMapping(data: SpreadsheetData): BudgetMapping | null {
  for (const sheet of data.sheets) {
    for (let r = 0; r < Math.min(20, sheet.rows.length); r++) {
      const headers = (sheet.rows[r] ?? []).map((cell) => textOf(cell).replace(/\s+/g, ''));
      const code = headers.findIndex((h) => CODE_HEADINGS.test(h.replace(/[（(].*[)）]$/, '')));
      const name = headers.findIndex((h) => NAME_HEADINGS.test(h.replace(/[（(].*[)）]$/, '')));
      const amount = headers.findIndex((h, i) => i !== code && i !== name && AMOUNT_HEADINGS.test(h));
      if (code < 0 || name < 0 || amount < 0) continue;
      // the unit is stated in the amount heading ("金额（万元）") or in a line above ("单位：万元")
      const above = sheet.rows
        .slice(0, r)
        .flat()
        .map((cell) => textOf(cell))
        .join(' ');
      const unit = unitFromText(headers[amount] ?? '') ?? unitFromText(above) ?? 'wan';
      return { sheet: sheet.name, headerRow: r, codeColumn: code, nameColumn: name, amountColumn: amount, unit };
    }
  }
  return null;
}

const SPACES = /\s+/g;

/** What an empty required amount is told: a dash is not zero. */
export const EMPTY_AMOUNT: MoneyParse = { ok: false, reason: '金额为空（“-”不是0，如确为0请填0）' };

/**
 * A money cell in `unit`: a number cell is scaled, a text cell goes through the money grammar ("3.4万", "(12.5)");
 * null when the cell is empty or only a dash, which is never read as zero.
 */
export function cellMoney(cell: CellValue, unit: MoneyUnit): MoneyParse | null {
  if (typeof cell === 'number') return toFen(cell, MONEY_UNITS[unit]);
  const text = textOf(cell);
  if (text === '' || /^[-—–]+$/.test(text)) return null;
  return parseMoney(text, unit);
}

/** A subject code is 3 to 12 digits. A loop, not a regex: it runs once per line of a 100,000-line budget. */
export function isSubjectCode(text: string): boolean {
  if (text.length < 3 || text.length > 12) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function codeText(value: CellValue): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  // the usual cell already is a clean code: nothing to trim or strip
  if (typeof value === 'string' && isSubjectCode(value)) return value;
  return textOf(value).replace(SPACES, '');
}

/**
 * Reads every line of the mapped sheet, handing each good one to `onLine` in order and naming every problem by
 * cell. Nothing is collected: an import of 100,000 lines streams them straight into its insert.
 */
export function scanBudget(
  data: SpreadsheetData,
  mapping: BudgetMapping,
  onLine: (code: string, name: string, amountFen: number) => void,
): BudgetScan {
  const sheet = data.sheets.find((s) => s.name === mapping.sheet);
  const problems: ErrorDetail[] = [];
  if (!sheet) return { count: 0, totalFen: 0, skipped: 0, problems: [{ message: `文件中没有工作表“${mapping.sheet}”。` }] };
  const beyond = limitProblem(sheet);
  if (beyond) problems.push(beyond);
  let count = 0;
  let totalFen = 0;
  let skipped = 0;
  for (let r = mapping.headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const code = codeText(row[mapping.codeColumn] ?? null);
    const name = textOf(row[mapping.nameColumn] ?? null);
    const amountCell = row[mapping.amountColumn] ?? null;
    if (!code && !name && (amountCell === null || textOf(amountCell) === '')) continue;
    // subtotal and total rows ("合计", "支出总计") carry no code
    if (!code && /合计|总计|小计/.test(name)) {
      skipped++;
      continue;
    }
    if (!isSubjectCode(code)) {
      problems.push({ where: cellWhere(sheet.name, r, mapping.codeColumn), message: `“${code}”：科目编码应为3到12位数字。` });
      continue;
    }
    if (!isKnownClass(code.slice(0, 3))) {
      problems.push({
        where: cellWhere(sheet.name, r, mapping.codeColumn),
        message: `“${code}”：前三位不是2017年支出功能分类的类级科目。`,
      });
      continue;
    }
    if (!name) {
      problems.push({ where: cellWhere(sheet.name, r, mapping.nameColumn), message: '科目名称为空。' });
      continue;
    }
    const amount = cellMoney(amountCell, mapping.unit) ?? EMPTY_AMOUNT;
    if (!amount.ok) {
      problems.push({ where: cellWhere(sheet.name, r, mapping.amountColumn), message: `“${textOf(amountCell)}”：${amount.reason}。` });
      continue;
    }
    count++;
    totalFen += amount.fen;
    onLine(code, name, amount.fen);
  }
  if (count === 0 && problems.length === 0) problems.push({ message: `工作表“${sheet.name}”表头以下没有预算行。` });
  // usually a sheet in 元 read as 万元: the sum of the lines is past what integer 分 can hold exactly
  if (!Number.isSafeInteger(totalFen)) {
    problems.push({
      where: `工作表“${sheet.name}”`,
      message: `金额合计超出可精确计算的范围，请检查金额单位（现按“${MONEY_UNIT_LABELS[mapping.unit]}”读取）。`,
    });
    totalFen = 0;
  }
  return { count, totalFen, skipped, problems };
}

/** The scan with its first `keep` lines collected (a preview shows a couple of hundred). */
export function mapBudget(data: SpreadsheetData, mapping: BudgetMapping, keep = Number.POSITIVE_INFINITY): MappedBudget {
  const lines: MappedLine[] = [];
  const scan = scanBudget(data, mapping, (code, name, amountFen) => {
    if (lines.length < keep) lines.push({ code, name, amountFen });
  });
  return { ...scan, lines };
}
