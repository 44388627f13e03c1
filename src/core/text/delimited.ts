/**
 * Delimited text as Excel and WPS write it (CSV files, TSV on the clipboard): a cell that starts with a
 * quote runs to the closing quote, "" inside it is one quote, and may hold delimiters and line breaks;
 * rows end with \r\n or \n; a trailing line break does not make an empty row.
 */
export function parseDelimited(text: string, delimiter: ',' | '\t'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (atCellStart && ch === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        cell += text[i];
      }
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === delimiter) {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
