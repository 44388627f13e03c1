import type { Db, FileDb } from './connection';

/**
 * What 工作簿信息 shows about the file itself: how many rows the main tables hold and SQLite's own integrity check.
 * Read on request only — the integrity check reads every page.
 */

const COUNTED_TABLES = ['plan', 'domain', 'task', 'target', 'unit', 'unit_alias', 'task_owner', 'action', 'change_log'] as const;

export function rowCounts(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

/** SQLite's verdict on the file: "ok", or the problems it found, joined with "; ". */
export function integrityCheck(db: FileDb): string {
  return (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
}
