import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers';

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'src', 'cli', 'index.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CLI', () => {
  it('init makes a workbook whose info reads back WAL and synchronous FULL', () => {
    const db = join(tempDir(), 'cli.mswb');
    expect(cli('init', '--db', db).code).toBe(0);
    const info = cli('info', '--db', db, '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({
      schemaVersion: 1,
      journalMode: 'wal',
      synchronous: 'FULL',
      integrity: 'ok',
      counts: { plan: 1, domain: 8, task: 31 },
    });
  });

  it('parse-plan prints the structure as JSON without a workbook', () => {
    const result = cli('parse-plan', join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'), '--json');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.docNo).toBe('达市府办发〔2017〕34号');
    expect(plan.domains).toHaveLength(8);
    expect(plan.tasks).toHaveLength(31);
    expect(plan.tasks[5].targets[0]).toMatchObject({ label: '城镇新增就业', comparator: '>=', value: 3.35, unit: '万人', baseValue: 33500, baseUnit: '人' });
    expect(plan.conflicts[0].label).toBe('城镇新增就业');
    expect(Object.keys(plan.tasks[0])).toEqual(['number', 'title', 'domain', 'text', 'owners', 'targets']);
  });

  it('exits 1 with a Chinese message on bad input and 2 on bad usage', () => {
    const db = join(tempDir(), 'twice.mswb');
    cli('init', '--db', db);
    const again = cli('init', '--db', db);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('文件已存在');
    expect(again.stdout).toBe('');
    expect(cli('parse-plan', '/no/such/file.txt').code).toBe(1);
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('info').code).toBe(2);
  });

  it('import-plan adds a plan to the workbook', () => {
    const db = join(tempDir(), 'import.mswb');
    cli('init', '--db', db);
    const result = cli('import-plan', join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'), '--db', db, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tasks: 31, targets: 68 });
    expect(JSON.parse(cli('info', '--db', db, '--json').stdout).counts.plan).toBe(2);
  });
});
