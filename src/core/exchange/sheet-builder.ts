import * as XLSX from 'xlsx';
import { EXCEL_PERCENT_FORMAT } from '../percent';
import type { CellValue } from './sheet-data';

/**
 * One exported sheet in the house layout: a merged title row, a subtitle row (单位：万元, the date, the
 * example-data label), the header row, then data. Numbers stay numbers with a display format, so Excel and
 * WPS can sum them; the three top rows are frozen when the file is finished (finish-xlsx.ts).
 */

export const HEADER_ROWS = 3;

export type ColumnFormat = 'text' | 'wan' | 'yuan' | 'percent' | 'count' | 'int';

const NUMBER_FORMATS: Record<Exclude<ColumnFormat, 'text' | 'count'>, string> = {
  wan: '#,##0.00',
  yuan: '#,##0.00',
  percent: EXCEL_PERCENT_FORMAT,
  int: '0',
};

/** Up to this many decimals are kept in a count (3.35万人, 0.276万张, 5.9‰). */
const MAX_COUNT_DECIMALS = 4;

/**
 * A count's format has exactly the decimals its value has: `#,##0` for 70, `#,##0.00` for 62.49. A format with
 * optional digits (`#,##0.####`) makes Excel and WPS show a whole number with a trailing point ("70.").
 */
export function countFormat(value: number): string {
  const digits = Number.isFinite(value) ? (/\.(\d+)$/.exec(String(Number(value.toFixed(MAX_COUNT_DECIMALS))))?.[1]?.length ?? 0) : 0;
  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
}

function numberFormat(format: Exclude<ColumnFormat, 'text'>, value: number): string {
  return format === 'count' ? countFormat(value) : NUMBER_FORMATS[format];
}

export interface SheetColumn {
  header: string;
  /** width in characters */
  width: number;
  format?: ColumnFormat;
}

export interface SheetSpec {
  name: string;
  title: string;
  subtitle: string;
  columns: SheetColumn[];
  rows: CellValue[][];
  /** data rows (0-based) whose numbers take another format than their column's: a share row among amounts */
  rowFormats?: Record<number, ColumnFormat>;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || '工作表';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 28)}(${n})`;
  return candidate;
}

export function buildSheet(spec: SheetSpec): XLSX.WorkSheet {
  const width = Math.max(1, spec.columns.length);
  const aoa: CellValue[][] = [[spec.title], [spec.subtitle], spec.columns.map((c) => c.header), ...spec.rows];
  // dense: cells in row arrays rather than under "C1234" keys, so formatting 50,000 rows needs no address strings
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { dense: true });
  sheet['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: width - 1 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: width - 1 } },
  ];
  sheet['!cols'] = spec.columns.map((c) => ({ wch: c.width }));
  sheet['!rows'] = [{ hpt: 26 }, { hpt: 18 }, { hpt: 20 }];
  sheet['!margins'] = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
  if (spec.rows.length > 0) sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 2, c: 0 }, e: { r: 2 + spec.rows.length, c: width - 1 } }) };
  const cells = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  spec.columns.forEach((column, c) => {
    for (let r = HEADER_ROWS; r < cells.length; r++) {
      const format = spec.rowFormats?.[r - HEADER_ROWS] ?? column.format;
      const cell = cells[r]?.[c];
      if (!format || format === 'text' || !cell || cell.t !== 'n') continue;
      cell.z = numberFormat(format, cell.v as number);
    }
  });
  return sheet;
}
