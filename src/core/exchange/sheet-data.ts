/**
 * What the out-of-process parser hands back: for each sheet its cell values row by row (numbers as numbers,
 * text as text, never the formatted display), plus the true extent of the data.
 */
export type CellValue = string | number | boolean | null;

export interface SheetData {
  name: string;
  rows: CellValue[][];
  /** the number of rows found in the cells (not what the file's <dimension> claims) */
  rowCount: number;
  /**
   * The first cell holding data beyond the reading limits (a row past the row cap, or a column past the column
   * cap), 0-based; null when everything was read. Such a sheet is never imported: the problem names the cell.
   */
  beyond: { row: number; column: number; limit: 'rows' | 'columns'; max: number } | null;
  /** merged cell areas (0-based, inclusive), when the file has any */
  merges?: CellRange[];
}

export interface CellRange {
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

export interface SpreadsheetData {
  fileName: string;
  kind: 'xlsx' | 'csv';
  /** for CSV: the detected encoding */
  encoding?: string;
  sheets: SheetData[];
}

/** Excel-style column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "工作表“预算” 第12行 C列" */
export function cellWhere(sheet: string, rowIndex: number, columnIndex: number): string {
  return `工作表“${sheet}” 第${rowIndex + 1}行 ${columnLetter(columnIndex)}列`;
}

export function textOf(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}

/** The problem a sheet with data past the limits causes, naming where, or null. Never a silent cut. */
export function limitProblem(sheet: SheetData): { where: string; message: string } | null {
  if (!sheet.beyond) return null;
  const { row, column, limit, max } = sheet.beyond;
  const where = cellWhere(sheet.name, row, column);
  return limit === 'rows'
    ? {
        where,
        message: `第${row + 1}行有数据，超过了可读取的${max.toLocaleString('en-US')}行上限，整个文件未导入。请删除多余的行，或把表格拆成几个文件分批导入。`,
      }
    : {
        where,
        message: `第${column + 1}列（${columnLetter(column)}列）有数据，超过了可读取的${max}列上限，整个文件未导入。请删除多余的列后再导入。`,
      };
}
