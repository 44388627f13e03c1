import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import type { Db } from './connection';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads `NNNN_name.sql` files in order. Each number is used once. A workbook records every version applied to it
 * (not only the highest), so numbers taken by work that lands later (0006 reserved while 0007 ships) are applied
 * when they arrive instead of being skipped.
 */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ version: Number(match[1]), name: match[2] ?? '', sql: readFileSync(join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version < 1) throw new Error(`migration ${migration.name} has version ${migration.version}`);
    if (index > 0 && migrations[index - 1]?.version === migration.version) throw new Error(`two migrations have version ${migration.version}`);
  });
  return migrations;
}

export function schemaVersion(db: Db): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migration').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Applies the migrations this workbook lacks, each in its own transaction, and refuses a workbook written
 * by a newer version of the app (its schema would be misread and then damaged).
 */
export function migrate(db: Db, migrations: readonly Migration[]): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new WorkbenchError(
      'conflict',
      `该工作簿由更新版本的民生规划工作台创建（数据结构版本 ${from}），本软件只支持到版本 ${latest}。请升级软件后再打开，工作簿未做任何修改。`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return { from, to: Math.max(from, latest) };
}
