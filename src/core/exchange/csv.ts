import { decodeText } from '../text/decode';
import { parseDelimited } from '../text/delimited';
import type { CellValue, SpreadsheetData } from './sheet-data';

/**
 * CSV as Chinese Excel and WPS write it (UTF-8 with or without BOM, or GB18030/GBK, detected), read into
 * the same shape as a parsed sheet; and CSV written so that a cell can never run as a formula when opened.
 */

export function parseCsvText(text: string): string[][] {
  return parseDelimited(text, ',');
}

export function readCsv(bytes: Uint8Array, fileName: string, maxRows: number): SpreadsheetData {
  const { text, encoding } = decodeText(bytes);
  const all = parseCsvText(text);
  const rows: CellValue[][] = all.slice(0, maxRows).map((r) => r.map((c) => (c === '' ? null : c)));
  // a non-empty line past the cap is named, never dropped without a word
  const firstBeyond = all.findIndex((r, index) => index >= maxRows && r.some((c) => c.trim() !== ''));
  const beyond =
    firstBeyond < 0
      ? null
      : { row: firstBeyond, column: all[firstBeyond]?.findIndex((c) => c.trim() !== '') ?? 0, limit: 'rows' as const, max: maxRows };
  return {
    fileName,
    kind: 'csv',
    encoding,
    sheets: [{ name: fileName.replace(/\.[^.]+$/, ''), rows, rowCount: Math.min(all.length, maxRows), beyond }],
  };
}

/** A cell that starts with = + - @ (or a tab/CR that Excel strips first) is prefixed with ' so it stays text. */
export function escapeCsvCell(value: CellValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a BOM, CRLF rows: what Excel on Windows opens correctly by double-click. */
export function writeCsv(rows: readonly (readonly CellValue[])[]): Uint8Array {
  const text = rows.map((row) => row.map(escapeCsvCell).join(',')).join('\r\n');
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}
