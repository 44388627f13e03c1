import * as XLSX from 'xlsx';
import { collectSheet, DEFAULT_READ_LIMITS, type ReadLimits, readXlsxFast } from './read-xlsx-fast';
import type { CellValue, SheetData, SpreadsheetData } from './sheet-data';

export { DEFAULT_READ_LIMITS, MAX_CELL_TEXT, type ReadLimits, readXlsxFast, SpreadsheetRefused } from './read-xlsx-fast';

/**
 * Reads an .xlsx into plain cell values. Runs inside the parser process only (never in the app's main
 * process). Dense mode, no formulas, styles or HTML; each sheet's extent is recomputed from the cells it
 * actually has, because SheetJS trusts the file's <dimension>, and a smaller one would silently drop rows.
 */

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

function readSheet(name: string, sheet: XLSX.WorkSheet, limits: ReadLimits): SheetData {
  const ranges = (sheet['!merges'] ?? []).map((range) => ({
    startRow: range.s.r,
    startColumn: range.s.c,
    endRow: range.e.r,
    endColumn: range.e.c,
  }));
  return collectSheet(name, (sheet['!data'] ?? []) as (DenseCell[] | undefined)[], valueOf, ranges, limits);
}

/** SheetJS alone: the reader of everything the fast reader leaves (.xls, strict OOXML, dates typed as dates …). */
export function readXlsxWithSheetJs(bytes: Uint8Array, fileName: string, limits: ReadLimits = DEFAULT_READ_LIMITS): SpreadsheetData {
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

/** An .xlsx or .xls as plain cell values: the fast reader when it handles the file, SheetJS otherwise. */
export function readXlsx(bytes: Uint8Array, fileName: string, limits: ReadLimits = DEFAULT_READ_LIMITS): SpreadsheetData {
  return readXlsxFast(bytes, fileName, limits) ?? readXlsxWithSheetJs(bytes, fileName, limits);
}
