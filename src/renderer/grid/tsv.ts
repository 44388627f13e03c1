import { parseDelimited } from '../../core/text/delimited';

/** Tab-separated text as Excel and WPS put it on the clipboard (see core/text/delimited.ts). */
export function parseTsv(text: string): string[][] {
  return parseDelimited(text, '\t');
}

const needsQuotes = (cell: string): boolean => /[\t\n\r"]/.test(cell);

export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => (needsQuotes(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join('\t')).join('\r\n');
}
