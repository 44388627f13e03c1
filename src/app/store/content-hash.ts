import { createHash } from 'node:crypto';
import type { FileDb } from './connection';

/**
 * A hash of what a workbook holds (every user table, rows in key order), independent of page layout, so
 * a backup can be checked against what it was taken from and a restore against the backup.
 */
export function contentHash(db: FileDb): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    hash.update(`\u0000table ${name}\n`);
    for (const row of db
      .prepare(`SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY rowid`)
      .raw()
      .iterate() as Iterable<unknown[]>) {
      hash.update(
        JSON.stringify(row, (_key, value: unknown) =>
          typeof value === 'bigint' ? value.toString() : Buffer.isBuffer(value) ? value.toString('base64') : value,
        ),
      );
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
