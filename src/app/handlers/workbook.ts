import type { Handler } from './context';
import { readDurability } from '../store/connection';
import { schemaVersion } from '../store/migrations';

const COUNTED_TABLES = ['plan', 'domain', 'task', 'target', 'unit', 'unit_alias', 'task_owner', 'action', 'change_log'];

export const workbookInfo: Handler<'workbook-info'> = (_input, { workbook }) => {
  const { db } = workbook;
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .join('; ');
  const durability = readDurability(db);
  return { path: workbook.path, schemaVersion: schemaVersion(db), counts, integrity, ...durability };
};
