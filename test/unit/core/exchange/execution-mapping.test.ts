import { describe, expect, it } from 'vitest';
import { guessExecutionMappings, headingRole, scanExecutionSheet } from '../../../../src/core/exchange/execution-mapping';
import {
  classOnlyTable,
  detailedTable,
  malformedTable,
  monthlySheets,
  spreadsheet,
  twoRowHeadingTable,
} from '../../../fixtures/execution-tables';

const total = (lines: { cumulativeFen: number }[]): number => lines.reduce((sum, line) => sum + line.cumulativeFen, 0);

describe('reading execution tables of the common layouts', () => {
  it('class rows only, 单位：万元 line: columns and period from the headings and the title', () => {
    const data = spreadsheet('通川区.xlsx', [{ name: 'Sheet1', rows: classOnlyTable() }]);
    const [mapping] = guessExecutionMappings(data);
    expect(mapping).toEqual({
      sheet: 'Sheet1',
      headerRow: 2,
      codeColumn: 0,
      nameColumn: 1,
      initialBudgetColumn: 2,
      adjustedBudgetColumn: 3,
      monthColumn: 4,
      cumulativeColumn: 5,
      unit: 'wan',
      year: 2017,
      month: 6,
    });
    const scan = scanExecutionSheet(data, mapping!);
    expect(scan.problems).toEqual([]);
    expect(scan.lines).toHaveLength(6);
    expect(total(scan.lines)).toBe(82_500 * 1_000_000);
    expect(scan.lines[1]).toMatchObject({
      code: '205',
      initialBudgetFen: 60_000_000_000,
      adjustedBudgetFen: 62_000_000_000,
      monthFen: 5_200_000_000,
      cumulativeFen: 27_000_000_000,
    });
    expect(scan.skipped).toBe(1);
    expect(scan.notes).toEqual([]);
  });

  it('类/款/项 with 小计 rows in 元: nothing counted twice, the 合计 agrees, the unlisted part of 201 kept', () => {
    const data = spreadsheet('宣汉县.xlsx', [{ name: '支出', rows: detailedTable() }]);
    const [mapping] = guessExecutionMappings(data);
    expect(mapping).toMatchObject({
      headerRow: 2,
      initialBudgetColumn: null,
      adjustedBudgetColumn: 2,
      monthColumn: null,
      cumulativeColumn: 3,
      unit: 'yuan',
      year: 2017,
      month: 6,
    });
    const scan = scanExecutionSheet(data, mapping!);
    expect(scan.problems).toEqual([]);
    expect(scan.lines.map((l) => l.code)).toEqual(['2050202', '2050203', '20503', '20805', '20103', '201']);
    expect(total(scan.lines)).toBe(96_000_050);
    expect(scan.lines.at(-1)).toMatchObject({
      cumulativeFen: 5_000_000,
      adjustedBudgetFen: 10_000_000,
      name: '一般公共服务支出（未列明细部分）',
    });
    expect(scan.levelNotes.map((n) => n.code)).toEqual(['201']);
    expect(scan.skipped).toBe(2);
    expect(scan.notes).toEqual([]);
  });

  it('headings in two rows, codes inside the name column, a 其中 row left out', () => {
    const data = spreadsheet('q1.xlsx', [{ name: '表1', rows: twoRowHeadingTable() }]);
    const [mapping] = guessExecutionMappings(data);
    expect(mapping).toMatchObject({
      headerRow: 3,
      codeColumn: 0,
      nameColumn: 0,
      initialBudgetColumn: 1,
      adjustedBudgetColumn: 2,
      monthColumn: 3,
      cumulativeColumn: 4,
      unit: 'wan',
      year: 2017,
      month: 3,
    });
    const scan = scanExecutionSheet(data, mapping!);
    expect(scan.problems).toEqual([]);
    expect(scan.lines.map((l) => [l.code, l.name])).toEqual([
      ['201', '一般公共服务支出'],
      ['205', '教育支出'],
      ['208', '社会保障和就业支出'],
    ]);
    expect(total(scan.lines)).toBe(1_450_550_000);
    expect(scan.skipped).toBe(2);
  });

  it('a sheet per month, each with its own period', () => {
    const data = spreadsheet('2017各月.xlsx', monthlySheets());
    const mappings = guessExecutionMappings(data);
    expect(mappings.map((m) => [m?.sheet, m?.year, m?.month])).toEqual([
      ['1月', 2017, 1],
      ['2月', 2017, 2],
      ['3月', 2017, 3],
    ]);
    expect(total(scanExecutionSheet(data, mappings[2]!).lines)).toBe((300 + 750 + 540) * 1_000_000);
  });

  it('names every bad cell of a malformed table and counts nothing', () => {
    const data = spreadsheet('坏表.xlsx', [{ name: '6月', rows: malformedTable() }]);
    const [mapping] = guessExecutionMappings(data);
    const scan = scanExecutionSheet(data, mapping!);
    expect(scan.lines).toEqual([]);
    expect(scan.problems.map((p) => `${p.where}：${p.message}`)).toEqual([
      '工作表“6月” 第5行 A列：“2O5”：科目编码应为3到12位数字。',
      '工作表“6月” 第6行 A列：“999”：前三位不是2017年支出功能分类的类级科目。',
      '工作表“6月” 第7行 C列：“很多”：不是金额，请填数字，如 500（万元）、3.4万 或 1.2亿元。',
      '工作表“6月” 第8行 D列：“”：金额为空（“-”不是0，如确为0请填0）。',
      '工作表“6月” 第9行 A列：科目编码“201”在第4行已出现过；同一科目出现两次会被重复计算。',
    ]);
  });

  it('asks for the period when nothing states it', () => {
    const rows = classOnlyTable('一般公共预算支出执行情况表');
    const data = spreadsheet('表.xlsx', [{ name: 'Sheet1', rows }]);
    const [mapping] = guessExecutionMappings(data);
    expect(mapping).toMatchObject({ year: null, month: null });
    expect(scanExecutionSheet(data, mapping!).problems[0]?.message).toContain('请选择年份和月份');
    expect(scanExecutionSheet(data, { ...mapping!, year: 2017, month: 6 }).problems).toEqual([]);
  });

  it('recognises the usual headings and leaves percentages alone', () => {
    expect(headingRole('变动后预算数')).toBe('adjusted');
    expect(headingRole('调整预算数（万元）')).toBe('adjusted');
    expect(headingRole('当月')).toBe('month');
    expect(headingRole('1-11月累计')).toBe('cumulative');
    expect(headingRole('累计完成')).toBe('cumulative');
    expect(headingRole('完成预算%')).toBeNull();
    expect(headingRole('累计比上年同期增长%')).toBeNull();
    expect(headingRole('预算调整数')).toBeNull();
  });
});
