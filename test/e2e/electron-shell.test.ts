/**
 * Tests that need the real Electron shell. They run where an Electron binary exists
 * (ELECTRON_OVERRIDE_DIST_PATH, or an online install that downloaded it); elsewhere they are skipped
 * and say why, rather than pretending to pass.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness';

function electronBinary(): string | null {
  const electronDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
const binding = process.env.MINSHENG_SQLITE_BINDING;
const skipReason = !binary
  ? 'no Electron binary on this machine (it cannot be downloaded offline; set ELECTRON_OVERRIDE_DIST_PATH to run these)'
  : !binding
    ? 'no better-sqlite3 build for Electron (run `node scripts/native.mjs electron` and set MINSHENG_SQLITE_BINDING)'
    : null;
if (skipReason) process.stdout.write(`[electron-shell] skipped: ${skipReason}\n`);

describe.skipIf(skipReason !== null)('the Electron shell', () => {
  it('opens the workbook in a sandboxed window with no Node in the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-shell-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [join(repoRoot, 'out', 'main', 'index.js'), '--db', join(dir, 'shell.mswb')],
      env: { ...process.env, MINSHENG_SQLITE_BINDING: binding ?? '' },
    });
    try {
      const page = await app.firstWindow();
      await page.locator('.ag-row[row-id="1"]').waitFor();
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { workbench: object }).workbench).sort())).toContain(
        'task-update',
      );
      const size = await page.evaluate(() => [window.innerWidth, window.innerHeight]);
      expect(size[0]).toBeGreaterThanOrEqual(1280);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
