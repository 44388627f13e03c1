import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renameDurable, replaceFileDurable } from '../../../src/app/durable-files';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-replace-'));
  dirs.push(dir);
  return dir;
};
const failing = (code: string): Error => Object.assign(new Error(`${code}: resource busy or locked, rename`), { code });

/** Replacing a file Excel/WPS or an antivirus scanner holds (issue 20, item 5), with Windows' error codes injected. */
describe('replacing a file another program holds', () => {
  it('tries again while the file is held and succeeds once it is let go', async () => {
    const dir = folder();
    const target = join(dir, '教育局.xlsx');
    writeFileSync(target, 'old');
    let tries = 0;
    const waits: number[] = [];
    await replaceFileDurable(target, 'new', {
      rename: (from, to) => {
        if (++tries < 3) throw failing(tries === 1 ? 'EBUSY' : 'EPERM');
        renameSync(from, to);
      },
      wait: async (ms) => void waits.push(ms),
    });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(waits).toEqual([100, 250]);
    expect(readdirSync(dir)).toEqual(['教育局.xlsx']);
  });

  it('a file still held after every try is left as it was, the temporary file removed, and the reason thrown', async () => {
    const dir = folder();
    const target = join(dir, '民生支出执行情况.pdf');
    writeFileSync(target, 'old');
    const waits: number[] = [];
    const attempt = replaceFileDurable(target, 'new', {
      rename: () => {
        throw failing('EBUSY');
      },
      wait: async (ms) => void waits.push(ms),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'EBUSY' });
    expect(waits).toEqual([100, 250, 500, 1000, 1500]);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['民生支出执行情况.pdf']);
  });

  it('a refusal that waiting cannot cure (no permission, a folder in the way) is thrown at once', async () => {
    const dir = folder();
    const waits: number[] = [];
    const attempt = replaceFileDurable(join(dir, 'a.xlsx'), 'new', {
      rename: () => {
        throw failing('EACCES');
      },
      wait: async (ms) => void waits.push(ms),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'EACCES' });
    expect(waits).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("renaming the app's own files (backups, the manifest, the recent list)", () => {
  it('waits briefly for a scanner that holds the target, and no longer than the last delay', () => {
    const dir = folder();
    writeFileSync(join(dir, 'from'), 'x');
    let tries = 0;
    renameDurable(join(dir, 'from'), join(dir, 'to'), [1, 1, 1], (from, to) => {
      if (++tries < 3) throw failing('EBUSY');
      renameSync(from, to);
    });
    expect(tries).toBe(3);
    expect(readdirSync(dir)).toEqual(['to']);
    expect(() =>
      renameDurable(join(dir, 'to'), join(dir, 'again'), [1, 1], () => {
        throw failing('EPERM');
      }),
    ).toThrow(/EPERM/);
  });
});
