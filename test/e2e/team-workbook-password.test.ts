import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { launchBrowser, launchWorkbench, repoRoot, type WorkbenchSession } from '../harness';
import { chooseMenu, screenshots } from './session';

/**
 * 记住密码 (issue 21): a password kept in the key store opens the team workbook in the next run of the app without
 * being typed, is never written in clear, and is forgotten when the server no longer takes it. The server asks this
 * role for a password (scram-sha-256), unlike the cluster's trusted superuser; the harness key store really encrypts.
 */
const ROLE = 'clerk';
const FIRST_PASSWORD = 'Qing#2027密码';
const CHANGED_PASSWORD = 'Xin#2028';
const NO_KEY_STORE = '本机没有可用的系统密钥库，密码只在本次运行中保留。';

/** Makes `role` log in with a password over the cluster's socket (the cluster trusts everyone else). */
function requirePassword(cluster: PgCluster, role: string, password: string): void {
  cluster.psql('postgres', `CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${password}'`);
  const hba = join(cluster.socketDir, 'data', 'pg_hba.conf');
  writeFileSync(hba, `local all ${role} scram-sha-256\n${readFileSync(hba, 'utf8')}`);
  cluster.psql('postgres', 'SELECT pg_reload_conf()');
}

describe.skipIf(!postgresAvailable())('team-workbook passwords kept in the key store', () => {
  let cluster: PgCluster;
  let browser: Browser;
  let dir = '';
  let address = '';
  let kept = '';
  beforeAll(async () => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
    const serverAddress = cluster.address('office', { workbook: 'kept_pw' });
    dir = mkdtempSync(join(tmpdir(), 'minsheng-e2e-vault-'));
    const source = openWorkbook(join(dir, 'source.mswb'), { resources: resourcesAt(repoRoot), actor: 'e2e', create: true });
    const client = await connectServer(requireServerAddress(serverAddress));
    await publishWorkbook(
      source.file,
      client,
      { name: 'kept_pw', title: '', publishedFrom: '' },
      loadMigrations(resourcesAt(repoRoot).serverMigrationsDir),
    );
    await client.end();
    source.close();
    requirePassword(cluster, ROLE, FIRST_PASSWORD);
    address = serverAddress.replace('postgres://postgres@', `postgres://${ROLE}@`);
    // the passwords file names the address as the app writes it (its parts in a fixed order)
    kept = requireServerAddress(address).text;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One run of the app over the same data folder (its workbook and its server-passwords.json). */
  async function run(keyStoreProblem?: string): Promise<WorkbenchSession> {
    const workbench = await launchWorkbench({
      dbPath: join(dir, 'desk.mswb'),
      browser,
      ...(keyStoreProblem ? { keyStoreProblem } : {}),
    });
    await workbench.page.locator('.ag-row[row-id="1"]').waitFor();
    return workbench;
  }

  async function teamDialog(page: Page) {
    await chooseMenu(page, '文件', '团队工作簿（服务器）…');
    const dialog = page.getByTestId('team-workbook-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('服务器地址').fill(address);
    return dialog;
  }

  const vaultText = (): string => readFileSync(join(dir, 'server-passwords.json'), 'utf8');

  it('keeps a ticked password encrypted; the next run opens without asking; a changed one is forgotten and asked again', async () => {
    const first = await run();
    try {
      const dialog = await teamDialog(first.page);
      await dialog.getByLabel('密码', { exact: true }).fill(FIRST_PASSWORD);
      await dialog.getByLabel('记住密码（保存在本机系统密钥库）').check();
      await first.page.screenshot({ path: join(screenshots, 'team-workbook-remember-password-1366x768.png') });
      await dialog.getByRole('button', { name: '打开', exact: true }).click();
      await expect
        .poll(() => first.page.locator('.message-bar').textContent(), { timeout: 20_000 })
        .toContain('密码已保存在本机系统密钥库中');
      const file = vaultText();
      expect(file).toContain(kept);
      expect(file).not.toContain(FIRST_PASSWORD);
      expect(file).not.toContain(Buffer.from(FIRST_PASSWORD).toString('base64'));
    } finally {
      await first.close();
    }

    // the next run: the dialog says a password is saved, and 打开 with the field empty logs in with it
    const second = await run();
    try {
      const dialog = await teamDialog(second.page);
      await expect.poll(() => dialog.getByTestId('saved-password').textContent()).toContain('已保存密码');
      expect(await dialog.getByLabel('记住密码（保存在本机系统密钥库）').isChecked()).toBe(true);
      expect(await dialog.getByLabel('密码', { exact: true }).inputValue()).toBe('');
      await second.page.screenshot({ path: join(screenshots, 'team-workbook-saved-password-1366x768.png') });
      await dialog.getByRole('button', { name: '打开', exact: true }).click();
      await expect
        .poll(() => second.page.locator('.message-bar').textContent(), { timeout: 20_000 })
        .toContain('已打开团队工作簿“kept_pw”');
      expect(second.session.path).toMatch(/^postgres:\/\/clerk@.*workbook=kept_pw/);
    } finally {
      await second.close();
    }

    // the password is changed on the server: the kept one is refused once, then forgotten, and the dialog asks
    cluster.psql('postgres', `ALTER ROLE ${ROLE} PASSWORD '${CHANGED_PASSWORD}'`);
    const third = await run();
    try {
      const dialog = await teamDialog(third.page);
      await expect.poll(() => dialog.getByTestId('saved-password').count()).toBe(1);
      await dialog.getByRole('button', { name: '打开', exact: true }).click();
      await expect.poll(() => third.page.locator('.message-bar').textContent(), { timeout: 20_000 }).toContain('密码错误');
      await expect.poll(() => dialog.getByTestId('saved-password').count()).toBe(0);
      expect(vaultText()).not.toContain(kept);

      // 记住密码 stays ticked, so the new password typed is kept in place of the old one
      expect(await dialog.getByLabel('记住密码（保存在本机系统密钥库）').isChecked()).toBe(true);
      await dialog.getByLabel('密码', { exact: true }).fill(CHANGED_PASSWORD);
      await dialog.getByRole('button', { name: '打开', exact: true }).click();
      await expect.poll(() => third.page.locator('.message-bar').textContent(), { timeout: 20_000 }).toContain('已打开团队工作簿“kept_pw”');
      expect(vaultText()).toContain(kept);
      expect(vaultText()).not.toContain(CHANGED_PASSWORD);
    } finally {
      await third.close();
    }
  });

  it('offers no 记住密码 where the machine has no key store, and says why', async () => {
    const workbench = await run(NO_KEY_STORE);
    try {
      const dialog = await teamDialog(workbench.page);
      const box = dialog.getByLabel('记住密码（保存在本机系统密钥库）');
      await expect.poll(() => dialog.getByText(NO_KEY_STORE).count()).toBe(1);
      expect(await box.isDisabled()).toBe(true);
      expect(await box.isChecked()).toBe(false);
      await workbench.page.screenshot({ path: join(screenshots, 'team-workbook-no-key-store-1366x768.png') });
      // the password typed works for this run, and no file is written for it
      await dialog.getByLabel('密码', { exact: true }).fill(CHANGED_PASSWORD);
      await dialog.getByRole('button', { name: '打开', exact: true }).click();
      await expect.poll(() => workbench.page.locator('.message-bar').textContent(), { timeout: 20_000 }).toContain('已打开团队工作簿');
      expect(existsSync(join(dir, 'server-passwords.json')) ? vaultText() : '').not.toContain(CHANGED_PASSWORD);
    } finally {
      await workbench.close();
    }
  });
});
