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

/** The number format of a data cell (0-based data row and column), or null for none. */
function cellFormat(spec: SheetSpec, row: number, column: number, value: number): string | null {
  const format = spec.rowFormats?.[row] ?? spec.columns[column]?.format;
  if (!format || format === 'text') return null;
  return numberFormat(format, value);
}

/**
 * A sheet with many rows has its data rows written as XML here (sheetDataXml) rather than as one SheetJS cell
 * object each: SheetJS building and writing 50,000 rows of cells was most of an export's time.
 */
export const DIRECT_ROWS = 1000;

/** The distinct number formats of a sheet's data cells, in first-seen order. */
export function dataFormats(spec: SheetSpec): string[] {
  const seen = new Set<string>();
  spec.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (typeof value !== 'number') return;
      const format = cellFormat(spec, r, c, value);
      if (format !== null) seen.add(format);
    });
  });
  return [...seen];
}

/**
 * The sheet as SheetJS builds it (title, subtitle, headers, and with `sample` the data rows replaced by one row
 * holding a cell per number format in `sample`, so that SheetJS writes those formats into styles.xml; the data
 * rows are then written by sheetDataXml in place of that row).
 */
export function buildSheet(spec: SheetSpec, sample?: readonly string[]): XLSX.WorkSheet {
  const width = Math.max(1, spec.columns.length);
  const aoa: CellValue[][] = [[spec.title], [spec.subtitle], spec.columns.map((c) => c.header), ...(sample ? [] : spec.rows)];
  // dense: cells in row arrays rather than under "C1234" keys, so formatting 50,000 rows needs no address strings
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { dense: true });
  sheet['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: width - 1 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: width - 1 } },
  ];
  sheet['!cols'] = spec.columns.map((c) => ({ wch: c.width }));
  sheet['!rows'] = [{ hpt: 26 }, { hpt: 18 }, { hpt: 20 }];
  sheet['!margins'] = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
  if (spec.rows.length > 0)
    sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 2, c: 0 }, e: { r: 2 + spec.rows.length, c: width - 1 } }) };
  const cells = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  if (sample) {
    cells[HEADER_ROWS] = sample.map((z) => ({ t: 'n', v: 0, z }));
    sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: HEADER_ROWS, c: Math.max(width, sample.length) - 1 } });
    return sheet;
  }
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

const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const CONTROL = /[\u0000-\u0008\u000b-\u001f\uFFFE\uFFFF]/g;
/** anything in a text that SheetJS would escape or mark xml:space="preserve" for */
const SPECIAL = /[&<>"'\u0000-\u0008\u000b-\u001f\uFFFE\uFFFF\n]|^\s|\s$/;

/** Text as SheetJS writes it into <v>: the five XML characters escaped, control characters as _xHHHH_. */
function escapeText(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ESCAPED[c] as string)
    .replace(CONTROL, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0')}_`);
}

/** Bytes appended to a growing buffer: 50,000 rows of cells written without a string per cell to collect. */
class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;
  private readonly encoder = new TextEncoder();

  constructor(capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  utf8(text: string): void {
    this.room(text.length * 3);
    this.length += this.encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** The sheet's full extent (what its <dimension> says) when its rows are written by sheetDataXml. */
export function sheetRef(spec: SheetSpec): string {
  let width = spec.columns.length;
  for (const row of spec.rows) width = Math.max(width, row.length);
  return XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: HEADER_ROWS + spec.rows.length - 1, c: Math.max(1, width) - 1 } });
}

/**
 * The data rows of a sheet as <row> elements (UTF-8), the cells as SheetJS writes them (inline text as t="str",
 * `<v xml:space="preserve">` for text with edge spaces or line breaks, numbers with the style index of their
 * format from `styleOf`), starting at sheet row HEADER_ROWS + 1.
 */
export function sheetDataXml(spec: SheetSpec, styleOf: (format: string) => number): Uint8Array {
  let width = spec.columns.length;
  for (const row of spec.rows) width = Math.max(width, row.length);
  const letters = Array.from({ length: width }, (_, c) => `<c r="${XLSX.utils.encode_col(c)}`);
  // about what a row of the budget sheet takes, so that the buffer seldom grows
  const out = new ByteWriter(spec.rows.length * width * 32 + 4096);
  // each row is one short-lived string, encoded at once: no string per cell outlives its row
  spec.rows.forEach((row, r) => {
    const at = String(HEADER_ROWS + r + 1);
    let line = '';
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (value === null || value === undefined) continue;
      line += letters[c] as string;
      line += at;
      if (typeof value === 'number') {
        if (Number.isNaN(value)) line += '" t="e"><v>#NUM!</v></c>';
        else if (!Number.isFinite(value)) line += '" t="e"><v>#DIV/0!</v></c>';
        else {
          const format = cellFormat(spec, r, c, value);
          const style = format === null ? 0 : styleOf(format);
          line += style !== 0 ? `" s="${style}"><v>${value}</v></c>` : `"><v>${value}</v></c>`;
        }
      } else if (typeof value === 'boolean') line += value ? '" t="b"><v>1</v></c>' : '" t="b"><v>0</v></c>';
      else {
        if (value.length > 32_767) throw new Error('Text length must not exceed 32767 characters');
        if (SPECIAL.test(value)) {
          const escaped = escapeText(value);
          line += /(^\s|\s$|\n)/.test(escaped) ? `" t="str"><v xml:space="preserve">${escaped}</v></c>` : `" t="str"><v>${escaped}</v></c>`;
        } else line += `" t="str"><v>${value}</v></c>`;
      }
    }
    if (line) out.utf8(`<row r="${at}">${line}</row>`);
  });
  return out.bytes();
}
