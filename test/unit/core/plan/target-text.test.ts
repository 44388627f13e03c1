import { describe, expect, it } from 'vitest';
import { writtenFigure, writtenRange } from '../../../../src/core/plan/target-text';

const target = { comparator: '>=' as const, value: null, unit: '万人', min: null, max: null, approx: false, relativeToYear: null };

describe('a target as the plan writes it', () => {
  it('gives a range as written: plain for a cell the round trip reads back, grouped for the page', () => {
    const range = { ...target, comparator: 'range' as const, min: 6, max: 1250 };
    expect(writtenRange(range)).toBe('6~1250');
    expect(writtenFigure(range)).toBe('6~1,250');
    expect(writtenRange({ ...range, max: null })).toBe('6~');
  });

  it('writes a value with 约 when the plan said so, and a relative target whole', () => {
    expect(writtenFigure({ ...target, value: 3.35, approx: true })).toBe('约3.35');
    expect(writtenFigure({ ...target, value: 3, unit: '%', relativeToYear: 2016 })).toMatch(/^较2016年/);
  });
});
