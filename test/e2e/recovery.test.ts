import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { launchWorkbench, repoRoot } from '../harness';
import { chooseMenu, screenshots, useWorkbenchSessions } from './session';

const sessions = useWorkbenchSessions();

describe('a damaged workbook and the backups', () => {
  it('starts in recovery, says what is wrong, restores a verified backup, and the app opens', async () => {
    const path = join(sessions.dir(), 'damaged.mswb');
    const good = openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'setup', create: true });
    good.db.prepare("UPDATE task SET remark = '备份里的备注' WHERE id = 1").run();
    await good.backup('manual');
    good.db.pragma('wal_checkpoint(TRUNCATE)');
    good.close();
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 3)));
    rmSync(`${path}-wal`, { force: true });

    const session = await launchWorkbench({ dbPath: path });
    try {
      const { page } = session;
      const recovery = page.getByTestId('recovery-view');
      await recovery.waitFor();
      // cut to a third: the file is shorter than its own header says
      expect(await recovery.locator('h1').textContent()).toBe('工作簿文件不完整');
      expect(await recovery.textContent()).toContain('都未做任何改动');
      await page.screenshot({ path: join(screenshots, 'recovery-1366x768.png') });
      await recovery.getByRole('button', { name: '用所选备份恢复' }).click();
      await page.locator('.ag-row[row-id="1"]').waitFor();
      expect(await page.locator('.ag-row[row-id="1"] .ag-cell[col-id="remark"]').textContent()).toBe('备份里的备注');
    } finally {
      await session.close();
    }
  });

  it('lists backups with time and size and takes one on request', async () => {
    const { page } = await sessions.open('backups');
    await chooseMenu(page, '文件', '备份与恢复…');
    const dialog = page.getByTestId('backups-dialog');
    await dialog.getByRole('button', { name: '立即备份' }).click();
    await expect.poll(() => dialog.getByTestId('backup-list').locator('tbody tr').count()).toBe(1);
    expect(await dialog.textContent()).toContain('✔ 完整');
    expect(await dialog.textContent()).toContain('手动');
    await page.screenshot({ path: join(screenshots, 'backups-1366x768.png') });
  });
});
