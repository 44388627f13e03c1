import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress, type ServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { publishWorkbook, takeLocalCopy } from '../../src/app/store/pg/workbook-transfer';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { launchWorkbench, repoRoot } from '../harness';
import { answersOf } from '../support/team-workbooks';
import { cell, chooseMenu, editCell, screenshots, useWorkbenchSessions } from './session';

const resources = resourcesAt(repoRoot);
const serverMigrations = loadMigrations(resources.serverMigrationsDir);

/**
 * 文件 → 团队工作簿（服务器）… against a real PostgreSQL server (a private cluster for this file): a mistyped
 * address is explained and costs no 保存失败, an upload lands on the server whole, a local copy lands as a file.
 */
const sessions = useWorkbenchSessions();

/** A private PostgreSQL cluster with the database `office`, for one describe block. */
function useCluster(): () => PgCluster {
  let cluster: PgCluster | undefined;
  beforeAll(() => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
  }, 60_000);
  afterAll(() => cluster?.stop());
  return () => cluster as PgCluster;
}

/** A new workbook with the default plan, published on the cluster as team workbook `name`, as an office would. */
async function publishNew(cluster: PgCluster, name: string): Promise<ServerAddress> {
  const address = requireServerAddress(cluster.address('office', { workbook: name }));
  const source = openWorkbook(join(sessions.dir(), `${name}-source.mswb`), { resources, actor: 'e2e', create: true });
  const client = await connectServer(address);
  try {
    await publishWorkbook(source.file, client, { name, title: '', publishedFrom: '' }, serverMigrations);
  } finally {
    await client.end();
    source.close();
  }
  return address;
}

