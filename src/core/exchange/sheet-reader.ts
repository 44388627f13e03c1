import { cellWhere, type CellValue, type SheetData, textOf } from './sheet-data';

/**
 * Reading a sheet of the workbook format by its header names (columns may have been moved or hidden in
 * Excel), row by row, with the place of every cell for error messages.
 */
export interface SheetRow {
  /** 0-based row index in the sheet */
  index: number;
  get(header: string): CellValue;
  text(header: string): string;
  has(header: string): boolean;
  where(header: string): string;
}

export interface ReadableSheet {
  name: string;
  headerIndex: number;
  columns: Map<string, number>;
  rows: SheetRow[];
}

/** Finds the header row among the first `scan` rows: the first that has every `required` header. */
export function readSheet(sheet: SheetData, required: readonly string[], scan = 10): ReadableSheet | null {
  for (let r = 0; r < Math.min(scan, sheet.rows.length); r++) {
    const headers = (sheet.rows[r] ?? []).map((cell) => textOf(cell));
    if (!required.every((header) => headers.includes(header))) continue;
    const columns = new Map<string, number>();
    headers.forEach((header, c) => {
      if (header && !columns.has(header)) columns.set(header, c);
    });
    const rows: SheetRow[] = [];
    for (let i = r + 1; i < sheet.rows.length; i++) {
      const cells = sheet.rows[i] ?? [];
      if (cells.every((cell) => cell === null || textOf(cell) === '')) continue;
      const get = (header: string): CellValue => {
        const c = columns.get(header);
        return c === undefined ? null : (cells[c] ?? null);
      };
      rows.push({
        index: i,
        get,
        text: (header) => textOf(get(header)),
        has: (header) => columns.has(header),
        where: (header) => cellWhere(sheet.name, i, columns.get(header) ?? 0),
      });
    }
    return { name: sheet.name, headerIndex: r, columns, rows };
  }
  return null;
}

/** A whole number from a cell holding 12 or "12"; null otherwise. */
export function intOf(value: CellValue): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : null;
}

/** Excel stores a typed date as a serial number (days since 1899-12-30). */
export function dateText(value: CellValue): string {
  if (typeof value === 'number' && value > 20_000 && value < 80_000) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000);
    return date.toISOString().slice(0, 10);
  }
  return textOf(value);
}

/** Two numbers as equal as a round trip through a spreadsheet leaves them. */
export function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9);
}
