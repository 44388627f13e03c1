import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestVersion, loadMigrations } from '../../src/app/store/migrations';
import { openWorkbook } from '../../src/app/store/workbook';
import { workbookDigest } from '../../src/app/store/workbook-digest';
import { connectServer, type ServerClient } from '../../src/app/store/pg/server-connection';
import { parseServerAddress, type ServerAddress } from '../../src/app/store/pg/server-address';
import { listServerWorkbooks } from '../../src/app/store/pg/server-schema';
import { publishWorkbook, readFileTables, takeLocalCopy } from '../../src/app/store/pg/workbook-transfer';
import { COPY_ORIGIN_KEY, readCopyOrigin } from '../../src/app/store/copy-origin';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { cli, newWorkbook, resources, tempDir } from './helpers';

/**
 * A team workbook on a real PostgreSQL server (a private cluster started for this file): publishing a .mswb,
 * taking a local copy back, and what is refused. Both directions are checked by the engines' shared digest.
 */
const fileMigrations = loadMigrations(resources.migrationsDir);

/** A copy's tables without the setting that says where it came from, which its source does not have. */
function withoutCopyOrigin(tables: ReturnType<typeof readFileTables>): ReturnType<typeof readFileTables> {
  return tables.map((table) =>
    table.table === 'setting'
      ? { ...table, rows: table.rows.filter((row) => row[table.columns.indexOf('key')] !== COPY_ORIGIN_KEY) }
      : table,
  );
}
const serverMigrations = loadMigrations(resources.serverMigrationsDir);

