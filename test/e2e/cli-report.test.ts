import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../harness';
import { cliCommand } from '../cli-bundle';

const dir = mkdtempSync(join(tmpdir(), 'minsheng-cli-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const [node, entry] = cliCommand();
  const result = spawnSync(node, [entry, ...args], { cwd: repoRoot, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the report CLI', () => {
  it('prints a report for a scenario to PDF, and says clearly when there is no browser', () => {
    const db = join(dir, 'r.mswb');
    expect(cli(['init', '--db', db]).code).toBe(0);
    const out = join(dir, 'compliance.pdf');
    const result = cli(['report', '--db', db, '--kind', 'compliance', '--scenario', '示例基线（非真实预算）', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const missing = cli(['report', '--db', db, '--kind', 'matrix', '--out', join(dir, 'm.pdf')], {
      ...process.env,
      CHROMIUM_PATH: join(dir, 'no-such-browser'),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到 Chromium');
  }, 60_000);
});
