import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, latestSchemaVersion, repoRoot, tempDir } from './helpers';

// every test starts several CLI processes (Node + tsx each): seconds apiece on a busy 2-core machine
describe('the CLI', { timeout: 120_000 }, () => {
  it('init makes a workbook whose info reads back WAL and synchronous FULL', () => {
    const db = join(tempDir(), 'cli.mswb');
    expect(cli('init', '--db', db).code).toBe(0);
    const info = cli('info', '--db', db, '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({
      schemaVersion: latestSchemaVersion,
      journalMode: 'wal',
      synchronous: 'FULL',
      integrity: 'ok',
      counts: { plan: 1, domain: 8, task: 31 },
    });
  });

  it('import-budget reads a sheet with a 单位：万元 line as a new baseline, and refuses a bad one whole', () => {
    const dir = tempDir();
    const db = join(dir, 'budget.mswb');
    expect(cli('init', '--db', db).code).toBe(0);
    const csv = join(dir, '2018年预算.csv');
    writeFileSync(
      csv,
      '\ufeff2018年一般公共预算支出表\n单位：万元\n科目编码,科目名称,预算数\n205,教育支出,"12,000.50"\n208,社会保障和就业支出,8000\n201,一般公共服务支出,5000\n,合计,"25,000.50"\n',
    );
    const dry = cli('import-budget', csv, '--db', db, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ applied: false, lines: 3, total: 250_005_000, mapping: { unit: 'wan', headerRow: 2 } });
    const applied = cli('import-budget', csv, '--db', db, '--json');
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ applied: true, lines: 3, total: 250_005_000, baseline: '2018年预算' });
    const floor = JSON.parse(cli('floor', '--db', db, '--scenario', '2018年预算', '--json').stdout);
    expect(floor.total).toBe(250_005_000);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '科目编码,科目名称,金额\n205,教育支出,很多\n208,社会保障和就业支出,100\n');
    const refused = cli('import-budget', bad, '--db', db, '--unit', '元', '--json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('未导入');
    expect(refused.stderr).toContain('很多');
    expect(cli('floor', '--db', db, '--scenario', 'bad', '--json').code).toBe(1);
    expect(cli('import-budget', csv, '--db', db, '--unit', 'usd').code).toBe(2);
  });

  it('parse-plan prints the structure as JSON without a workbook', () => {
    const result = cli('parse-plan', join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'), '--json');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.docNo).toBe('达市府办发〔2017〕34号');
    expect(plan.domains).toHaveLength(8);
    expect(plan.tasks).toHaveLength(31);
    expect(plan.tasks[5].targets[0]).toMatchObject({
      label: '城镇新增就业',
      comparator: '>=',
      value: 3.35,
      unit: '万人',
      baseValue: 33500,
      baseUnit: '人',
    });
    expect(plan.conflicts[0].label).toBe('城镇新增就业');
    expect(Object.keys(plan.tasks[0])).toEqual(['number', 'label', 'title', 'domain', 'text', 'owners', 'targets', 'place']);
    // a 责任单位 keeps the key earlier versions printed: `unit` (`org` in the code)
    expect(Object.keys(plan.tasks[0].owners[0])).toEqual(['unit', 'role']);
    expect(plan.units.find((u: { name: string }) => u.name === '市人力资源社会保障局').aliases).toEqual(['市人力资源和社会保障局']);
    // where each task came from, and the format read by content
    expect(plan.format).toBe('text');
    expect(plan.tasks[0]).toMatchObject({ label: '1.', place: '第8行' });
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

  it('import-plan adds a plan to the workbook; the same text again is refused unless --allow-duplicate', () => {
    const db = join(tempDir(), 'import.mswb');
    cli('init', '--db', db);
    const seed = join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt');
    // a new workbook already holds the reference plan: importing its text again would give two identical plans
    const again = cli('import-plan', seed, '--db', db, '--json');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已有内容相同的计划');
    expect(again.stderr).toContain('--allow-duplicate');
    expect(JSON.parse(cli('info', '--db', db, '--json').stdout).counts.plan).toBe(1);
    const result = cli('import-plan', seed, '--db', db, '--allow-duplicate', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tasks: 31, targets: 68 });
    expect(JSON.parse(cli('info', '--db', db, '--json').stdout).counts.plan).toBe(2);
  });
});

describe('the budget CLI', { timeout: 120_000 }, () => {
  it('floor --lines computes from a file, amounts in 元 with two decimals', () => {
    const dir = tempDir();
    const file = join(dir, 'lines.json');
    writeFileSync(
      file,
      JSON.stringify([
        { code: '2050202', name: '小学教育', amountYuan: 700000.01, livelihood: true },
        { code: '2010301', name: '行政运行', amountYuan: 300000, livelihood: false },
      ]),
    );
    const result = cli('floor', '--lines', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      total: 1000000.01,
      livelihood: 700000.01,
      floor: 0.7,
      meetsFloor: true,
      headroom: 0, // 700000.01 − 0.7 × 1000000.01 = 0.003 → rounded down to 0.00
      maxLivelihoodCut: 0.01,
      minLivelihoodIncrease: 0,
    });
    writeFileSync(file, JSON.stringify([{ code: '205', name: 'x', amountYuan: 1.234, livelihood: true }]));
    const bad = cli('floor', '--lines', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('第1行');
  });

  it('floor --db and goal-seek --save-as on the example baseline', () => {
    const db = join(tempDir(), 'budget.mswb');
    expect(cli('init', '--db', db).code).toBe(0);
    const floor = JSON.parse(cli('floor', '--db', db, '--json').stdout);
    expect(floor).toMatchObject({ scenario: '示例基线（非真实预算）', meetsFloor: true, floor: 0.7 });
    const seek = cli(
      'goal-seek',
      '--db',
      db,
      '--scenario',
      '示例基线（非真实预算）',
      '--line',
      '2050203',
      '--share',
      '0.76',
      '--save-as',
      '目标76%',
      '--json',
    );
    expect(seek.code).toBe(0);
    const report = JSON.parse(seek.stdout);
    expect(report.scenario).toBe('目标76%');
    expect(report.share).toBeGreaterThanOrEqual(0.76);
    expect(JSON.parse(cli('floor', '--db', db, '--scenario', '目标76%', '--json').stdout).share).toBe(report.share);
    const missing = cli('floor', '--db', db, '--scenario', '不存在');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('没有名为');
  });
});

describe('the exchange CLI', { timeout: 120_000 }, () => {
  it('export-xlsx then import-xlsx --dry-run finds no change; a broken file exits 1 with its problems', () => {
    const dir = tempDir();
    const db = join(dir, 'x.mswb');
    const out = join(dir, 'plan.xlsx');
    expect(cli('init', '--db', db).code).toBe(0);
    expect(cli('export-xlsx', '--db', db, '--out', out).code).toBe(0);
    const dry = cli('import-xlsx', out, '--db', db, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, changes: 0, applied: 0 });
    const notXlsx = join(dir, 'not.xlsx');
    writeFileSync(notXlsx, 'hello');
    const bad = cli('import-xlsx', notXlsx, '--db', db);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ZIP文件头');
  });

  it('export-csv writes UTF-8 with a BOM and neutralises formula-looking cells', () => {
    const dir = tempDir();
    const db = join(dir, 'c.mswb');
    expect(cli('init', '--db', db).code).toBe(0);
    const out = join(dir, 'tasks.csv');
    expect(cli('export-csv', '--db', db, '--sheet', '任务', '--out', out).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('编号,领域,任务');
    expect(text.split('\r\n').length).toBe(33);
  });
});
