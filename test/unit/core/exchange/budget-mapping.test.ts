import { describe, expect, it } from 'vitest';
import { mapBudget } from '../../../../src/core/exchange/budget-mapping';
import type { SpreadsheetData } from '../../../../src/core/exchange/sheet-data';

const sheetOf = (rows: (string | number | null)[][]): SpreadsheetData => ({
  fileName: 'budget.xlsx',
  kind: 'xlsx',
  sheets: [{ name: '预算', rowCount: rows.length, beyond: null, rows }],
});

describe('mapBudget', () => {
  const mapping = { sheet: '预算', headerRow: 0, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit: 'wan' as const };

  it('sums the lines in 分 and skips 合计 rows', () => {
    const mapped = mapBudget(
      sheetOf([
        ['科目编码', '科目名称', '金额'],
        ['205', '教育支出', 1200.5],
        ['208', '社保', '800'],
        [null, '合计', 2000.5],
      ]),
      mapping,
    );
    expect(mapped).toMatchObject({ count: 2, totalFen: 2_000_500_000, skipped: 1, problems: [] });
  });

  it('refuses a sum past exact integer 分 with a hint at the unit, instead of failing inside', () => {
    // 50,000 lines of 5千万 read as 万元: 2.5 × 10^18 分, beyond Number.MAX_SAFE_INTEGER
    const rows: (string | number)[][] = [['科目编码', '科目名称', '金额']];
    for (let i = 0; i < 50_000; i++) rows.push(['2050202', `项目${i}`, 50_000_000]);
    const mapped = mapBudget(sheetOf(rows), mapping, 10);
    expect(mapped.totalFen).toBe(0);
    expect(mapped.problems).toEqual([
      { where: '工作表“预算”', message: '金额合计超出可精确计算的范围，请检查金额单位（现按“万元”读取）。' },
    ]);
  });
});
