import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbookSession } from '../../src/app/session';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { openServerWorkbook } from '../../src/app/store/pg/server-workbook';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import type { Workbook } from '../../src/app/store/workbook';
import type { ChannelName } from '../../src/shared/channel-names';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { newWorkbook, resources } from './helpers';
import { answersOf, channelsOf, syncWorkerScript } from '../support/team-workbooks';

/**
 * One workbook, two homes: the same channels answered from a .mswb file and from its copy on a PostgreSQL server
 * (uploaded from that file) must give the same answers — the plan grids, the owners, the floor, reports — and
 * the same edits, undone, must leave both the same. The store's repositories, journal and edit planners run
 * unchanged on either (the store seam, src/app/store/store-db.ts).
 */
const serverMigrations = loadMigrations(resources.serverMigrationsDir);
const workerScript = syncWorkerScript();

describe.skipIf(!postgresAvailable())('a workbook on either home', () => {
  let cluster: PgCluster;
  const open: Workbook[] = [];
  beforeAll(() => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
    cluster.createDatabase('office_zh', { icuLocale: 'zh-Hans' });
  }, 60_000);
  afterAll(() => {
    for (const workbook of open) workbook.close();
    cluster?.stop();
  });

  async function twoHomes(name: string, database = 'office') {
    const file = newWorkbook();
    const address = requireServerAddress(cluster.address(database, { workbook: name }));
    const client = await connectServer(address);
    await publishWorkbook(file.file, client, { name, title: name, publishedFrom: 'test.mswb' }, serverMigrations);
    await client.end();
    const server = openServerWorkbook(address, { origin: 'cli', actor: 'tester', serverMigrations, workerScript });
    open.push(server);
    return { file: answersOf(file), server: answersOf(server), serverWorkbook: server };
  }

  it.each(['office', 'office_zh'])(
    'answers the plan grids, owners, budget and reports the same from the file and from the server (%s)',
    async (database) => {
      const { file, server } = await twoHomes('reads', database);
      for (const [channel, input] of [
        ['plan-list', {}],
        ['task-list', { planId: 1 }],
        ['target-list', { planId: 1 }],
        ['org-list', {}],
        ['budget-metrics', {}],
        ['budget-view', {}],
        ['scenario-list', {}],
        ['report-data', { kind: 'compliance' }],
        ['report-data', { kind: 'matrix' }],
        ['report-data', { kind: 'execution' }],
      ] as const) {
        expect(await server(channel, input), `${channel} ${JSON.stringify(input)}`).toEqual(await file(channel, input));
      }
    },
  );

  it('applies the same edits the same way, records them in the journal, and undoes them', async () => {
    const { file, server, serverWorkbook } = await twoHomes('edits');
    const edits: [ChannelName, unknown][] = [
      ['target-update', { edits: [{ targetId: 4, field: 'actual', value: '3.5万人' }] }],
      ['task-update', { edits: [{ taskId: 2, field: 'remark', value: '已与教育局核对' }], reason: '季度核对' }],
      ['org-add', { name: '市大数据局' }],
    ];
    for (const [channel, input] of edits) {
      expect(await server(channel, input), channel).toEqual(await file(channel, input));
    }
    expect(await server('target-list', { planId: 1 })).toEqual(await file('target-list', { planId: 1 }));
    const log = (entries: unknown) => (entries as { at: string }[]).map(({ at: _at, ...entry }) => entry);
    expect(log(await server('change-log-list', { limit: 20 }))).toEqual(log(await file('change-log-list', { limit: 20 })));
    // who and from where: the journal row on the server names the user, the machine and the kind of process
    const action = serverWorkbook.db.prepare('SELECT actor, origin, machine FROM action ORDER BY id DESC LIMIT 1').get();
    expect(action).toMatchObject({ actor: 'tester', origin: 'cli' });

    for (let step = 0; step < edits.length; step++) {
      expect(await server('history-undo', {})).toEqual(await file('history-undo', {}));
    }
    expect(await server('task-list', { planId: 1 })).toEqual(await file('task-list', { planId: 1 }));
    expect(await server('org-list', {})).toEqual(await file('org-list', {}));
  });

  it("undoes only one person's own actions, and refuses naming who changed the cell since", async () => {
    const { server: alice } = await twoHomes('undo_rules');
    const address = requireServerAddress(cluster.address('office', { workbook: 'undo_rules' }));
    const bobsWorkbook = openServerWorkbook(address, { origin: 'app', actor: '李四', serverMigrations, workerScript });
    open.push(bobsWorkbook);
    const bob = channelsOf(bobsWorkbook);

    await alice('target-update', { edits: [{ targetId: 4, field: 'actual', value: '3.2万人' }] });
    expect(await bob('target-update', { edits: [{ targetId: 4, field: 'actual', value: '3.4万人' }] })).toMatchObject({ ok: true });
    // bob's undo list holds only bob's action; alice's undo would overwrite bob's value, so it is refused
    const refused = await alice('history-undo', {}).catch((error: Error) => error.message);
    expect(refused).toMatch(/^history-undo: 无法撤销“.*”：其中的数据在此之后已被李四（.*）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改/);
    expect(await bob('history-undo', {})).toMatchObject({ ok: true, value: { canUndo: false } });
    // with bob's change taken back, alice's own undo goes through
    await alice('history-undo', {});
    const target = (await alice('target-list', { planId: 1 })) as { targets: { id: number; actual: number | null }[] };
    expect(target.targets.find((row) => row.id === 4)?.actual).toBeNull();
    // 变更记录 shows everyone's changes
    const actors = ((await alice('change-log-list', { limit: 10 })) as { actor: string }[]).map((entry) => entry.actor);
    expect(new Set(actors)).toEqual(new Set(['tester', '李四']));
  });

  it("hears another person's commit within a second, and knows who else is in the workbook", async () => {
    const { serverWorkbook: mine } = await twoHomes('live');
    const session = new WorkbookSession(mine.path, () => mine).adopt(mine);
    const address = requireServerAddress(cluster.address('office', { workbook: 'live' }));
    const theirs = openServerWorkbook(address, { origin: 'app', actor: '王五', serverMigrations, workerScript });
    open.push(theirs);
    await expect.poll(() => session.status().others, { timeout: 5000 }).toEqual([expect.stringMatching(/^王五@/)]);
    expect(session.status().externalChanges).toBe(0);

    theirs.journal.record('王五的修改', '', (recorder) => recorder.update('task', { id: 3 }, 'remark', '王五改的'));
    await expect.poll(() => session.status().externalChanges, { timeout: 1000, interval: 50 }).toBe(1);
    // this window's own commits are not news to it
    mine.journal.record('我的修改', '', (recorder) => recorder.update('task', { id: 4 }, 'remark', '我改的'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(session.status().externalChanges).toBe(1);
  });

  it('refuses an edit of a cell someone changed after this window read it, naming who, when and to what', async () => {
    const { server: alice } = await twoHomes('stale');
    const address = requireServerAddress(cluster.address('office', { workbook: 'stale' }));
    const bobs = openServerWorkbook(address, { origin: 'app', actor: '李四', serverMigrations, workerScript });
    open.push(bobs);
    const bob = channelsOf(bobs);

    await alice('target-list', { planId: 1 });
    expect(await bob('target-update', { edits: [{ targetId: 4, field: 'actual', value: '3.2万人' }] })).toMatchObject({ ok: true });
    const refused = await alice('target-update', { edits: [{ targetId: 4, field: 'actual', value: '3.5万人' }] }).catch(
      (e: Error) => e.message,
    );
    expect(refused).toMatch(/^target-update: 该单元格已被 李四 于 \d{2}:\d{2} 改为 3\.2万人，请核对后重试。您的修改未保存。$/);
    // another cell of the same row, which nobody changed, is not stale
    expect(await alice('target-update', { edits: [{ targetId: 4, field: 'note', value: '核对中' }] })).toBeTruthy();
    // having read again (the page does within a second of the other commit), the edit goes through
    await alice('target-list', { planId: 1 });
    await alice('target-update', { edits: [{ targetId: 4, field: 'actual', value: '3.5万人' }] });
    const row = ((await alice('target-list', { planId: 1 })) as { targets: { id: number; actual: number | null }[] }).targets.find(
      (t) => t.id === 4,
    );
    expect(row?.actual).toBe(3.5);
  });

  it("sees a colleague's 撤销 and 重做 as changes of the cells they touch", async () => {
    const { server: alice } = await twoHomes('undone');
    const address = requireServerAddress(cluster.address('office', { workbook: 'undone' }));
    const bobs = openServerWorkbook(address, { origin: 'app', actor: '李四', serverMigrations, workerScript });
    open.push(bobs);
    const bob = channelsOf(bobs);
    expect(await bob('target-update', { edits: [{ targetId: 5, field: 'note', value: '李四的备注' }] })).toMatchObject({ ok: true });

    await alice('target-list', { planId: 1 });
    expect(await bob('history-undo', {})).toMatchObject({ ok: true });
    const afterUndo = await alice('target-update', { edits: [{ targetId: 5, field: 'note', value: '张三的备注' }] }).catch(
      (e: Error) => e.message,
    );
    expect(afterUndo).toBe('target-update: 该单元格已被 李四 撤销修改，恢复为 （空），请核对后重试。您的修改未保存。');

    await alice('target-list', { planId: 1 });
    expect(await bob('history-redo', {})).toMatchObject({ ok: true });
    const afterRedo = await alice('target-update', { edits: [{ targetId: 5, field: 'note', value: '张三的备注' }] }).catch(
      (e: Error) => e.message,
    );
    expect(afterRedo).toBe('target-update: 该单元格已被 李四 重做修改，改为 李四的备注，请核对后重试。您的修改未保存。');
    // read again, it goes through
    await alice('target-list', { planId: 1 });
    await alice('target-update', { edits: [{ targetId: 5, field: 'note', value: '张三的备注' }] });
  });

  it('the same for a budget cell, an owner and an org: refused when someone changed it since this window read it', async () => {
    const { server: alice } = await twoHomes('stale_rows');
    const address = requireServerAddress(cluster.address('office', { workbook: 'stale_rows' }));
    const bobs = openServerWorkbook(address, { origin: 'app', actor: '李四', serverMigrations, workerScript });
    open.push(bobs);
    const bob = answersOf(bobs);
    const scenario = (await alice('scenario-create', { name: '测算' })) as { id: number };
    const line = (bobs.db.prepare('SELECT id FROM budget_line ORDER BY id LIMIT 1').get() as { id: number }).id;
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'applied',
        (e: Error) => e.message,
      );

    // a scenario's amount: 李四 adds the adjustment after 张三's grid read the scenario
    await alice('budget-view', { scenarioId: scenario.id });
    await bob('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: line, field: 'amount', value: '100' }] });
    expect(
      await refusal(alice('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: line, field: 'amount', value: '200' }] })),
    ).toMatch(/^budget-line-edits: 该单元格已被 李四 于 \d{2}:\d{2} 设为 100\.00万元.*请核对后重试/);
    // …and changes it again, then 张三 would put the line back to the baseline
    await alice('budget-view', { scenarioId: scenario.id });
    await bob('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: line, field: 'amount', value: '150' }] });
    expect(
      await refusal(alice('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: line, field: 'amount', value: '' }] })),
    ).toMatch(/^budget-line-edits: 该单元格已被 李四 于 \d{2}:\d{2} 改为 /);

    // an owner in the matrix
    await alice('task-list', { planId: 1 });
    await alice('org-list', {});
    const org = (await bob('org-add', { name: '市大数据局' })) as { id: number };
    await bob('task-owner-set', { changes: [{ taskId: 3, orgId: org.id, role: 'co' }] });
    expect(await refusal(alice('task-owner-set', { changes: [{ taskId: 3, orgId: org.id, role: 'lead' }] }))).toMatch(
      /^task-owner-set: 该单元格已被 李四 于 \d{2}:\d{2} 设为 /,
    );
    // an org's contact
    await alice('org-list', {});
    await bob('org-update', { edits: [{ orgId: org.id, field: 'contact', value: '王科长' }] });
    expect(await refusal(alice('org-update', { edits: [{ orgId: org.id, field: 'contact', value: '赵科长' }] }))).toMatch(
      /^org-update: 该单元格已被 李四 于 \d{2}:\d{2} 改为 王科长/,
    );
    // read again, each goes through
    await alice('budget-view', { scenarioId: scenario.id });
    await alice('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: line, field: 'amount', value: '200' }] });
    await alice('task-list', { planId: 1 });
    await alice('task-owner-set', { changes: [{ taskId: 3, orgId: org.id, role: 'lead' }] });
    await alice('org-list', {});
    await alice('org-update', { edits: [{ orgId: org.id, field: 'contact', value: '赵科长' }] });
  });

  it('refuses an undo whose delete would cascade to rows someone else has added since', async () => {
    const { server: alice } = await twoHomes('cascade');
    const address = requireServerAddress(cluster.address('office', { workbook: 'cascade' }));
    const bobs = openServerWorkbook(address, { origin: 'app', actor: '李四', serverMigrations, workerScript });
    open.push(bobs);
    const bob = channelsOf(bobs);

    const org = (await alice('org-add', { name: '市大数据局' })) as { id: number };
    expect(await bob('task-owner-set', { changes: [{ taskId: 3, orgId: org.id, role: 'co' }] })).toMatchObject({ ok: true });
    // undoing the added org would delete it and, by cascade, 李四's owner row with it
    expect(await alice('history-undo', {}).catch((e: Error) => e.message)).toMatch(/^history-undo: 无法撤销“.*市大数据局/);
    expect(cluster.psql('office', `SELECT count(*) FROM cascade.task_owner WHERE unit_id = ${org.id}`).trim()).toBe('1');
  });
});
