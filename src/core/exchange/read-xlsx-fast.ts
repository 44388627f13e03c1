import type { InflateRaw } from '../document/zip-entries';
import { readXlsxSheets } from './fast-xlsx';
import type { CellRange, CellValue, SheetData, SpreadsheetData } from './sheet-data';
import { checkZip, looksLikeZip } from './zip-guard';

/**
 * The .xlsx reading the parser process does first, without SheetJS (fast-xlsx.ts reads the XML), and what it
 * shares with the SheetJS reader (read-xlsx.ts): the limits, the refusal, and how a sheet's rows are kept.
 */

export interface ReadLimits {
  maxRows: number;
  maxColumns: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxRows: 200_000, maxColumns: 200 };

/** Excel itself cannot hold more than this in one cell: a longer text is not a real spreadsheet. */
export const MAX_CELL_TEXT = 32_767;

export class SpreadsheetRefused extends Error {}

/** Merged areas kept per sheet: a task table has a few dozen; a file claiming millions is not one. */
const MAX_MERGES = 20_000;

/**
 * One sheet's rows as the import sees them, from the reader's dense rows (SheetJS's cell objects or the fast
 * reader's values, `valueOf` turning either into a value): capped at the limits, with the first cell past them
 * named, trailing empty cells and rows dropped.
 */
export function collectSheet<T>(
  name: string,
  dense: readonly (readonly (T | undefined)[] | undefined)[],
  valueOf: (cell: T | undefined) => CellValue,
  ranges: readonly CellRange[],
  limits: ReadLimits,
): SheetData {
  const rows: CellValue[][] = [];
  let lastRow = -1;
  let beyond: SheetData['beyond'] = null;
  const note = (found: NonNullable<SheetData['beyond']>): void => {
    if (!beyond || found.row < beyond.row || (found.row === beyond.row && found.column < beyond.column)) beyond = found;
  };
  for (let r = 0; r < dense.length; r++) {
    const source = dense[r];
    if (r >= limits.maxRows) {
      // past the cap nothing is kept, but data there must be found and named, never dropped without a word
      const column = source?.findIndex((cell) => valueOf(cell) !== null) ?? -1;
      if (column >= 0) {
        note({ row: r, column, limit: 'rows', max: limits.maxRows });
        break;
      }
      continue;
    }
    const row: CellValue[] = [];
    if (source) {
      const width = Math.min(source.length, limits.maxColumns);
      for (let c = 0; c < width; c++) {
        const value = valueOf(source[c]);
        if (typeof value === 'string' && value.length > MAX_CELL_TEXT) {
          throw new SpreadsheetRefused(
            `工作表“${name}”第${r + 1}行有一个单元格超过${MAX_CELL_TEXT}个字符（Excel单元格的上限），文件不像是正常的表格。`,
          );
        }
        row[c] = value;
      }
      for (let c = limits.maxColumns; c < source.length; c++) {
        if (valueOf(source[c]) !== null) {
          note({ row: r, column: c, limit: 'columns', max: limits.maxColumns });
          break;
        }
      }
    }
    // trailing empty cells are not data
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    rows.push(row);
    if (row.length > 0) lastRow = r;
  }
  rows.length = lastRow + 1;
  const data: SheetData = { name, rows, rowCount: rows.length, beyond };
  const merges = ranges.slice(0, MAX_MERGES).filter((range) => range.startRow < limits.maxRows && range.startColumn < limits.maxColumns);
  if (merges.length > 0) {
    data.merges = merges.map((range) => ({
      startRow: range.startRow,
      startColumn: range.startColumn,
      endRow: Math.min(range.endRow, limits.maxRows - 1),
      endColumn: Math.min(range.endColumn, limits.maxColumns - 1),
    }));
  }
  return data;
}

const plainValue = (cell: CellValue | undefined): CellValue => (cell === undefined ? null : cell);

/**
 * An .xlsx read by the fast reader (fast-xlsx.ts), or null when it does not handle this file. Exported for the
 * tests that compare it with SheetJS.
 */
export function readXlsxFast(
  bytes: Uint8Array,
  fileName: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  inflateRaw?: InflateRaw,
): SpreadsheetData | null {
  if (!looksLikeZip(bytes) || !checkZip(bytes).ok) return null;
  const sheets = readXlsxSheets(bytes, fileName, { refused: (message) => new SpreadsheetRefused(message), inflateRaw });
  if (!sheets) return null;
  return { fileName, kind: 'xlsx', sheets: sheets.map((sheet) => collectSheet(sheet.name, sheet.dense, plainValue, sheet.merges, limits)) };
}
