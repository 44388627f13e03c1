import { createHash } from 'node:crypto';

/** One table's rows as a digest reads them: the column names in the table's order, then each row's values. */
export interface TableContent {
  table: string;
  columns: readonly string[];
  rows: Iterable<readonly unknown[]>;
}

/** Bookkeeping of the engine, not the workbook's content: which migrations ran, and when, differs by home. */
export const DIGEST_SKIPS_TABLES: ReadonlySet<string> = new Set(['schema_migration']);

/**
 * A fingerprint of what a workbook holds that reads the same from SQLite and from PostgreSQL: tables by name,
 * each with its column names and its rows sorted by their text (the engines order text keys differently and
 * SQLite has no row order to speak of), values as JSON (an integer column reads as a number from both homes). An
 * upload and a local copy are each checked by it before they commit.
 *
 * Not the backups' contentHash (content-hash.ts): that one is stored in backup manifests and must keep reading
 * the same for backups written by earlier versions, so its rule cannot change.
 */
export function workbookDigest(tables: Iterable<TableContent>): { digest: string; rows: number } {
  const hash = createHash('sha256');
  let rows = 0;
  const sorted = [...tables].filter(({ table }) => !DIGEST_SKIPS_TABLES.has(table)).sort((a, b) => (a.table < b.table ? -1 : 1));
  for (const { table, columns, rows: tableRows } of sorted) {
    hash.update(`\u0000table ${table} ${JSON.stringify(columns)}\n`);
    const lines: string[] = [];
    for (const row of tableRows) lines.push(JSON.stringify(row.map(normalise)));
    lines.sort();
    rows += lines.length;
    for (const line of lines) hash.update(`${line}\n`);
  }
  return { digest: hash.digest('hex'), rows };
}

function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return { base64: value.toString('base64') };
  return value;
}
