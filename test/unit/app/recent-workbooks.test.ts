import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reachable, RecentWorkbooks } from '../../../src/app/recent-workbooks';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('最近打开 on shares that may not answer', () => {
  it('a path whose share does not answer counts as unavailable after the time limit, without waiting for it', async () => {
    const never = (): Promise<unknown> => new Promise(() => undefined);
    const started = Date.now();
    expect(await reachable('Z:\\财政局\\2018.mswb', never, 50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await reachable('C:\\Users\\张三\\a.mswb', async () => undefined, 50)).toBe(true);
    expect(await reachable('E:\\2018.mswb', async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })), 50)).toBe(false);
  });

  it('lists every recent workbook with whether it can be reached, asking about all of them at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-recent-'));
    dirs.push(dir);
    const here = join(dir, 'here.mswb');
    writeFileSync(here, '');
    const recent = new RecentWorkbooks(join(dir, 'recent.json'));
    recent.add('\\\\server\\share\\gone.mswb');
    recent.add(here);
    const hanging = (path: string): Promise<unknown> => (path.startsWith('\\\\') ? new Promise(() => undefined) : Promise.resolve());
    const started = Date.now();
    expect(await recent.existing(hanging, 100)).toEqual([
      { path: here, exists: true },
      { path: '\\\\server\\share\\gone.mswb', exists: false },
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
