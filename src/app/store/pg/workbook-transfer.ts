import { existsSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/result';
import type { FileDb } from '../connection';
import { latestVersion, type Migration, schemaVersion } from '../migrations';
import { writeNewWorkbookFile } from '../new-workbook-file';
import { DIGEST_SKIPS_TABLES, type TableContent, workbookDigest } from '../workbook-digest';
import { createWorkbookSchema, ensureRegistry, checkServerSchema, REGISTRY_SCHEMA } from './server-schema';
import { applyAccessRules } from './server-roles';
import { type ServerClient, serverError, type ServerPlace } from './server-connection';
import { type ServerAddress, workbookNameProblem } from './server-address';
import { COPY_ORIGIN_KEY, copyOriginText } from '../copy-origin';

/**
 * Moving a workbook between its two homes: 上传到服务器 publishes a .mswb file as a new team workbook, and
 * 另存为本地副本 takes a team workbook's snapshot into a new .mswb file. Each is all or nothing: the copy is
 * compared with its source by workbookDigest before it commits (the server transaction) or gets its name (the
 * file), so a copy that differs in any row is never left behind.
 */

export interface TransferSummary {
  tables: number;
  rows: number;
  digest: string;
}

interface TableRows extends TableContent {
  rows: unknown[][];
}

/** Every content table of a SQLite workbook, read in one transaction so that the copy is of one moment. */
export function readFileTables(db: FileDb): TableRows[] {
  return db.transaction(() => {
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !DIGEST_SKIPS_TABLES.has(name));
    return names.map((table) => {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string }[]).map(
        (c) => c.name,
      );
      const rows = db
        .prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`)
        .raw()
        .all() as unknown[][];
      return { table, columns, rows };
    });
  })();
}

interface ServerColumn {
  table: string;
  column: string;
  type: string;
}

async function serverColumns(client: ServerClient, schema: string): Promise<Map<string, ServerColumn[]>> {
  const result = await client.query(
    `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
    [schema],
  );
  const byTable = new Map<string, ServerColumn[]>();
  for (const row of result.rows as ServerColumn[]) {
    if (DIGEST_SKIPS_TABLES.has(row.table)) continue;
    byTable.set(row.table, [...(byTable.get(row.table) ?? []), row]);
  }
  return byTable;
}

/** Every content table of a team workbook, read by the caller's transaction (REPEATABLE READ for one moment). */
async function readServerTables(client: ServerClient, schema: string): Promise<TableRows[]> {
  const tables: TableRows[] = [];
  for (const [table, columns] of await serverColumns(client, schema)) {
    const names = columns.map((column) => column.column);
    const result = await client.query({ text: `SELECT ${names.map(quote).join(', ')} FROM ${schema}.${quote(table)}`, rowMode: 'array' });
    tables.push({ table, columns: names, rows: result.rows as unknown[][] });
  }
  return tables;
}

/** The two homes hold the same tables with the same columns, or nothing is copied. */
function assertSameLayout(source: readonly TableRows[], target: Map<string, readonly string[]>, where: string): void {
  for (const { table, columns } of source) {
    const theirs = target.get(table);
    if (!theirs || theirs.join() !== columns.join())
      throw new WorkbenchError('conflict', `${where}的表“${table}”结构与本工作簿不同，无法复制。请确认两边的软件版本一致。`);
  }
  if (target.size !== source.length)
    throw new WorkbenchError('conflict', `${where}的表与本工作簿不一致，无法复制。请确认两边的软件版本一致。`);
}

/** PostgreSQL allows 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

export interface PublishTarget {
  /** the schema name (see server-address.ts) */
  name: string;
  title: string;
  /** the file it came from, for the registry */
  publishedFrom: string;
}

/**
 * 上传到服务器: the workbook `db` becomes the new team workbook `target.name`, in one server transaction that
 * creates the schema, copies every row, sets the id sequences past the copied ids, checks the copy's digest
 * against the file's and only then commits. The file is only read.
 */
