import { isKnownClass } from '../budget/classification';
import { MONEY_UNITS, type MoneyUnit, parseMoney, toFen } from '../budget/money';
import type { ErrorDetail } from '../../shared/result';
import { cellWhere, type CellValue, type SpreadsheetData, textOf } from './sheet-data';

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
  where: string;
}

export interface MappedBudget {
  lines: MappedLine[];
  totalFen: number;
  skipped: number;
  problems: ErrorDetail[];
}

const CODE_HEADINGS = /^(科目)?编码$|^科目代码$|^功能科目编码$|^代码$/;
const NAME_HEADINGS = /^(科目)?名称$|^功能科目名称$|^项目$|^项目名称$/;
const AMOUNT_HEADINGS = /金额|预算数|合计|本年预算|支出数|预算/;

function unitFromText(text: string): MoneyUnit | null {
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
      const above = sheet.rows.slice(0, r).flat().map((cell) => textOf(cell)).join(' ');
      const unit = unitFromText(headers[amount] ?? '') ?? unitFromText(above) ?? 'wan';
      return { sheet: sheet.name, headerRow: r, codeColumn: code, nameColumn: name, amountColumn: amount, unit };
    }
  }
  return null;
}

function codeText(value: CellValue): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return textOf(value).replace(/\s+/g, '');
}

export function mapBudget(data: SpreadsheetData, mapping: BudgetMapping): MappedBudget {
  const sheet = data.sheets.find((s) => s.name === mapping.sheet);
  const problems: ErrorDetail[] = [];
  if (!sheet) return { lines: [], totalFen: 0, skipped: 0, problems: [{ message: `文件中没有工作表“${mapping.sheet}”。` }] };
  if (sheet.truncated) {
    problems.push({ where: `工作表“${sheet.name}”`, message: `超过${sheet.rowCount}行的上限，后面的行没有读取；请拆分文件后分批导入。` });
  }
  const lines: MappedLine[] = [];
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
    const where = (column: number): string => cellWhere(sheet.name, r, column);
    if (!/^\d{3,12}$/.test(code)) {
      problems.push({ where: where(mapping.codeColumn), message: `“${code}”：科目编码应为3到12位数字。` });
      continue;
    }
    if (!isKnownClass(code.slice(0, 3))) {
      problems.push({ where: where(mapping.codeColumn), message: `“${code}”：前三位不是2017年支出功能分类的类级科目。` });
      continue;
    }
    if (!name) {
      problems.push({ where: where(mapping.nameColumn), message: '科目名称为空。' });
      continue;
    }
    const amount =
      typeof amountCell === 'number'
        ? toFen(amountCell, MONEY_UNITS[mapping.unit])
        : textOf(amountCell) === '' || /^[-—–]+$/.test(textOf(amountCell))
          ? ({ ok: false, reason: '金额为空（“-”不是0，如确为0请填0）' } as const)
          : parseMoney(textOf(amountCell), mapping.unit);
    if (!amount.ok) {
      problems.push({ where: where(mapping.amountColumn), message: `“${textOf(amountCell)}”：${amount.reason}。` });
      continue;
    }
    lines.push({ code, name, amountFen: amount.fen, where: where(mapping.codeColumn) });
  }
  if (lines.length === 0 && problems.length === 0) problems.push({ message: `工作表“${sheet.name}”表头以下没有预算行。` });
  return { lines, totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0), skipped, problems };
}
