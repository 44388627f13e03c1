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
  /** rows beyond the cap were not read */
  truncated: boolean;
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
