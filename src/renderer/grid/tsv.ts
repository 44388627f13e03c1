/**
 * Tab-separated text as Excel and WPS put on the clipboard: cells containing a tab, a newline or a quote are
 * quoted with doubled quotes; rows end with \r\n (Windows) or \n; a trailing newline does not make a row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quotedCellStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quotedCellStart && ch === '"') {
      // a quoted cell: runs to the closing quote; "" inside is one quote
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i];
        i++;
      }
      quotedCellStart = false;
      continue;
    }
    quotedCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      quotedCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      quotedCellStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const needsQuotes = (cell: string): boolean => /[\t\n\r"]/.test(cell);

export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => (needsQuotes(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join('\t')).join('\r\n');
}