describe.skipIf(!postgresAvailable())('team workbooks from the desktop', () => {
  const server = useCluster();

  it('uploads the open workbook and takes a local copy back, saying what was checked', async () => {
    const cluster = server();
    const workbench = await sessions.open('team-upload');
    const { page } = workbench;
    await chooseMenu(page, '文件', '团队工作簿（服务器）…');
    const dialog = page.getByTestId('team-workbook-dialog');
    await dialog.waitFor();
    const address = cluster.address('office', { workbook: 'dazhou_2027' });
    await dialog.getByLabel('把本工作簿上传到服务器').check();

    // a password written into the address is refused before any connection, and the workbook is not 保存失败
    await dialog.getByLabel('服务器地址').fill(address.replace('postgres@', 'postgres:secret@'));
    await dialog.getByRole('button', { name: '上传到服务器' }).click();
    await expect.poll(() => page.locator('.message-bar').textContent()).toContain('地址中不能写密码');
    expect(await page.locator('.message-bar').textContent()).not.toContain('secret');
    expect(await page.getByTestId('save-state').textContent()).not.toContain('失败');

    await dialog.getByLabel('服务器地址').fill(address);
    await dialog.getByLabel('团队工作簿标题').fill('达州市2027年民生实事');
    await dialog.getByRole('button', { name: '上传到服务器' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^已上传到 .*逐行校验一致/);
    await page.screenshot({ path: join(screenshots, 'team-workbook-upload-1366x768.png') });
    expect(cluster.psql('office', 'SELECT title FROM minsheng.workbook').trim()).toBe('达州市2027年民生实事');
    const targets = (workbench.workbook.db.prepare('SELECT count(*) AS n FROM target').get() as { n: number }).n;
    expect(Number(cluster.psql('office', 'SELECT count(*) FROM dazhou_2027.target'))).toBe(targets);

    await dialog.getByLabel('从服务器另存为本地副本').check();
    expect(await dialog.getByLabel('团队工作簿标题').count()).toBe(0);
    workbench.setNextSavePath(join(sessions.dir(), '出差副本'));
    await dialog.getByRole('button', { name: '另存为本地副本…' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 }).toContain('已保存本地副本');
    expect(existsSync(join(sessions.dir(), '出差副本.mswb'))).toBe(true);
    await page.screenshot({ path: join(screenshots, 'team-workbook-copy-1366x768.png') });
  });

  it('opens a team workbook in this window: the status bar names it, and an edit is saved on the server', async () => {
    const cluster = server();
    const workbench = await sessions.open('team-open');
    const { page } = workbench;
    // the server gets this window's workbook first, as an office would publish it
    await chooseMenu(page, '文件', '团队工作簿（服务器）…');
    const dialog = page.getByTestId('team-workbook-dialog');
    const address = cluster.address('office', { workbook: 'opened_live' });
    await dialog.getByLabel('把本工作簿上传到服务器').check();
    await dialog.getByLabel('服务器地址').fill(address);
    await dialog.getByRole('button', { name: '上传到服务器' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 }).toContain('已上传到');

    await dialog.getByLabel('打开团队工作簿').check();
    await dialog.getByRole('button', { name: '打开', exact: true }).click();
    await expect.poll(() => page.locator('.message-bar').textContent(), { timeout: 20_000 }).toContain('已打开团队工作簿“opened_live”');
    await page.locator('.ag-row[row-id="1"]').waitFor();
    expect(await page.locator('.status-bar').textContent()).toContain('workbook=opened_live');
    expect(workbench.session.path).toMatch(/^postgres:\/\/.*workbook=opened_live/);

    await editCell(page, 2, 'remark', '服务器上的备注');
    // (a freshly loaded page already reads 已保存, so the write is awaited on the server itself)
    await expect.poll(() => cluster.psql('office', 'SELECT remark FROM opened_live.task WHERE id = 2').trim()).toBe('服务器上的备注');
    expect(cluster.psql('office', 'SELECT origin FROM opened_live.action ORDER BY id DESC LIMIT 1').trim()).toBe('app');
    await page.screenshot({ path: join(screenshots, 'team-workbook-open-1366x768.png') });
  });

  it("shows a colleague's edit within a second and who else is in the workbook", async () => {
    const cluster = server();
    const address = (await publishNew(cluster, 'live_view')).text;

    const zhang = await launchWorkbench({ dbPath: address, actor: '张三' });
    const li = await launchWorkbench({ dbPath: address, actor: '李四' });
    try {
      for (const { page } of [zhang, li]) await page.locator('.ag-row[row-id="1"]').waitFor();
      // who else is in is asked of the server every 5 s
      await expect.poll(() => zhang.page.getByTestId('status-others').textContent(), { timeout: 12_000 }).toMatch(/^同时在用：李四@/);

      await editCell(li.page, 5, 'remark', '李四刚填的');
      const seen = Date.now();
      await expect.poll(() => cell(zhang.page, 5, 'remark').textContent(), { timeout: 3000, interval: 50 }).toBe('李四刚填的');
      // the notice arrives with the commit; the page asks every 0.8 s and rereads
      expect(Date.now() - seen).toBeLessThan(1500);
      // and the changed cell is marked for a moment
      await expect
        .poll(() => cell(zhang.page, 5, 'remark').getAttribute('class'), { timeout: 2000, interval: 30 })
        .toContain('ag-cell-data-changed');
      expect(await zhang.page.locator('.message-bar').textContent()).toContain('其他人刚修改了团队工作簿');
      await zhang.page.screenshot({ path: join(screenshots, 'team-workbook-live-1366x768.png') });
    } finally {
      await zhang.close();
      await li.close();
    }
  });
});

describe.skipIf(!postgresAvailable())('bringing a local copy back, from the desktop', () => {
  const server = useCluster();

  it('lists the copy’s changes against the server, ticks the clean ones, and brings back what is chosen', async () => {
    const cluster = server();
    const address = await publishNew(cluster, 'trip_back');
    const client = await connectServer(address);
    // the trip: a copy, edited away from the server
    const copyPath = join(sessions.dir(), '带回测试副本.mswb');
    await takeLocalCopy(client, address, copyPath, { fileMigrations: loadMigrations(resources.migrationsDir), serverMigrations });
    await client.end();
    const copy = openWorkbook(copyPath, { resources, actor: '李四' });
    const onTrip = answersOf(copy);
    await onTrip('target-update', { edits: [{ targetId: 2, field: 'note', value: '出差核实' }] });
    await onTrip('target-update', { edits: [{ targetId: 3, field: 'note', value: '副本的说法' }] });
    await onTrip('task-update', { edits: [{ taskId: 2, field: 'remark', value: '县里补充' }], reason: '' });
    copy.close();
    // meanwhile, a colleague on the server
    cluster.psql('office', "UPDATE trip_back.target SET note = '服务器的说法' WHERE id = 3");

    const zhang = await launchWorkbench({ dbPath: address.text, actor: '张三' });
    try {
      const { page } = zhang;
      await page.locator('.ag-row[row-id="1"]').waitFor();
      zhang.setNextPickedFile(copyPath);
      await chooseMenu(page, '文件', '带回本地副本的修改…');
      const dialog = page.getByTestId('local-copy-review-dialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.locator('tbody tr').count()).toBe(3);
      expect(await dialog.textContent()).toContain('可带回 2，冲突 1');
      // the conflict is shown with both values, and not ticked
      const conflict = dialog.locator('tr.conflict');
      expect(await conflict.textContent()).toContain('副本的说法');
      expect(await conflict.textContent()).toContain('服务器的说法');
      expect(await conflict.getByRole('checkbox').isChecked()).toBe(false);
      await page.screenshot({ path: join(screenshots, 'team-workbook-bring-back-1366x768.png') });
      // the bulk buttons: none, then the clean ones again
      await dialog.getByRole('button', { name: '全部不勾选' }).click();
      expect(await dialog.getByRole('button', { name: '带回选中的 0 处修改' }).isDisabled()).toBe(true);
      await dialog.getByRole('button', { name: '只勾选可带回的 2 处' }).click();
      // the user leaves out the task's remark too
      await dialog.getByRole('checkbox', { name: /带回：任务2 / }).uncheck();
      await dialog.getByRole('button', { name: '带回选中的 1 处修改' }).click();
      await expect
        .poll(() => page.locator('.message-bar').textContent(), { timeout: 10_000 })
        .toContain('已从“带回测试副本.mswb”带回 1 处修改');
      expect(cluster.psql('office', 'SELECT note FROM trip_back.target WHERE id IN (2, 3) ORDER BY id').trim().split('\n')).toEqual([
        '出差核实',
        '服务器的说法',
      ]);
      expect(cluster.psql('office', 'SELECT remark FROM trip_back.task WHERE id = 2').trim()).toBe('');
    } finally {
      await zhang.close();
    }
  });
});

describe.skipIf(!postgresAvailable())('when the server goes away, from the desktop', () => {
  const server = useCluster();

  it('says 连接中断 in the status bar, only shows meanwhile, and edits again once the server is back', async () => {
    const cluster = server();
    const address = await publishNew(cluster, 'outage');
    const zhang = await launchWorkbench({ dbPath: address.text, actor: '张三' });
    try {
      const { page } = zhang;
      await page.locator('.ag-row[row-id="1"]').waitFor();
      cluster.stopServer();
      const readOnly = page.getByTestId('status-read-only');
      await expect.poll(() => readOnly.textContent(), { timeout: 5000 }).toContain('连接中断');
      expect(await readOnly.getByRole('button').count()).toBe(0);
      await page.screenshot({ path: join(screenshots, 'team-workbook-connection-lost-1366x768.png') });
      cluster.startServer();
      await expect.poll(() => readOnly.count(), { timeout: 15_000 }).toBe(0);
      await editCell(page, 3, 'remark', '恢复后的备注');
      await expect.poll(() => cluster.psql('office', 'SELECT remark FROM outage.task WHERE id = 3').trim()).toBe('恢复后的备注');
    } finally {
      await zhang.close();
    }
  }, 60_000);
});
