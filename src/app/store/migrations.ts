import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import type { Db, FileDb } from './connection';

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
    if (index > 0 && migrations[index - 1]?.version === migration.version)
      throw new Error(`two migrations have version ${migration.version}`);
  });
  return migrations;
}

/** The highest migration version a list ships. */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** The highest version a workbook records, where the record is known to exist (a team workbook always has it). */
export function recordedVersion(db: Db): number {
  return (db.prepare('SELECT MAX(version) AS version FROM schema_migration').get() as { version: number | null }).version ?? 0;
}

export function schemaVersion(db: FileDb): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migration').get() as { version: number | null };
  return row.version ?? 0;
}

export function appliedVersions(db: FileDb): Set<number> {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  if (!exists) return new Set();
  return new Set((db.prepare('SELECT version FROM schema_migration').all() as { version: number }[]).map((row) => row.version));
}

/** The shipped migrations this workbook has not had yet. */
export function pendingMigrations(db: FileDb, migrations: readonly Migration[]): Migration[] {
  const applied = appliedVersions(db);
  return migrations.filter((migration) => !applied.has(migration.version));
}

/**
 * Applies the migrations this workbook lacks, each in its own transaction, and refuses a workbook that records a
 * migration this app does not know (written by a newer version: its schema would be misread and then damaged).
 */
export function migrate(db: FileDb, migrations: readonly Migration[]): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const from = schemaVersion(db);
  const latest = latestVersion(migrations);
  const known = new Set(migrations.map((migration) => migration.version));
  const unknown = [...appliedVersions(db)].filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new WorkbenchError(
      'conflict',
      `该工作簿由更新版本的民生规划工作台创建（数据结构版本 ${Math.max(...unknown)}），本软件只支持到版本 ${latest}。请升级软件后再打开，工作簿未做任何修改。`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of pendingMigrations(db, migrations)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return { from, to: schemaVersion(db) };
}
