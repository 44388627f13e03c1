import { describe, expect, it } from 'vitest';
import { reconcileParts, reconcileWan } from '../../../../src/core/report/reconcile';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe('尾差 reconciliation', () => {
  it('three thirds of 1万元 show as parts that add up to the shown total', () => {
    // 3333.33…元 each: naive rounding shows 0.33 + 0.33 + 0.33 = 0.99 against a total of 1.00
    const thirds = [333_333, 333_333, 333_334];
    const { parts, total } = reconcileParts(thirds, 10_000);
    expect(total).toBe(100);
    expect(sum(parts)).toBe(total);
    expect(reconcileWan(thirds)).toEqual({ parts: ['0.33', '0.33', '0.34'], total: '1.00' });
  });

  it('awkward amounts: every part moves at most one step, the sum is the total', () => {
    const awkward = [12_345, 14_995, 5_005, 4_999, 5_001, 123_456_789, 99_995, 1];
    const { parts, total } = reconcileParts(awkward, 10_000);
    expect(sum(parts)).toBe(total);
    expect(total).toBe(Math.round(sum(awkward) / 10_000));
    parts.forEach((part, i) => expect(Math.abs(part - (awkward[i] as number) / 10_000)).toBeLessThan(1));
  });

  it('handles negative adjustments and an empty list', () => {
    const { parts, total } = reconcileParts([-15_000, 25_000, 4_999], 10_000);
    expect(sum(parts)).toBe(total);
    expect(reconcileParts([], 10_000)).toEqual({ parts: [], total: 0 });
  });
});
