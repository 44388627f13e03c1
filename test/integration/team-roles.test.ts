import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { grantMember } from '../../src/app/store/pg/server-roles';
import { openServerWorkbook } from '../../src/app/store/pg/server-workbook';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import type { Workbook } from '../../src/app/store/workbook';
import type { ChannelName } from '../../src/shared/channel-names';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { newWorkbook, resources } from './helpers';
import { channelsOf, syncWorkerScript } from '../support/team-workbooks';

/**
 * Who may do what in a team workbook is the database's to enforce: a 单位填报 login changes only its own tasks'
 * targets, 只读 changes nothing, 编辑 changes values but not structure — whatever a client sends. The calls here
 * are the page's IPC input, sent to the real handlers as each person.
 */
const serverMigrations = loadMigrations(resources.serverMigrationsDir);
const workerScript = syncWorkerScript();

describe.skipIf(!postgresAvailable())('roles in a team workbook', () => {
  let cluster: PgCluster;
  const open: Workbook[] = [];
  beforeAll(async () => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
    const file = newWorkbook();
    const owner = await connectServer(requireServerAddress(cluster.address('office', { workbook: 'roles' })));
    await publishWorkbook(file.file, owner, { name: 'roles', title: '', publishedFrom: '' }, serverMigrations);
    cluster.psql('office', 'CREATE ROLE li LOGIN; CREATE ROLE wang LOGIN; CREATE ROLE zhao LOGIN; CREATE ROLE sun LOGIN');
    await grantMember(owner, 'roles', { role: 'li', kind: 'reporter', orgName: '市教育局', displayName: '李四' });
    await grantMember(owner, 'roles', { role: 'wang', kind: 'reader', displayName: '王五' });
    await grantMember(owner, 'roles', { role: 'zhao', kind: 'editor', displayName: '赵六' });
    await grantMember(owner, 'roles', { role: 'sun', kind: 'admin', displayName: '孙七' });
    await owner.end();
  }, 60_000);
  afterAll(() => {
    for (const workbook of open) workbook.close();
    cluster?.stop();
  });

  function openAs(role: string): Workbook {
    const address = requireServerAddress(cluster.address('office', { workbook: 'roles' }).replace('postgres@', `${role}@`));
    const workbook = openServerWorkbook(address, { origin: 'app', actor: role, serverMigrations, workerScript });
    open.push(workbook);
    return workbook;
  }

  function as(role: string) {
    const call = channelsOf(openAs(role));
    return async (channel: ChannelName, input: unknown) => {
      const result = await call(channel, input);
      return result.ok ? 'ok' : `${result.error.kind}: ${result.error.message}`;
    };
  }

  it("tells the page each person's role as the workbook opens: its kind, its name and a reporter's 责任单位", async () => {
    expect(openAs('li').role).toEqual({ kind: 'reporter', label: '单位填报', orgName: '市教育局' });
    expect(openAs('wang').role).toEqual({ kind: 'reader', label: '只读' });
    expect(openAs('zhao').role).toEqual({ kind: 'editor', label: '编辑' });
    expect(openAs('sun').role).toEqual({ kind: 'admin', label: '管理员' });
    // the superuser that published the workbook holds every right without a group
    expect(openAs('postgres').role).toEqual({ kind: 'admin', label: '管理员' });
    // the status the page asks for carries it; a file's has none
    const status = await channelsOf(openAs('li'))('workbook-status');
    expect(status.ok && (status.value as { role?: unknown }).role).toEqual({ kind: 'reporter', label: '单位填报', orgName: '市教育局' });
    const fileStatus = await channelsOf(newWorkbook())('workbook-status');
    expect(fileStatus.ok && 'role' in (fileStatus.value as object)).toBe(false);
  });

  it('单位填报 changes the actuals and notes of its own tasks only, and is journaled by name', async () => {
    const li = as('li');
    // task 1 is led by 市教育局; task 6 by 市人力资源社会保障局, with no part for 市教育局
    expect(await li('target-update', { edits: [{ targetId: 5, field: 'actual', value: '1.2万名' }] })).toBe('ok');
    expect(await li('target-update', { edits: [{ targetId: 5, field: 'note', value: '已核实' }] })).toBe('ok');
    expect(await li('target-update', { edits: [{ targetId: 18, field: 'actual', value: '3万人' }] })).toMatch(
      /^forbidden: 没有修改指标“.*”的权限，未作任何修改。/,
    );
    expect(await li('target-update', { edits: [{ targetId: 5, field: 'value', value: '9万名' }] })).toMatch(
      /^forbidden: 当前数据库用户没有执行此操作的权限/,
    );
    expect(await li('task-update', { edits: [{ taskId: 1, field: 'remark', value: 'x' }] })).toMatch(/^forbidden:/);
    expect(cluster.psql('office', 'SELECT actual FROM roles.target WHERE id = 18').trim()).toBe('');
    expect(cluster.psql('office', "SELECT DISTINCT a.actor FROM roles.action a WHERE a.actor LIKE '李四%'").trim()).toBe('李四（li）');
  });

  it('只读 changes nothing; 编辑 changes values but not the structure', async () => {
    const wang = as('wang');
    expect(await wang('target-update', { edits: [{ targetId: 5, field: 'note', value: '王五' }] })).toMatch(/^forbidden:/);
    expect(await wang('task-list', { planId: 1 })).toBe('ok');
    // choosing which scenario to look at is this window's, and allowed to anyone who may read
    const saved = () => cluster.psql('office', "SELECT value FROM roles.setting WHERE key = 'budget.current_scenario'").trim();
    const before = saved();
    const scenario = cluster.psql('office', 'SELECT max(id) FROM roles.scenario').trim();
    expect(await wang('scenario-select', { scenarioId: Number(scenario) })).toBe('ok');
    expect(saved()).toBe(before);
    const zhao = as('zhao');
    expect(await zhao('task-update', { edits: [{ taskId: 6, field: 'remark', value: '赵六核对' }] })).toBe('ok');
    expect(await zhao('target-update', { edits: [{ targetId: 18, field: 'actual', value: '3.1万人' }] })).toBe('ok');
    expect(await zhao('org-add', { name: '市大数据局' })).toMatch(/^forbidden:/);
    expect(cluster.psql('office', "SELECT count(*) FROM roles.unit WHERE name = '市大数据局'").trim()).toBe('0');
  });

  it('keeps the history honest: a writer adds and changes only its own actions, and only their state', async () => {
    const li = as('li');
    // retyping what is there records nothing, and is not refused
    expect(await li('target-update', { edits: [{ targetId: 5, field: 'note', value: '已核实' }] })).toBe('ok');
    const denied = (sql: string) => {
      try {
        cluster.psql('office', sql, 'li');
        return 'allowed';
      } catch (error) {
        return String(error).match(/permission denied|violates row-level security/)?.[0] ?? String(error);
      }
    };
    const zhaos = cluster.psql('office', "SELECT id FROM roles.action WHERE actor LIKE '赵六%' LIMIT 1").trim();
    expect(denied(`UPDATE roles.change_log SET old_value = '1' WHERE action_id = ${zhaos}`)).toBe('permission denied');
    expect(denied(`UPDATE roles.action SET state = 'undone' WHERE id = ${zhaos}`)).toBe('allowed');
    expect(cluster.psql('office', `SELECT state FROM roles.action WHERE id = ${zhaos}`).trim()).toBe('done');
    expect(denied(`INSERT INTO roles.action (at, actor, label) VALUES ('2027-01-01', '赵六（zhao）', '伪造')`)).toBe(
      'violates row-level security',
    );
    expect(denied(`DELETE FROM roles.change_log WHERE action_id = ${zhaos}`)).toBe('permission denied');
    expect(denied(`INSERT INTO roles.target (plan_id, ord, label, comparator) VALUES (1, 99, '新指标', '>=')`)).toBe('permission denied');
    // li sees the members of the workbooks li is in, and of no other
    expect(cluster.psql('office', 'SELECT count(*) FROM minsheng.member', 'li').trim()).toBe('4');
    cluster.psql('office', "INSERT INTO minsheng.member (workbook, role_name, kind) VALUES ('another_book', 'someone', 'reader')");
    expect(cluster.psql('office', 'SELECT count(*) FROM minsheng.member', 'li').trim()).toBe('4');
  });
});