export async function publishWorkbook(
  db: FileDb | null,
  client: ServerClient,
  target: PublishTarget,
  serverMigrations: readonly Migration[],
): Promise<TransferSummary> {
  if (!db)
    throw new WorkbenchError('conflict', '这已经是服务器上的团队工作簿，不需要再上传；要在别的服务器上建一份，请先另存为本地副本再上传。');
  const nameProblem = workbookNameProblem(target.name);
  if (nameProblem) throw new WorkbenchError('bad_input', `${nameProblem}。`);
  const fileVersion = schemaVersion(db);
  if (fileVersion !== latestVersion(serverMigrations))
    throw new WorkbenchError(
      'conflict',
      `工作簿的数据结构版本（${fileVersion}）与本软件的服务器版本（${latestVersion(serverMigrations)}）不同，请先用本软件打开一次该工作簿再上传。`,
    );
  const tables = readFileTables(db);
  const local = workbookDigest(tables);
  await client.query('BEGIN');
  try {
    await ensureRegistry(client);
    await createWorkbookSchema(client, target.name, serverMigrations);
    await client.query('SET CONSTRAINTS ALL DEFERRED');
    const columns = await serverColumns(client, target.name);
    assertSameLayout(tables, new Map([...columns].map(([table, list]) => [table, list.map((c) => c.column)])), '服务器');
    for (const { table, columns: names, rows } of tables) {
      const jsonColumns = new Set((columns.get(table) ?? []).filter((c) => c.type === 'jsonb').map((c) => c.column));
      // the baseline's seeded rows (default settings) give way to the file's own
      await client.query(`DELETE FROM ${quote(table)}`);
      await insertRows(client, table, names, jsonColumns, rows);
      if (names.includes('id'))
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT max(id) FROM ${quote(table)}), 0) + 1, false)`,
          [`${target.name}.${table}`],
        );
    }
    // the copied rows' keys are checked now (and the table can be altered for row-level security)
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    // who may do what: the database enforces it, whatever the client (server-roles.ts)
    await applyAccessRules(client, target.name);
    const copied = workbookDigest(await readServerTables(client, target.name));
    if (copied.digest !== local.digest)
      throw new WorkbenchError('storage', '上传校验未通过：服务器上的副本与本地工作簿内容不一致，已撤销上传，服务器未做任何修改。');
    await client.query(`INSERT INTO ${REGISTRY_SCHEMA}.workbook (name, title, published_from, content_digest) VALUES ($1, $2, $3, $4)`, [
      target.name,
      target.title,
      target.publishedFrom,
      local.digest,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof WorkbenchError) throw error;
    const explained = serverError(error, client as ServerPlace);
    throw new WorkbenchError(explained.kind, `上传未完成，服务器未做任何修改：${explained.message}`);
  }
  return { tables: tables.length, rows: local.rows, digest: local.digest };
}

async function insertRows(
  client: ServerClient,
  table: string,
  columns: readonly string[],
  jsonColumns: ReadonlySet<string>,
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const asJson = columns.map((column) => jsonColumns.has(column));
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = row.map((value, index) => {
        values.push(asJson[index] && value !== null ? JSON.stringify(value) : value);
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

/**
 * 另存为本地副本: a snapshot of team workbook `source.workbook` (one moment of it, read in a REPEATABLE READ
 * transaction) written as a new .mswb at `file`. The file is built under a temporary name beside it, checked
 * against the server's digest and only then given its name; an existing file is never replaced. The copy
 * remembers where it came from and the newest action it holds (copy-origin.ts), so that its changes can be
 * brought back for review later.
 */
export async function takeLocalCopy(
  client: ServerClient,
  source: Pick<ServerAddress, 'host' | 'port' | 'database' | 'workbook'>,
  file: string,
  options: { fileMigrations: readonly Migration[]; serverMigrations: readonly Migration[]; nativeBinding?: string | undefined },
): Promise<TransferSummary> {
  if (existsSync(file)) throw new WorkbenchError('conflict', `文件“${file}”已存在，本地副本不会覆盖它，请换一个文件名。`);
  const name = source.workbook;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let tables: TableRows[];
  try {
    const version = await checkServerSchema(client, name, options.serverMigrations);
    if (version !== latestVersion(options.fileMigrations))
      throw new WorkbenchError(
        'conflict',
        `团队工作簿“${name}”的数据结构版本（${version}）与本软件（${latestVersion(options.fileMigrations)}）不同，请先在服务器上升级该工作簿。`,
      );
    tables = await readServerTables(client, name);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw serverError(error, client as ServerPlace);
  }
  const server = workbookDigest(tables);
  writeNewWorkbookFile(file, { migrations: options.fileMigrations, nativeBinding: options.nativeBinding }, (db) => {
    assertSameLayout(tables, new Map(readFileTables(db).map((table) => [table.table, table.columns])), '本软件的工作簿');
    db.pragma('defer_foreign_keys = ON');
    for (const { table, columns, rows } of tables) {
      // the migrations' seeded rows (default settings) give way to the workbook's own
      db.prepare(`DELETE FROM ${quote(table)}`).run();
      const insert = db.prepare(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      for (const row of rows) insert.run(row);
    }
    const written = workbookDigest(readFileTables(db));
    if (written.digest !== server.digest)
      throw new WorkbenchError('storage', '本地副本校验未通过：写入的内容与服务器上的不一致，未生成副本。');
    const newest = newestAction(tables);
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      COPY_ORIGIN_KEY,
      copyOriginText({
        host: source.host,
        port: source.port,
        database: source.database,
        workbook: source.workbook,
        lastAction: newest?.id ?? 0,
        lastActionAt: newest?.at ?? '',
        lastActionSession: newest?.session ?? '',
        takenAt: new Date().toISOString(),
      }),
    );
  });
  return { tables: tables.length, rows: server.rows, digest: server.digest };
}

/** The newest action in the copied journal: where the copy's own history begins. */
function newestAction(tables: readonly TableRows[]): { id: number; at: string; session: string } | null {
  const action = tables.find((table) => table.table === 'action');
  if (!action) return null;
  const [id, at, session] = ['id', 'at', 'session'].map((column) => action.columns.indexOf(column)) as [number, number, number];
  let newest: { id: number; at: string; session: string } | null = null;
  for (const row of action.rows) {
    const rowId = Number(row[id]);
    if (!newest || rowId > newest.id) newest = { id: rowId, at: String(row[at]), session: String(row[session]) };
  }
  return newest;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
