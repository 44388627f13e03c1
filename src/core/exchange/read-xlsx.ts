import * as XLSX from 'xlsx';
import type { CellValue, SheetData, SpreadsheetData } from './sheet-data';

/**
 * Reads an .xlsx into plain cell values. Runs inside the parser process only (never in the app's main
 * process). Dense mode, no formulas, styles or HTML; each sheet's extent is recomputed from the cells it
 * actually has, because SheetJS trusts the file's <dimension>, and a smaller one would silently drop rows.
 */

export interface ReadLimits {
  maxRows: number;
  maxColumns: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxRows: 200_000, maxColumns: 200 };

type DenseCell = { t?: string; v?: unknown; w?: string } | undefined;

function valueOf(cell: DenseCell): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : null;
    case 'b':
      return Boolean(cell.v);
    case 'e':
      // an Excel error (#DIV/0!, #N/A) stays visible as text so the import can say which cell has it
      return cell.w ?? '#错误';
    case 'z':
      return null;
    default:
      return String(cell.v);
  }
}

/** Excel itself cannot hold more than this in one cell: a longer text is not a real spreadsheet. */
export const MAX_CELL_TEXT = 32_767;

export class SpreadsheetRefused extends Error {}

/** Merged areas kept per sheet: a task table has a few dozen; a file claiming millions is not one. */
const MAX_MERGES = 20_000;

function readSheet(name: string, sheet: XLSX.WorkSheet, limits: ReadLimits): SheetData {
  const dense = (sheet['!data'] ?? []) as (DenseCell[] | undefined)[];
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
          throw new SpreadsheetRefused(`工作表“${name}”第${r + 1}行有一个单元格超过${MAX_CELL_TEXT}个字符（Excel单元格的上限），文件不像是正常的表格。`);
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
  const merges = (sheet['!merges'] ?? []).slice(0, MAX_MERGES).filter((range) => range.s.r < limits.maxRows && range.s.c < limits.maxColumns);
  if (merges.length > 0) {
    data.merges = merges.map((range) => ({
      startRow: range.s.r,
      startColumn: range.s.c,
      endRow: Math.min(range.e.r, limits.maxRows - 1),
      endColumn: Math.min(range.e.c, limits.maxColumns - 1),
    }));
  }
  return data;
}

export function readXlsx(bytes: Uint8Array, fileName: string, limits: ReadLimits = DEFAULT_READ_LIMITS): SpreadsheetData {
  const workbook = XLSX.read(bytes, {
    type: 'array',
    dense: true,
    cellFormula: false,
    cellHTML: false,
    cellNF: false,
    cellStyles: false,
    cellText: false,
    cellDates: false,
    sheetStubs: false,
    bookVBA: false,
    // no sheetRows cap: SheetJS would stop at the cap and a line below it would vanish without a word. The ZIP
    // guard bounds the XML a sheet can have, the parser process its heap and time; rows past the cap are found
    // and reported by readSheet. A claimed million-row <dimension> still costs nothing in dense mode.
  });
  return {
    fileName,
    kind: 'xlsx',
    sheets: workbook.SheetNames.map((name) => readSheet(name, workbook.Sheets[name] as XLSX.WorkSheet, limits)),
  };
}
