import { describe, expect, it } from 'vitest';
import { floorMetrics } from '../../../../src/core/budget/floor';

const yuan = (n: number): number => n * 100;

describe('floorMetrics — hand-checked vectors (amounts in 分)', () => {
  it('exactly at the floor meets it with no room either way', () => {
    const m = floorMetrics(100_000, 70_000, 0.7);
    expect(m).toMatchObject({
      status: 'meets',
      meetsFloor: true,
      share: 0.7,
      headroomFen: 0,
      maxNonLivelihoodAdditionFen: 0,
      minLivelihoodIncreaseFen: 0,
      maxLivelihoodCutFen: 0,
    });
  });

  it('one 分 below the floor: headroom −1, restore by the least amount that reaches it', () => {
    const m = floorMetrics(100_000, 69_999, 0.7);
    expect(m.status).toBe('below');
    expect(m.headroomFen).toBe(-1);
    // (0.7·100000 − 69999)/0.3 = 3.33 → 4; 3 would leave 70002/100003 < 0.7
    expect(m.minLivelihoodIncreaseFen).toBe(4);
    expect((69_999 + 4) / (100_000 + 4)).toBeGreaterThanOrEqual(0.7);
    expect((69_999 + 3) / (100_000 + 3)).toBeLessThan(0.7);
    expect(m.maxNonLivelihoodAdditionFen).toBe(0);
    expect(m.maxLivelihoodCutFen).toBe(0);
  });

  it('above the floor: room rounded down so that applying it keeps the floor', () => {
    const m = floorMetrics(100_000, 80_000, 0.7);
    expect(m.headroomFen).toBe(10_000);
    // 80000/0.7 − 100000 = 14285.71 → 14285
    expect(m.maxNonLivelihoodAdditionFen).toBe(14_285);
    expect(80_000 / (100_000 + 14_285)).toBeGreaterThanOrEqual(0.7);
    expect(80_000 / (100_000 + 14_286)).toBeLessThan(0.7);
    // (80000 − 70000)/0.3 = 33333.33 → 33333
    expect(m.maxLivelihoodCutFen).toBe(33_333);
    expect((80_000 - 33_333) / (100_000 - 33_333)).toBeGreaterThanOrEqual(0.7);
    expect((80_000 - 33_334) / (100_000 - 33_334)).toBeLessThan(0.7);
  });

  it('works on county-sized totals without losing the 分', () => {
    // 总支出 1,234,567,890.12 元, 民生 864,197,523.08 元
    const total = 123_456_789_012;
    const live = 86_419_752_308;
    const m = floorMetrics(total, live, 0.7);
    // 0.7·T = 86,419,752,308.4 → L is 0.4 分 short
    expect(m.status).toBe('below');
    expect(m.headroomFen).toBe(-1);
    expect(m.minLivelihoodIncreaseFen).toBe(2); // 0.4/0.3 = 1.33 → 2
  });

  it('another floor setting is honoured', () => {
    expect(floorMetrics(yuan(1000), yuan(650), 0.65).status).toBe('meets');
    expect(floorMetrics(yuan(1000), yuan(650), 0.66).status).toBe('below');
  });

  it.each([
    ['no spending', 0, 0, 0.7, 'no_spending'],
    ['negative total', -100, 0, 0.7, 'no_spending'],
    ['floor of 100%', 100, 100, 1, 'invalid_floor'],
    ['floor above 100%', 100, 100, 1.2, 'invalid_floor'],
    ['floor of 0', 100, 100, 0, 'invalid_floor'],
    ['floor NaN', 100, 100, Number.NaN, 'invalid_floor'],
  ])('degenerate input (%s) gives a clear answer, never NaN', (_name, total, live, floor, status) => {
    const m = floorMetrics(total, live, floor);
    expect(m.status).toBe(status);
    expect(m.meetsFloor).toBe(false);
    expect(m.message).toMatch(/[\u4e00-\u9fff]/);
    for (const value of [m.headroomFen, m.maxNonLivelihoodAdditionFen, m.minLivelihoodIncreaseFen, m.maxLivelihoodCutFen]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    if (m.share !== null) expect(Number.isNaN(m.share)).toBe(false);
  });
});
