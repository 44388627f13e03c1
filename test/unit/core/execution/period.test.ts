import { describe, expect, it } from 'vitest';
import { parsePeriodArgument, periodFromTexts, periodHint, periodLabel } from '../../../../src/core/execution/period';

describe('the period of an execution table', () => {
  it.each([
    ['2017年1-6月一般公共预算支出执行情况表', 2017, 6],
    ['2017年1—6月', 2017, 6],
    ['２０１７年１－６月', 2017, 6],
    ['2017年一至六月支出执行情况', 2017, 6],
    ['宣汉县2017年一般公共预算支出执行情况表（截至6月底）', 2017, 6],
    ['截至2017年9月末', 2017, 9],
    ['2017年12月', 2017, 12],
    ['1-11月累计', null, 11],
    ['6月', null, 6],
    ['十二月份', null, 12],
  ])('%s → %s年 %s月', (text, year, month) => {
    expect(periodHint(text)).toEqual({ year, month });
  });

  it('takes the month from the first text that has one and the year from any', () => {
    expect(periodFromTexts(['单位：万元', '1-6月累计', '6月', '通川区2017.xlsx'])).toEqual({ year: 2017, month: 6 });
    expect(periodFromTexts(['执行情况表', '累计数'])).toEqual({ year: null, month: null });
  });

  it('does not take a 13th month or a document number for a period', () => {
    expect(periodHint('1-13月').month).toBeNull();
    expect(periodHint('达市财预〔2017〕35号').month).toBeNull();
  });

  it('reads the CLI form and labels periods as tables do', () => {
    expect(parsePeriodArgument('2017-06')).toEqual({ year: 2017, month: 6 });
    expect(parsePeriodArgument('2017-13')).toBeNull();
    expect(parsePeriodArgument('6月')).toBeNull();
    expect(periodLabel({ year: 2017, month: 6 })).toBe('2017年1-6月');
    expect(periodLabel({ year: 2017, month: 1 })).toBe('2017年1月');
  });
});
