import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, type Migration } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer, type ServerClient } from '../../src/app/store/pg/server-connection';
import { grantMember } from '../../src/app/store/pg/server-roles';
import { checkServerSchema } from '../../src/app/store/pg/server-schema';
import { openServerWorkbook } from '../../src/app/store/pg/server-workbook';
import { upgradeServerWorkbook } from '../../src/app/store/pg/server-upgrade';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { syncWorkerScript } from '../support/team-workbooks';
import { cli, newWorkbook, resources } from './helpers';

/**
 * A team workbook made by this version meets the next version of the app: its owner upgrades it on purpose, in one
 * transaction, and the roles reach the tables the upgrade adds. The next version is played by one more migration.
 */
const serverMigrations = loadMigrations(resources.serverMigrationsDir);
const next = serverMigrations.at(-1)!.version + 1;
const withNext = (sql: string): Migration[] => [...serverMigrations, { version: next, name: 'next_version', sql }];
const NEXT_SQL = `ALTER TABLE task ADD COLUMN checked_by text NOT NULL DEFAULT '';
  CREATE TABLE task_check (id bigint PRIMARY KEY, task_id bigint NOT NULL REFERENCES task(id), note text NOT NULL DEFAULT '')`;

describe.skipIf(!postgresAvailable())('upgrading a team workbook', () => {
  let cluster: PgCluster;
  const clients: ServerClient[] = [];
  beforeAll(() => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
    cluster.psql('office', 'CREATE ROLE wang LOGIN; CREATE ROLE zhao LOGIN');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    cluster?.stop();
  });

  async function connect(workbook: string, user = 'postgres'): Promise<ServerClient> {
    const client = await connectServer(requireServerAddress(cluster.address('office', { workbook }).replace('postgres@', `${user}@`)));
    clients.push(client);
    return client;
  }
  const version = (workbook: string) => Number(cluster.psql('office', `SELECT max(version) FROM ${workbook}.schema_migration`));

  it('is refused on opening with the way to upgrade; its owner upgrades it whole, and the roles reach the new table', async () => {
    const owner = await connect('older');
    await publishWorkbook(newWorkbook().file, owner, { name: 'older', title: '', publishedFrom: '' }, serverMigrations);
    await grantMember(owner, 'older', { role: 'wang', kind: 'reader' });
    await grantMember(owner, 'older', { role: 'zhao', kind: 'editor' });
    await expect(checkServerSchema(owner, 'older', withNext(NEXT_SQL))).rejects.toThrow(/比本软件（\d+）旧，需要先升级。.*upgrade --db/);

    // an editor is no owner: refused, nothing changed
    await expect(upgradeServerWorkbook(await connect('older', 'zhao'), 'older', withNext(NEXT_SQL))).rejects.toThrow(
      /^升级未完成，团队工作簿未做任何修改：只有团队工作簿的所有者/,
    );
    expect(version('older')).toBe(next - 1);

    // nobody may have it open: their app checked the version when it opened, not since
    const colleague = openServerWorkbook(requireServerAddress(cluster.address('office', { workbook: 'older' })), {
      origin: 'app',
      actor: '李四',
      serverMigrations,
      workerScript: syncWorkerScript(),
    });
    await expect(upgradeServerWorkbook(owner, 'older', withNext(NEXT_SQL))).rejects.toThrow(/^李四@.* 正在使用团队工作簿“older”/);
    colleague.close();
    // (its connections end a moment after it closes)
    await expect
      .poll(() => cluster.psql('office', "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'mswb older %'").trim(), {
        timeout: 5000,
      })
      .toBe('0');

    expect(await upgradeServerWorkbook(owner, 'older', withNext(NEXT_SQL))).toEqual({
      from: next - 1,
      to: next,
      applied: [`${next} next_version`],
    });
    expect(version('older')).toBe(next);
    expect(await checkServerSchema(owner, 'older', withNext(NEXT_SQL))).toBe(next);
    // the new table is the workbook's like the others: readable by its readers, written only as the rules say
    const reader = await connect('older', 'wang');
    expect((await reader.query('SELECT count(*)::int AS n FROM older.task_check')).rows).toEqual([{ n: 0 }]);
    expect((await reader.query('SELECT checked_by FROM older.task WHERE id = 1')).rows).toEqual([{ checked_by: '' }]);
    await expect((await connect('older', 'zhao')).query('INSERT INTO older.task_check (id, task_id) VALUES (1, 1)')).rejects.toThrow(
      /permission denied/,
    );
    // and a second run has nothing to do
    expect(await upgradeServerWorkbook(owner, 'older', withNext(NEXT_SQL))).toMatchObject({ from: next, to: next, applied: [] });
  });

  it('a migration that fails leaves the workbook as it was; a newer workbook is not touched', async () => {
    const owner = await connect('halfway');
    await publishWorkbook(newWorkbook().file, owner, { name: 'halfway', title: '', publishedFrom: '' }, serverMigrations);
    await expect(
      upgradeServerWorkbook(owner, 'halfway', withNext(`CREATE TABLE made_first (id bigint); ALTER TABLE no_such_table ADD COLUMN x text`)),
    ).rejects.toThrow(/^升级未完成，团队工作簿未做任何修改/);
    expect(version('halfway')).toBe(next - 1);
    expect(cluster.psql('office', "SELECT to_regclass('halfway.made_first') IS NULL").trim()).toBe('t');

    // a workbook from a version after `next` is refused by this one, not "upgraded" backwards
    cluster.psql('office', `INSERT INTO halfway.schema_migration VALUES (${next + 5}, 'future', '2030-01-01')`);
    await expect(upgradeServerWorkbook(owner, 'halfway', withNext(NEXT_SQL))).rejects.toThrow('由更新版本的民生规划工作台创建');
  });

  it('from the command line', async () => {
    const at = cluster.address('office', { workbook: 'cli_upgrade' });
    const owner = await connect('cli_upgrade');
    await publishWorkbook(newWorkbook().file, owner, { name: 'cli_upgrade', title: '', publishedFrom: '' }, serverMigrations);
    const run = cli('upgrade', '--db', at);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('已是最新的数据结构版本');
    expect(cli('upgrade', '--db', cluster.address('office', { workbook: 'nowhere' })).stderr).toContain(
      '服务器上没有名为“nowhere”的团队工作簿',
    );
  });
});
