import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { grantMember } from '../../src/app/store/pg/server-roles';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { launchWorkbench, repoRoot } from '../harness';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { cell, chooseMenu, editCell, screenshots, useWorkbenchSessions } from './session';

const resources = resourcesAt(repoRoot);
const serverMigrations = loadMigrations(resources.serverMigrationsDir);

/**
 * A 单位填报 member in the desktop: the page offers only the cells and commands the server would keep — its own
 * 责任单位's targets' 实际值 and 备注 — and the status bar says who the person is there.
 */
const sessions = useWorkbenchSessions();

describe.skipIf(!postgresAvailable())('a team-workbook role in the desktop', () => {
  let cluster: PgCluster;
  let address = '';
  beforeAll(async () => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
    const owner = cluster.address('office', { workbook: 'reporting' });
    const file = openWorkbook(join(sessions.dir(), 'reporting-source.mswb'), { resources, actor: 'e2e', create: true });
    const client = await connectServer(requireServerAddress(owner));
    await publishWorkbook(file.file, client, { name: 'reporting', title: '', publishedFrom: '' }, serverMigrations);
    file.close();
    cluster.psql('office', 'CREATE ROLE li LOGIN');
    await grantMember(client, 'reporting', { role: 'li', kind: 'reporter', orgName: '市教育局', displayName: '李四' });
    await client.end();
    // the cluster trusts its socket: the member logs in as their own role, no password asked
    address = owner.replace('postgres@', 'li@');
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('单位填报 edits only its own tasks’ 实际值 and 备注; the rest does not open for editing, and the status bar names the role', async () => {
    const li = await launchWorkbench({ dbPath: address, actor: '李四' });
    try {
      const { page } = li;
      await page.locator('.ag-row[row-id="1"]').waitFor();
      const role = page.getByTestId('status-role');
      await expect.poll(() => role.textContent()).toBe('身份：单位填报（市教育局）');
      expect(await role.getAttribute('title')).toContain('只能填写市教育局牵头或协办任务的指标的实际值和备注');

      const editing = page.locator('.ag-cell-inline-editing');
      // 任务: nothing of a task is the reporter's
      await cell(page, 2, 'remark').dblclick();
      expect(await editing.count()).toBe(0);

      await chooseMenu(page, '视图', '指标');
      await page.locator('[data-testid="targets-sheet"] .ag-row[row-id="5"]').waitFor();
      // target 5 is task 1's, which 市教育局 leads: its 实际值 is the reporter's to fill
      await editCell(page, 5, 'actual', '1.2万名');
      await expect.poll(() => cluster.psql('office', 'SELECT actual IS NOT NULL FROM reporting.target WHERE id = 5').trim()).toBe('t');
      // its 目标值 is not, nor is any cell of task 6's target 18 (市人力资源社会保障局's, no part for 市教育局)
      for (const [target, column] of [
        [5, 'value'],
        [18, 'actual'],
        [18, 'note'],
      ] as const) {
        await cell(page, target, column).dblclick();
        expect(await editing.count(), `${target} ${column}`).toBe(0);
      }
      await cell(page, 18, 'actual').hover();
      await expect.poll(() => page.locator('.ag-tooltip').textContent()).toBe('单位填报只能填写市教育局牵头或协办的任务的指标。');
      await page.screenshot({ path: join(screenshots, 'team-role-reporter-1366x768.png') });

      // the structure commands are not offered, and say why
      await page.getByRole('menubar').getByRole('menuitem', { name: '文件', exact: true }).click();
      const importPlan = page.getByRole('menu').getByRole('menuitem', { name: /^导入计划/ });
      expect(await importPlan.isDisabled()).toBe(true);
      expect(await importPlan.getAttribute('title')).toBe('你在该团队工作簿中的身份是单位填报，只有管理员可以修改这部分内容。');
      await page.keyboard.press('Escape');
    } finally {
      await li.close();
    }
  });
});
