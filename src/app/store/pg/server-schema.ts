import { WorkbenchError } from '../../../shared/result';
import { latestVersion, type Migration } from '../migrations';
import type { ServerClient } from './server-connection';

/**
 * The layout of team workbooks in a database: one PostgreSQL schema per workbook, holding the same tables as a
 * .mswb file (db/migrations-pg), plus the `minsheng` schema listing the workbooks. One schema each rather than a
 * workbook id on every row: `pg_dump -n name` backs up (and `pg_restore` brings back) exactly one workbook,
 * grants and row-level security are given per workbook, dropping or renaming one is one statement, and the
 * store's SQL runs unchanged under `search_path` instead of carrying a workbook id through every key and query.
 */

export const REGISTRY_SCHEMA = 'minsheng';

export async function ensureRegistry(client: ServerClient): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${REGISTRY_SCHEMA}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${REGISTRY_SCHEMA}.workbook (
    name           text PRIMARY KEY,
    title          text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text NOT NULL DEFAULT current_user,
    published_from text NOT NULL DEFAULT '',
    content_digest text NOT NULL DEFAULT ''
  )`);
  // who is a member of which workbook, as what (server-roles.ts)
  await client.query(`CREATE TABLE IF NOT EXISTS ${REGISTRY_SCHEMA}.member (
    workbook     text NOT NULL,
    role_name    text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('reader', 'reporter', 'editor', 'admin')),
    org_id       bigint,
    display_name text NOT NULL DEFAULT '',
    PRIMARY KEY (workbook, role_name),
    CHECK ((kind = 'reporter') = (org_id IS NOT NULL))
  )`);
}

export interface ServerWorkbookEntry {
  name: string;
  title: string;
  createdAt: string;
  createdBy: string;
  publishedFrom: string;
}

/** The team workbooks of a database, for 打开 and for a refusal that names what is there. */
export async function listServerWorkbooks(client: ServerClient): Promise<ServerWorkbookEntry[]> {
  const registry = await client.query(`SELECT to_regclass('${REGISTRY_SCHEMA}.workbook') IS NOT NULL AS present`);
  if (!(registry.rows[0] as { present: boolean }).present) return [];
  const result = await client.query(
    `SELECT name, title, to_char(created_at, 'YYYY-MM-DD HH24:MI') AS "createdAt", created_by AS "createdBy",
            published_from AS "publishedFrom"
     FROM ${REGISTRY_SCHEMA}.workbook ORDER BY name`,
  );
  return result.rows as ServerWorkbookEntry[];
}

export async function workbookExists(client: ServerClient, name: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name]);
  return result.rowCount === 1;
}

/** The migration versions a team workbook records; empty when the schema has no migration table. */
export async function appliedServerVersions(client: ServerClient, name: string): Promise<number[]> {
  const present = await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${name}.schema_migration`]);
  if (!(present.rows[0] as { present: boolean }).present) return [];
  const result = await client.query(`SELECT version FROM ${name}.schema_migration ORDER BY version`);
  return (result.rows as { version: number }[]).map((row) => row.version);
}

/**
 * Refuses a team workbook written by a newer version of the app (its schema would be misread and then
 * damaged), as a newer .mswb file is refused; answers the workbook's schema version otherwise.
 */
export async function checkServerSchema(client: ServerClient, name: string, migrations: readonly Migration[]): Promise<number> {
  return schemaVerdict(name, await appliedServerVersions(client, name), migrations);
}

/** The version of a team workbook recording `applied`, or the refusal of one that is not this app's or is newer. */
export function schemaVerdict(name: string, applied: readonly number[], migrations: readonly Migration[]): number {
  if (applied.length === 0)
    throw new WorkbenchError('not_found', `服务器上的“${name}”不是民生规划工作台的团队工作簿（缺少数据结构版本记录）。`);
  const known = new Set(migrations.map((migration) => migration.version));
  const unknown = applied.filter((version) => !known.has(version) && version > latestVersion(migrations));
  if (unknown.length > 0)
    throw new WorkbenchError(
      'conflict',
      `团队工作簿“${name}”由更新版本的民生规划工作台创建（数据结构版本 ${Math.max(...unknown)}），本软件只支持到版本 ${latestVersion(migrations)}。请升级软件后再打开，服务器上的数据未做任何修改。`,
    );
  const version = Math.max(...applied);
  // an older one is upgraded on purpose, by its owner (server-upgrade.ts), never as a side effect of someone opening
  // it: colleagues on the previous version of the app must learn it from a refusal, not from a misread schema
  if (version < latestVersion(migrations))
    throw new WorkbenchError(
      'conflict',
      `团队工作簿“${name}”的数据结构版本（${version}）比本软件（${latestVersion(migrations)}）旧，需要先升级。请工作簿的所有者先用 pg_dump 备份，再运行“命令行 upgrade --db 服务器地址”升级；服务器上的数据未做任何修改。`,
    );
  return version;
}

/** A team workbook's version, refusing one that is no workbook or is newer; an older one is answered, not refused. */
export function upgradableVersion(name: string, applied: readonly number[], migrations: readonly Migration[]): number {
  try {
    return schemaVerdict(name, applied, migrations);
  } catch (error) {
    const version = Math.max(0, ...applied);
    if (applied.length > 0 && version < latestVersion(migrations)) return version;
    throw error;
  }
}

/**
 * Creates the workbook's schema and its tables inside the caller's transaction, and leaves `search_path` on it
 * for the rest of that transaction. The baseline migration seeds default settings; an upload replaces them.
 */
export async function createWorkbookSchema(client: ServerClient, name: string, migrations: readonly Migration[]): Promise<void> {
  if (await workbookExists(client, name)) throw new WorkbenchError('conflict', `服务器上已有名为“${name}”的工作簿，请换一个名称。`);
  await client.query(`CREATE SCHEMA ${name}`);
  await client.query(`SET LOCAL search_path TO ${name}`);
  await client.query('CREATE TABLE schema_migration (version bigint PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
  await runServerMigrations(client, migrations);
}

/** Runs migrations in order in the caller's transaction, under the workbook's search_path, recording each. */
export async function runServerMigrations(client: ServerClient, migrations: readonly Migration[]): Promise<void> {
  for (const migration of migrations) {
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      new Date().toISOString(),
    ]);
  }
}
