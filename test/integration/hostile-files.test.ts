import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readXlsx } from '../../src/core/exchange/read-xlsx';
import { nodeSpreadsheetParser } from '../../src/app/exchange/node-parser';
import { parseFile } from '../../src/app/exchange/parse-file';
import { PARSE_LIMITS } from '../../src/app/exchange/parse-protocol';
import { writeCraftedFiles } from '../fixtures/crafted-files';
import { readFileSync } from 'node:fs';
import { repoRoot } from './helpers';

const parser = nodeSpreadsheetParser(join(repoRoot, 'src/app/exchange/parse-worker.ts'), ['--import', 'tsx'], {
  ...PARSE_LIMITS,
  timeoutMs: 20_000,
});
let files: Record<string, string>;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-crafted-'));
  files = writeCraftedFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(name: string): Promise<{ message: string; ms: number }> {
  const started = Date.now();
  try {
    await parser.parse(files[name] as string);
  } catch (error) {
    return { message: (error as Error).message, ms: Date.now() - started };
  }
  throw new Error(`${name} was accepted`);
}

describe('spreadsheets are parsed out of process, and hostile ones end with a clear message', () => {
  it('reads a good file in a child process', async () => {
    const data = await parser.parse(files['good.xlsx'] as string);
    expect(data.sheets[0]).toMatchObject({ name: '预算', rowCount: 101, beyond: null });
    expect(data.sheets[0]?.rows[1]).toEqual(['2050202', '行1', 100]);
  });

  it.each([
    ['not-a-zip.xlsx', /ZIP文件头/],
    ['truncated.xlsx', /不完整|截断/],
    ['zip-bomb.xlsx', /解压后/],
    ['huge-string.xlsx', /32767/],
  ])(
    '%s is refused within seconds',
    async (name, reason) => {
      const { message, ms } = await refusal(name);
      expect(message).toMatch(reason);
      expect(message).toContain('工作簿未做任何修改');
      expect(ms).toBeLessThan(15_000);
    },
    30_000,
  );

  it('a lying <dimension> does not drop rows; a huge one costs nothing', async () => {
    const lying = await parser.parse(files['lying-dimension.xlsx'] as string);
    expect(lying.sheets[0]?.rowCount).toBe(101);
    const started = Date.now();
    const huge = await parser.parse(files['huge-dimension.xlsx'] as string);
    expect(huge.sheets[0]?.rowCount).toBe(101);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a crafted comment cannot pollute Object.prototype', async () => {
    // parsed in this very process on purpose, so a pollution would be visible here
    const data = readXlsx(new Uint8Array(readFileSync(files['proto-comment.xlsx'] as string)), 'proto-comment.xlsx');
    expect(data.sheets[0]?.rows[1]).toEqual(['2050202']);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect((await parseFile({ path: files['proto-comment.xlsx'] as string, maxFileBytes: 1e8, maxRows: 1000, maxColumns: 50 })).ok).toBe(
      true,
    );
  });

  it('kills a parser that runs past its time', async () => {
    const slow = nodeSpreadsheetParser(join(repoRoot, 'src/app/exchange/parse-worker.ts'), ['--import', 'tsx'], {
      ...PARSE_LIMITS,
      timeoutMs: 1,
    });
    await expect(slow.parse(files['good.xlsx'] as string)).rejects.toThrow(/秒仍未完成/);
  });
});
