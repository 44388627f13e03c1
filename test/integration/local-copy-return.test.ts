import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { handlers } from '../../src/app/handlers';
import { dispatch } from '../../src/app/ipc/dispatch';
import { WorkbookSession } from '../../src/app/session';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress, type ServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { openServerWorkbook } from '../../src/app/store/pg/server-workbook';
import { publishWorkbook, takeLocalCopy } from '../../src/app/store/pg/workbook-transfer';
import { openWorkbook, type Workbook } from '../../src/app/store/workbook';
import type { LocalCopyChange, LocalCopyReview } from '../../src/shared/exchange';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { answersOf, syncWorkerScript } from '../support/team-workbooks';
import { newWorkbook, repoRoot, resources, tempDir } from './helpers';

/**
 * A local copy taken for a trip (另存为本地副本) is edited away from the server while colleagues go on editing the
 * team workbook; back at the office its changes come back one by one for review — never as a blind overwrite.
 */
const fileMigrations = loadMigrations(resources.migrationsDir);
const serverMigrations = loadMigrations(resources.serverMigrationsDir);
const workerScript = syncWorkerScript();

describe.skipIf(!postgresAvailable())('bringing a local copy’s changes back to its team workbook', () => {
  let cluster: PgCluster;
  const open: Workbook[] = [];
  beforeAll(() => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
  }, 60_000);
  afterAll(() => {
    for (const workbook of open) workbook.close();
    cluster?.stop();
  });

  async function publish(name: string): Promise<ServerAddress> {
    const address = requireServerAddress(cluster.address('office', { workbook: name }));
    const client = await connectServer(address);
    await publishWorkbook(newWorkbook().file, client, { name, title: name, publishedFrom: 'test.mswb' }, serverMigrations);
    await client.end();
    return address;
  }

  function openServer(address: ServerAddress, actor: string): Workbook {
    const workbook = openServerWorkbook(address, { origin: 'app', actor, serverMigrations, workerScript });
    open.push(workbook);
    return workbook;
  }

  async function copyOf(address: ServerAddress, actor: string): Promise<{ path: string; workbook: Workbook }> {
    const path = join(tempDir(), `${address.workbook}-出差.mswb`);
    const client = await connectServer(address);
    await takeLocalCopy(client, address, path, { fileMigrations, serverMigrations });
    await client.end();
    const workbook = openWorkbook(path, { resources, actor });
    open.push(workbook);
    return { path, workbook };
  }

  /** The team workbook's window: the channels, with the 打开 dialog answering `file`. */
  function windowOn(workbook: Workbook) {
    const context = nodeHandlerContext(new WorkbookSession(workbook.path, () => workbook).adopt(workbook), repoRoot);
    return {
      async call<T>(channel: string, input: unknown = {}, file: string | null = null): Promise<T> {
        context.dialogs.open = file;
        const result = await dispatch(handlers, context, channel, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as T;
      },
    };
  }

  const find = (review: LocalCopyReview, what: RegExp, field: string): LocalCopyChange => {
    const found = review.changes.find((change) => what.test(change.what) && change.fieldLabel === field);
    if (!found) throw new Error(`no change ${String(what)} ${field} in ${JSON.stringify(review.changes, null, 1)}`);
    return found;
  };
  const note = (workbook: Workbook, id: number) =>
    (workbook.db.prepare('SELECT note FROM target WHERE id = ?').get(id) as { note: string }).note;
  const label = (workbook: Workbook, id: number) =>
    (workbook.db.prepare('SELECT label FROM target WHERE id = ?').get(id) as { label: string }).label;

  it('reviews each change against the server — clean, already there, changed by a colleague, new records — and applies the accepted ones as one action', async () => {
    const address = await publish('trip');
    const office = openServer(address, '张三');
    const atOffice = answersOf(office);
    const scenario = (await atOffice('scenario-create', { name: '出差测算' })) as { id: number };
    await atOffice('target-update', { edits: [{ targetId: 1, field: 'note', value: '出发前' }] });

    const { path, workbook: copy } = await copyOf(address, '李四');
    const onTrip = answersOf(copy);
    await onTrip('target-update', { edits: [{ targetId: 2, field: 'note', value: '出差核实' }] });
    await onTrip('target-update', { edits: [{ targetId: 3, field: 'note', value: '副本的说法' }] });
    await onTrip('target-update', { edits: [{ targetId: 4, field: 'note', value: '写了又撤销' }] });
    await onTrip('history-undo');
    await onTrip('task-update', { edits: [{ taskId: 1, field: 'remark', value: '两边一样' }], reason: '' });
    const line = copy.db.prepare('SELECT id FROM budget_line ORDER BY id LIMIT 1').get() as { id: number };
    await onTrip('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: line.id, field: 'amount', value: '1234.5' }] });
    await onTrip('org-add', { name: '市新设局' });
    // a 目标值 is written across its value, unit and base-unit columns: one change to review
    const figure = copy.db
      .prepare(
        "SELECT id, value, unit FROM target WHERE comparator <> 'range' AND relative_to_year IS NULL AND value IS NOT NULL AND unit <> '' ORDER BY id LIMIT 1",
      )
      .get() as { id: number; value: number; unit: string };
    await onTrip('target-update', { edits: [{ targetId: figure.id, field: 'value', value: `${figure.value + 1}${figure.unit}` }] });

    // meanwhile at the office
    await atOffice('target-update', { edits: [{ targetId: 3, field: 'note', value: '服务器的说法' }] });
    await atOffice('task-update', { edits: [{ taskId: 1, field: 'remark', value: '两边一样' }], reason: '' });

    const window = windowOn(office);
    const review = await window.call<LocalCopyReview>('local-copy-review', {}, path);
    expect(review.fileName).toBe('trip-出差.mswb');
    const clean = find(review, new RegExp(label(office, 2)), '备注');
    expect(clean).toMatchObject({ state: 'clean', afterText: '出差核实' });
    const conflict = find(review, new RegExp(label(office, 3)), '备注');
    expect(conflict).toMatchObject({ state: 'conflict', afterText: '副本的说法', serverText: '服务器的说法' });
    expect(conflict.serverBy).toMatch(/^张三 于 \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(review.changes.find((change) => new RegExp(label(office, 4)).test(change.what))).toBeUndefined();
    expect(review.changes.find((change) => change.state === 'same')).toMatchObject({ what: expect.stringMatching(/^任务1 /) });
    const override = review.changes.find((change) => change.tableLabel === '情景调整');
    expect(override).toMatchObject({
      state: 'clean',
      fieldLabel: '金额调整',
      beforeText: '（无）',
      what: expect.stringContaining('出差测算'),
    });
    expect(review.changes.find((change) => change.state === 'left-out')).toMatchObject({ what: '市新设局', fieldLabel: '新增' });
    const value = review.changes.filter((change) => change.what === label(office, figure.id));
    expect(value).toEqual([
      expect.objectContaining({ fieldLabel: '目标值', afterText: expect.stringContaining(figure.unit), state: 'clean' }),
    ]);

    // the colleague's value is kept: only the clean changes are accepted
    const before = office.db.prepare('SELECT count(*) AS n FROM action').get() as { n: number };
    const { applied } = await window.call<{ applied: number }>('local-copy-apply', {
      token: review.token,
      acceptIds: [clean.id, (override as LocalCopyChange).id, (value[0] as LocalCopyChange).id],
    });
    expect(applied).toBe(3);
    const valueColumns = (workbook: Workbook) =>
      workbook.db.prepare('SELECT value, unit, base_value, base_unit FROM target WHERE id = ?').get(figure.id);
    expect(valueColumns(office)).toEqual(valueColumns(copy));
    expect(note(office, 2)).toBe('出差核实');
    expect(note(office, 3)).toBe('服务器的说法');
    const overrides = (workbook: Workbook) =>
      workbook.db
        .prepare('SELECT line_id, field, op, value FROM scenario_override WHERE scenario_id = ? ORDER BY line_id, field')
        .all(scenario.id);
    expect(overrides(office)).toEqual(overrides(copy));
    expect(overrides(office)).toHaveLength(1);
    // one action, named, that 撤销 takes back as a whole
    expect(office.db.prepare('SELECT count(*) AS n FROM action').get()).toEqual({ n: before.n + 1 });
    expect(office.db.prepare('SELECT label, reason FROM action ORDER BY id DESC LIMIT 1').get()).toEqual({
      label: '带回本地副本的修改（3处）',
      reason: '本地副本：trip-出差.mswb',
    });
    await atOffice('history-undo');
    expect(note(office, 2)).toBe('');
    expect(overrides(office)).toHaveLength(0);
    // nothing happened to the copy
    expect(note(copy, 2)).toBe('出差核实');
  });

  it('leaves out what cannot come back by itself, and keeps together the columns that only mean something together', async () => {
    const address = await publish('apart');
    const office = openServer(address, '张三');
    const atOffice = answersOf(office);
    const scenario = (await atOffice('scenario-create', { name: '调整' })) as { id: number };
    const locked = (await atOffice('scenario-create', { name: '待锁定' })) as { id: number };
    const [first, second] = office.db.prepare('SELECT id FROM budget_line ORDER BY id LIMIT 2').all() as { id: number }[];
    await atOffice('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: first!.id, field: 'amount', value: '100' }] });
    await atOffice('target-update', { edits: [{ targetId: 1, field: 'note', value: '出发前' }] });

    const { path, workbook: copy } = await copyOf(address, '张三');
    const onTrip = answersOf(copy);
    // an undo in the copy reaches only the copy's own actions: the office's earlier note stays
    await onTrip('history-undo');
    expect(note(copy, 1)).toBe('出发前');
    // how and how much an adjustment changes: one change of two columns
    await onTrip('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: first!.id, field: 'amount', value: '+10%' }] });
    await onTrip('budget-line-edits', { scenarioId: locked.id, edits: [{ lineId: second!.id, field: 'amount', value: '300' }] });
    // the newest line deleted and a new one added under the same id
    const last = copy.db.prepare('SELECT id, baseline_id FROM budget_line ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      baseline_id: number;
    };
    await onTrip('budget-line-delete', { scenarioId: last.baseline_id, lineIds: [last.id] });
    await onTrip('budget-line-add', { scenarioId: last.baseline_id, code: '2080801', name: '出差新增行', amount: '50' });
    expect(copy.db.prepare('SELECT max(id) AS id FROM budget_line').get()).toEqual({ id: last.id });
    // a new org, and an alias that names it
    const org = (await onTrip('org-add', { name: '市新设局' })) as { id: number };
    await onTrip('org-update', { edits: [{ orgId: org.id, field: 'aliases', value: '新设局' }] });
    // a bulk insert
    copy.journal.record('批量新增', '', (recorder) =>
      recorder.insertMany('budget_line', ['baseline_id', 'ord', 'code', 'name', 'amount_fen'], (insert) => {
        for (let i = 0; i < 3; i++) insert([last.baseline_id, 900 + i, '2010301', `批量${i}`, 100]);
      }),
    );

    // meanwhile at the office: the same adjustment changed, the other scenario locked
    await atOffice('budget-line-edits', { scenarioId: scenario.id, edits: [{ lineId: first!.id, field: 'amount', value: '200' }] });
    await atOffice('scenario-lock', { scenarioId: locked.id, locked: true });

    const review = await windowOn(office).call<LocalCopyReview>('local-copy-review', {}, path);
    const about = (pattern: RegExp) => review.changes.filter((change) => pattern.test(change.what));
    expect(about(/^调整 · /)).toEqual([
      expect.objectContaining({
        state: 'conflict',
        beforeText: '100.00万元',
        afterText: '+10%',
        serverText: '200.00万元',
        tableLabel: '情景调整',
      }),
    ]);
    expect(about(/^待锁定 · /)).toEqual([expect.objectContaining({ state: 'left-out', reason: expect.stringContaining('已锁定') })]);
    const replaced = review.changes.filter((change) => change.reason?.includes('用了同一个编号'));
    expect(replaced.map((change) => change.fieldLabel).sort()).toEqual(['删除', '新增']);
    expect(about(/^市新设局$/)).toEqual([expect.objectContaining({ state: 'left-out', fieldLabel: '新增' })]);
    expect(review.changes.filter((change) => change.tableLabel === '单位别名')).toEqual([
      expect.objectContaining({ state: 'left-out', reason: expect.stringContaining('新增或删除的记录') }),
    ]);
    expect(review.changes.filter((change) => change.fieldLabel === '批量新增')).toEqual([
      expect.objectContaining({ what: '3条预算行', state: 'left-out' }),
    ]);
    // nothing else: no edit of the old line under the reused id, no change of the office's note
    expect(review.changes.filter((change) => change.state !== 'left-out').map((change) => change.what)).toEqual([
      expect.stringMatching(/^调整 · /),
    ]);
  });

  it('applies nothing when a reviewed record changed on the server after the review', async () => {
    const address = await publish('late');
    const office = openServer(address, '张三');
    const { path, workbook: copy } = await copyOf(address, '李四');
    await answersOf(copy)('target-update', {
      edits: [
        { targetId: 2, field: 'note', value: '出差核实' },
        { targetId: 5, field: 'note', value: '另一条' },
      ],
    });
    const window = windowOn(office);
    const review = await window.call<LocalCopyReview>('local-copy-review', {}, path);
    expect(review.changes.map((change) => change.state)).toEqual(['clean', 'clean']);
    // a colleague, after the review was shown
    const colleague = openServer(address, '王五');
    await answersOf(colleague)('target-update', { edits: [{ targetId: 5, field: 'note', value: '同事刚改的' }] });
    await expect(window.call('local-copy-apply', { token: review.token, acceptIds: review.changes.map((c) => c.id) })).rejects.toThrow(
      /预览之后，“.*”的备注在服务器上又被修改了。整批未带回/,
    );
    expect(note(office, 2)).toBe('');
    expect(note(office, 5)).toBe('同事刚改的');
    // reviewed again (the dialog does so after the refusal), the colleague's change is now a conflict to decide on
    const again = await window.call<LocalCopyReview>('local-copy-review', { again: review.token });
    expect(again.changes.map((change) => change.state)).toEqual(['clean', 'conflict']);
    await expect(window.call('local-copy-apply', { token: review.token, acceptIds: [0] })).rejects.toThrow('预览已过期');
    expect(await window.call('local-copy-apply', { token: again.token, acceptIds: [0] })).toEqual({ applied: 1 });
    expect(note(office, 2)).toBe('出差核实');
  });

  it('refuses a copy of another team workbook, a workbook that is no copy, and a team workbook uploaded again since', async () => {
    const address = await publish('home');
    const other = await publish('elsewhere');
    const office = openServer(address, '张三');
    const window = windowOn(office);
    const { path: otherCopy } = await copyOf(other, '李四');
    await expect(window.call('local-copy-review', {}, otherCopy)).rejects.toThrow(
      '取自团队工作簿“elsewhere”（数据库 office），不是当前打开的“home”',
    );
    const plain = join(tempDir(), '普通工作簿.mswb');
    copyFileSync(newWorkbook().path, plain);
    await expect(window.call('local-copy-review', {}, plain)).rejects.toThrow('不是从团队工作簿另存的本地副本');
    // from a file workbook there is nothing to bring back to
    await expect(windowOn(newWorkbook()).call('local-copy-review', {}, plain)).rejects.toThrow('要先打开该副本所来自的团队工作簿');

    // the copy's history must continue the server's
    await answersOf(office)('target-update', { edits: [{ targetId: 1, field: 'note', value: '有历史' }] });
    const { path } = await copyOf(address, '李四');
    cluster.psql('office', "UPDATE home.action SET session = 'another' WHERE id = (SELECT max(id) FROM home.action)");
    await expect(window.call('local-copy-review', {}, path)).rejects.toThrow('被重新上传或恢复过');
  });
});