describe.skipIf(!postgresAvailable())('team workbook on PostgreSQL', () => {
  let cluster: PgCluster;
  const clients: ServerClient[] = [];

  beforeAll(() => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    cluster?.stop();
  });

  function address(workbook: string, database = 'office'): ServerAddress {
    const parsed = parseServerAddress(cluster.address(database, { workbook }));
    if ('ok' in parsed) throw new Error(parsed.reason);
    return parsed;
  }
  async function connect(at: ServerAddress): Promise<ServerClient> {
    const client = await connectServer(at);
    clients.push(client);
    return client;
  }

  it('the PostgreSQL schema has the tables and columns of the file schema, in the same order and kinds', async () => {
    const client = await connect(address('schema_probe'));
    const file = newWorkbook();
    await client.query('BEGIN');
    try {
      const { createWorkbookSchema } = await import('../../src/app/store/pg/server-schema');
      await createWorkbookSchema(client, 'schema_probe', serverMigrations);
      const serverColumns = await client.query(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = 'schema_probe' ORDER BY table_name, ordinal_position`,
      );
      const kinds: Record<string, string> = { INTEGER: 'bigint', REAL: 'double precision', TEXT: 'text', ANY: 'jsonb' };
      const fileTables = (
        file.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
          name: string;
        }[]
      ).map((row) => row.name);
      const expected = fileTables.flatMap((table) =>
        (
          file.db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid').all(table) as {
            name: string;
            type: string;
            notnull: number;
            pk: number;
          }[]
        ).map((column) => `${table}.${column.name} ${kinds[column.type] ?? column.type} ${column.notnull || column.pk ? 'NO' : 'YES'}`),
      );
      const actual = (serverColumns.rows as { table_name: string; column_name: string; data_type: string; is_nullable: string }[]).map(
        (row) => `${row.table_name}.${row.column_name} ${row.data_type} ${row.is_nullable}`,
      );
      expect(actual.sort()).toEqual(expected.sort());
    } finally {
      await client.query('ROLLBACK');
    }
    // every file migration after the PostgreSQL baseline ships with its PostgreSQL form
    const serverVersions = new Set(serverMigrations.map((migration) => migration.version));
    const baseline = serverMigrations[0]?.version ?? 0;
    expect(fileMigrations.filter((m) => m.version > baseline && !serverVersions.has(m.version)).map((m) => m.name)).toEqual([]);
    expect(latestVersion(serverMigrations)).toBe(latestVersion(fileMigrations));
  });

  it('publishes a workbook in one transaction and a local copy of it reads the same, row for row', async () => {
    const source = newWorkbook();
    // a journal value of each kind, a range, money: what the copy must keep exactly
    source.journal.record('测试', '', (recorder) => {
      recorder.update('target', { id: 1 }, 'actual', 12.5);
      recorder.update('target', { id: 2 }, 'note', '第二行备注');
    });
    const at = address('dazhou_2027');
    const client = await connect(at);
    const published = await publishWorkbook(
      source.db,
      client,
      { name: 'dazhou_2027', title: '达州市2027', publishedFrom: 'test.mswb' },
      serverMigrations,
    );
    const fileDigest = workbookDigest(readFileTables(source.db));
    expect(published.digest).toBe(fileDigest.digest);
    expect(published.rows).toBeGreaterThan(500);

    expect((await listServerWorkbooks(client)).map((entry) => [entry.name, entry.title])).toEqual([['dazhou_2027', '达州市2027']]);
    const money = (database: { prepare(sql: string): { get(): unknown } }) =>
      database.prepare('SELECT sum(amount_fen) AS total FROM budget_line').get();
    expect(Number(cluster.psql('office', 'SELECT sum(amount_fen) FROM dazhou_2027.budget_line'))).toBe(
      (money(source.db) as { total: number }).total,
    );
    // the next id the server gives is past the copied ones
    const nextTarget = cluster.psql(
      'office',
      "INSERT INTO dazhou_2027.target (plan_id, ord, label, comparator) VALUES (1, 999, '新指标', '>=') RETURNING id",
    );
    const maxTarget = (source.db.prepare('SELECT max(id) AS id FROM target').get() as { id: number }).id;
    expect(Number(nextTarget)).toBe(maxTarget + 1);
    cluster.psql('office', `DELETE FROM dazhou_2027.target WHERE id = ${nextTarget}`);

    const copyFile = join(tempDir(), '出差副本.mswb');
    const copied = await takeLocalCopy(client, address('dazhou_2027'), copyFile, { fileMigrations, serverMigrations });
    expect(copied.digest).toBe(fileDigest.digest);
    // the copy is a workbook the app opens like any other, holding what the source held
    const reopened = openWorkbook(copyFile, { resources, actor: 'tester' });
    try {
      // …and where it came from, beside the content it shares with the server
      expect(readCopyOrigin(reopened.db)).toMatchObject({ workbook: 'dazhou_2027', database: 'office', lastAction: expect.any(Number) });
      expect(workbookDigest(withoutCopyOrigin(readFileTables(reopened.db))).digest).toBe(fileDigest.digest);
      expect(reopened.db.prepare('SELECT actual FROM target WHERE id = 1').get()).toEqual({ actual: 12.5 });
      expect(reopened.db.prepare("SELECT new_value FROM change_log WHERE field = 'note' ORDER BY id DESC LIMIT 1").get()).toEqual({
        new_value: '第二行备注',
      });
    } finally {
      reopened.close();
    }
  });

  it('refuses a name already taken, an existing file and a workbook from a newer version, changing nothing', async () => {
    const source = newWorkbook();
    const client = await connect(address('taken'));
    await publishWorkbook(source.db, client, { name: 'taken', title: '', publishedFrom: '' }, serverMigrations);
    await expect(publishWorkbook(source.db, client, { name: 'taken', title: '', publishedFrom: '' }, serverMigrations)).rejects.toThrow(
      '服务器上已有名为“taken”的工作簿',
    );
    await expect(takeLocalCopy(client, address('taken'), source.path, { fileMigrations, serverMigrations })).rejects.toThrow(
      '本地副本不会覆盖它',
    );

    cluster.psql('office', "INSERT INTO taken.schema_migration VALUES (999, 'future', '2030-01-01')");
    const copyFile = join(tempDir(), 'copy.mswb');
    await expect(takeLocalCopy(client, address('taken'), copyFile, { fileMigrations, serverMigrations })).rejects.toThrow(
      '由更新版本的民生规划工作台创建',
    );
    expect(existsSync(copyFile)).toBe(false);
    // an older one too, until the app ships the server form of the migrations since
    cluster.psql('office', "DELETE FROM taken.schema_migration; INSERT INTO taken.schema_migration VALUES (7, 'old', '2026-01-01')");
    await expect(takeLocalCopy(client, address('taken'), copyFile, { fileMigrations, serverMigrations })).rejects.toThrow(
      '比本软件（8）旧，需要先升级',
    );
  });

  it('an upload that fails half way leaves no schema and no registry entry behind', async () => {
    const source = newWorkbook();
    // PostgreSQL text cannot hold U+0000; SQLite's can: the copy fails on the target table, after others were copied
    source.journal.record('测试', '', (recorder) => recorder.update('target', { id: 3 }, 'note', 'a\u0000b'));
    const client = await connect(address('half_way'));
    await expect(publishWorkbook(source.db, client, { name: 'half_way', title: '', publishedFrom: '' }, serverMigrations)).rejects.toThrow(
      /^上传未完成，服务器未做任何修改：数据库服务器报错：/,
    );
    expect(cluster.psql('office', "SELECT count(*) FROM pg_namespace WHERE nspname = 'half_way'").trim()).toBe('0');
    expect((await listServerWorkbooks(client)).map((entry) => entry.name)).not.toContain('half_way');
  });

  it('explains in Chinese a missing database and a server that is not there', async () => {
    await expect(connectServer(address('x', 'no_such_db'))).rejects.toThrow('服务器上没有数据库“no_such_db”');
    const gone = { ...address('x'), host: join(tempDir(), 'no-server') };
    await expect(connectServer(gone)).rejects.toThrow('连接中断');
  });

  it('from the command line: upload, a local copy, and the floor read the same from the server, the copy and the original', () => {
    const source = newWorkbook();
    const original = source.path;
    source.close();
    const at = cluster.address('office', { workbook: 'cli_book' });
    const upload = cli('upload', '--db', original, '--to', at, '--title', '达州市2027年');
    expect(upload.stderr).toBe('');
    expect(upload.stdout).toMatch(/^已上传到 postgres:\/\/postgres@localhost\/office\?workbook=cli_book.*内容校验一致/);

    const copy = join(tempDir(), '副本.mswb');
    const taken = cli('local-copy', '--db', at, '--out', copy);
    expect(taken.stderr).toBe('');
    expect(taken.stdout).toContain('已保存本地副本');
    const floor = (db: string) => JSON.parse(cli('floor', '--db', db, '--json').stdout) as unknown;
    expect(floor(copy)).toEqual(floor(original));

    // the commands work on the team workbook itself as on a file
    expect(floor(at)).toEqual(floor(original));
    const exported = join(tempDir(), '团队.xlsx');
    const exporting = cli('export-xlsx', '--db', at, '--out', exported);
    expect(exporting.stderr).toBe('');
    expect(existsSync(exported)).toBe(true);
    expect(cli('init', '--db', at).stderr).toContain('请先 init 一个本地工作簿，再用 upload 上传到服务器');
    cluster.psql('office', 'CREATE ROLE li_si LOGIN');
    const granted = cli('grant', '--db', at, '--role', 'li_si', '--as', '单位填报', '--org', '市教育局', '--name', '李四');
    expect(granted.stdout.trim()).toBe('已把数据库用户 li_si（李四）设为团队工作簿“cli_book”的单位填报（市教育局）。');
    expect(
      cluster
        .psql(
          'office',
          "SELECT pg_has_role('li_si', r.rolname, 'MEMBER') FROM pg_roles r WHERE r.rolname LIKE 'mswb\\_%\\_cli\\_book\\_reporter'",
        )
        .trim(),
    ).toBe('t');
    expect(cli('grant', '--db', at, '--role', 'li_si', '--as', '单位填报').stderr).toContain('单位填报需要用 --org 指明其责任单位');
    const withPassword = cli('local-copy', '--db', at.replace('postgres@', 'postgres:secret@'), '--out', join(tempDir(), 'x.mswb'));
    expect(withPassword.code).toBe(1);
    expect(withPassword.stderr).toContain('地址中不能写密码');
  });
});
