import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Rows, writeXlsxFile } from '../fixtures/execution-tables';
import { cli, tempDir } from './helpers';

/**
 * A year constructed so that every figure can be worked out by hand (万元; 205 教育 is 民生, 201 is not; floor 70%):
 *   2017年1-6月: 201 budget 400, spent 200; 205 budget 1,000, spent 300 → 500 spent, 民生 300, 60%.
 *   2016年1-6月: 201 spent 150, 205 spent 250; 2016 whole year: 201 300, 205 1,000.
 * Year end by method:
 *   planned:       201 400, 205 1,000 → 1,400, 民生 1,000, 71.43% — meets;
 *   last year:     201 200×300/150 = 400, 205 300×1,000/250 = 1,200 → 1,600, 75% — meets;
 *   straight line: 201 200×12/6 = 400, 205 600 → 1,000, 60% — below.
 * The least further 民生 spending given 400 of non-民生: the least L with L ≥ 0.7(L + 400) is 933.3333…万,
 * i.e. 9,333,333.34 元 (rounded up to the 分); minus the 3,000,000 元 spent: 6,333,333.34 元, over six months
 * ⌈1,055,555.556⌉ = 1,055,555.56 元 a month. Straight line expects 3,000,000 元 more 民生, so it falls short by
 * ⌈(0.7 × 1,000 − 600)/0.3⌉万 = 3,333,333.34 元.
 */
function table(title: string, rows: [string, string, number, number][]): Rows {
  return [[title], ['单位：万元'], ['科目编码', '科目名称', '调整预算数', '累计数'], ...rows];
}

describe('execution from the command line', () => {
  it('imports a constructed year and prints the figures worked out by hand', () => {
    const dir = tempDir();
    const db = join(dir, 'year.mswb');
    expect(cli('init', '--db', db).code).toBe(0);
    const lastYear = join(dir, '2016.xlsx');
    writeXlsxFile(lastYear, [
      {
        name: '6月',
        rows: table('2016年1-6月执行情况', [
          ['201', '一般公共服务支出', 300, 150],
          ['205', '教育支出', 1000, 250],
        ]),
      },
      {
        name: '12月',
        rows: table('2016年1-12月执行情况', [
          ['201', '一般公共服务支出', 300, 300],
          ['205', '教育支出', 1000, 1000],
        ]),
      },
    ]);
    const thisYear = join(dir, '测试县.xlsx');
    // no period in the title: --period gives it
    writeXlsxFile(thisYear, [
      {
        name: '支出',
        rows: table('一般公共预算支出执行情况表', [
          ['201', '一般公共服务支出', 400, 200],
          ['205', '教育支出', 1000, 300],
        ]),
      },
    ]);

    const dry = cli('import-execution', lastYear, '--db', db, '--budget', '测试县', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      imported: 0,
      sheets: [
        { period: '2016年1-6月', lines: 2, total: 4_000_000 },
        { period: '2016年1-12月', total: 13_000_000 },
      ],
    });
    expect(cli('execution', '--db', db, '--budget', '测试县').code).toBe(1);

    expect(cli('import-execution', lastYear, '--db', db, '--budget', '测试县', '--json').code).toBe(0);
    const imported = cli('import-execution', thisYear, '--db', db, '--budget', '测试县', '--period', '2017-06', '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ createdBudget: false, imported: 1, replaced: 0 });

    const result = cli('execution', '--db', db, '--budget', '测试县', '--json');
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.stdout);
    expect(figures).toMatchObject({
      budget: '测试县',
      period: '2017-06',
      floor: 0.7,
      budgetTotal: 14_000_000,
      ytd: { total: 5_000_000, livelihood: 3_000_000, share: 0.6, meetsFloor: false },
      remainingMonths: 6,
    });
    const byMethod = Object.fromEntries((figures.methods as { method: string; share: number }[]).map((m) => [m.method, m])) as Record<
      string,
      { share: number }
    >;
    expect(byMethod.planned).toMatchObject({
      available: true,
      total: 14_000_000,
      livelihood: 10_000_000,
      nonLivelihood: 4_000_000,
      meetsFloor: true,
      furtherLivelihoodNeeded: 6_333_333.34,
      perMonthNeeded: 1_055_555.56,
      expectedFurtherLivelihood: 7_000_000,
      shortfall: 0,
    });
    expect(byMethod.planned?.share).toBeCloseTo(10 / 14, 12);
    expect(byMethod.last_year).toMatchObject({
      available: true,
      total: 16_000_000,
      livelihood: 12_000_000,
      share: 0.75,
      meetsFloor: true,
      furtherLivelihoodNeeded: 6_333_333.34,
      shortfall: 0,
    });
    expect(byMethod.straight_line).toMatchObject({
      available: true,
      total: 10_000_000,
      livelihood: 6_000_000,
      share: 0.6,
      meetsFloor: false,
      furtherLivelihoodNeeded: 6_333_333.34,
      perMonthNeeded: 1_055_555.56,
      expectedFurtherLivelihood: 3_000_000,
      shortfall: 3_333_333.34,
    });
    expect(figures.range).toMatchObject({ low: 0.6, high: 0.75, meetsInAll: false, meetsInNone: false });

    const human = cli('execution', '--db', db, '--budget', '测试县');
    expect(human.stdout).toContain('占比 60.00%（低于底线）');
    expect(human.stdout).toContain('按已过月份直线推算：预计全年占比 60.00% ✘');
    // each command starts the CLI and a parser process: about 5 s apiece on a busy 2-core machine
  }, 180_000);

  it('without --budget compares the budgets; a file without a period and no --period is refused with the reason', () => {
    const dir = tempDir();
    const db = join(dir, 'all.mswb');
    cli('init', '--db', db);
    const all = JSON.parse(cli('execution', '--db', db, '--json').stdout);
    expect(all.period).toBe('2017-06');
    expect(all.budgets).toHaveLength(8);
    expect(all.total.budget).toBe('全市合计');
    const file = join(dir, '无期间.xlsx');
    writeXlsxFile(file, [{ name: 'Sheet1', rows: table('执行情况表', [['201', '一般公共服务支出', 400, 200]]) }]);
    const refused = cli('import-execution', file, '--db', db, '--budget', '某县');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('请选择年份和月份');
    expect(cli('import-execution', file, '--db', db, '--budget', '某县', '--period', '2017-13').code).toBe(1);
  }, 120_000);
});
