import { describe, expect, it } from 'vitest';
import { type CodedRow, codesOverlap, countedLines, REMAINDER_SUFFIX } from '../../../../src/core/execution/hierarchy';

const row = (code: string, cumulativeFen: number, adjustedBudgetFen: number | null = null): CodedRow => ({
  code,
  name: `科目${code}`,
  initialBudgetFen: null,
  adjustedBudgetFen,
  monthFen: null,
  cumulativeFen,
  where: code,
});

describe('counting 类, 款 and 项 rows once', () => {
  it('counts only the most detailed rows when the parts add up to their parents', () => {
    const { lines, notes } = countedLines([
      row('205', 100),
      row('20502', 70),
      row('2050202', 40),
      row('2050203', 30),
      row('20503', 30),
      row('208', 50),
    ]);
    expect(lines.map((l) => l.code)).toEqual(['2050202', '2050203', '20503', '208']);
    expect(lines.reduce((s, l) => s + l.cumulativeFen, 0)).toBe(150);
    expect(notes).toEqual([]);
  });

  it('keeps what a parent has beyond its listed parts as its unlisted remainder, right after them', () => {
    const { lines, notes } = countedLines([row('201', 230, 400), row('20103', 180, 300), row('205', 10)]);
    expect(lines.map((l) => [l.code, l.cumulativeFen, l.adjustedBudgetFen])).toEqual([
      ['20103', 180, 300],
      ['201', 50, 100],
      ['205', 10, null],
    ]);
    expect(lines[1]?.name).toBe(`科目201${REMAINDER_SUFFIX}`);
    expect(notes).toEqual([{ where: '201', code: '201', name: '科目201', differenceFen: 50 }]);
  });

  it('nested remainders close innermost first, and the counted total is always the top rows', () => {
    const rows = [row('205', 100), row('20502', 60), row('2050202', 50), row('212', 5)];
    const { lines } = countedLines(rows);
    expect(lines.map((l) => [l.code, l.cumulativeFen])).toEqual([
      ['2050202', 50],
      ['20502', 10],
      ['205', 40],
      ['212', 5],
    ]);
    expect(lines.reduce((s, l) => s + l.cumulativeFen, 0)).toBe(105);
  });

  it('knows which codes overlap', () => {
    expect(codesOverlap('205', '2050202')).toBe(true);
    expect(codesOverlap('2050202', '205')).toBe(true);
    expect(codesOverlap('2050202', '2050203')).toBe(false);
    expect(codesOverlap('205', '205')).toBe(false);
  });
});
