import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cautiousMethod,
  type ExecutionLine,
  type LastYearProfile,
  PROJECTION_METHODS,
  type ProjectionMethod,
  projectExecution,
  projectLine,
} from '../../../../src/core/execution/projection';

/**
 * The projections and floor figures against their definitions written out line by line with BigInt rationals:
 * each line's exact projection rounded to the 分 (民生 down, other lines up), the sums, and "the least further
 * 民生 spending X such that (L + X) ≥ f·(L + X + N)" checked by its defining property (X reaches the floor,
 * X − 1 does not), not by the same formula.
 */

const D = 1_000_000n;
const floorDivBig = (n: bigint, d: bigint): bigint => (n >= 0n ? n / d : -((-n + d - 1n) / d));
const ceilDivBig = (n: bigint, d: bigint): bigint => -floorDivBig(-n, d);

function referenceLine(method: ProjectionMethod, line: ExecutionLine, month: number, profile: LastYearProfile | null): bigint {
  const cum = BigInt(line.cumulativeFen);
  if (month === 12) return cum;
  const round = (n: bigint, d: bigint): bigint => (line.livelihood ? floorDivBig(n, d) : ceilDivBig(n, d));
  if (method === 'planned') return line.budgetFen === null ? cum : cum > BigInt(line.budgetFen) ? cum : BigInt(line.budgetFen);
  if (method === 'straight_line') return round(cum * 12n, BigInt(month));
  const own = profile?.byClass.get(line.classCode);
  const ratio = own && own.toMonthFen > 0 && own.yearFen > 0 ? own : (profile as LastYearProfile);
  return round(cum * BigInt(ratio.yearFen), BigInt(ratio.toMonthFen));
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
/** Whether a figure (and any partial sum) fits a double's integers, where the app keeps 分 exactly. */
const safe = (n: bigint): boolean => n <= MAX && n >= -MAX;

/** Whether L/T ≥ f exactly, f given in millionths. */
const reaches = (live: bigint, total: bigint, floorMillionths: bigint): boolean => live * D >= floorMillionths * total;

const CLASSES = ['201', '205', '208', '212', '229'];
const LIVELIHOOD = new Set(['205', '208', '212']);

const amount = fc.oneof(fc.integer({ min: -1_000_000, max: 10_000_000_000 }), fc.integer({ min: 0, max: 2 ** 50 }));
const lineArb = fc
  .record({
    classCode: fc.constantFrom(...CLASSES),
    budgetFen: fc.option(fc.integer({ min: 0, max: 2 ** 50 }), { nil: null }),
    cumulativeFen: amount,
  })
  .map((line): ExecutionLine => ({ ...line, livelihood: LIVELIHOOD.has(line.classCode) }));

const profileArb = fc
  .array(
    fc.record({
      classCode: fc.constantFrom(...CLASSES),
      toMonthFen: fc.integer({ min: 0, max: 2 ** 45 }),
      extra: fc.integer({ min: 0, max: 2 ** 45 }),
    }),
    { maxLength: 5 },
  )
  .map((entries): LastYearProfile => {
    const byClass = new Map(entries.map((e) => [e.classCode, { toMonthFen: e.toMonthFen, yearFen: e.toMonthFen + e.extra }]));
    let toMonthFen = 1;
    let yearFen = 3;
    for (const entry of byClass.values()) {
      toMonthFen += entry.toMonthFen;
      yearFen += entry.yearFen;
    }
    return { byClass, toMonthFen, yearFen };
  });

describe('projections against the line-by-line definition', () => {
  it('each method totals the exact safe-rounded projection of every line', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), profileArb, (lines, month, profile) => {
        for (const method of PROJECTION_METHODS) {
          let total = 0n;
          let live = 0n;
          let exact = true;
          lines.forEach((line) => {
            const expected = referenceLine(method, line, month, profile);
            const got = projectLine(method, line, month, profile);
            if (!safe(expected)) exact = false;
            else expect(BigInt(got)).toBe(expected);
            total += expected;
            if (line.livelihood) live += expected;
            if (!safe(total) || !safe(live)) exact = false;
          });
          const projection = projectExecution({ lines, month, floor: 0.7, profile });
          const figures = projection.methods.find((m) => m.method === method);
          // a figure that cannot be kept to the 分 makes the method unavailable rather than silently rounded
          if (!exact) expect(figures?.reason).toContain('超出');
          if (figures?.available) {
            expect(BigInt(figures.totalFen)).toBe(total);
            expect(BigInt(figures.livelihoodFen)).toBe(live);
          }
          // …and anything up to 2⁵⁰ 分 (11万亿元) is computed
          const ytdLive = lines.filter((l) => l.livelihood).reduce((sum, l) => sum + BigInt(l.cumulativeFen), 0n);
          const largest = [total, live, total - live, ytdLive].reduce((max, n) => ((n < 0n ? -n : n) > max ? (n < 0n ? -n : n) : max), 0n);
          if (exact && largest <= 2n ** 50n) expect(figures?.available).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the further 民生 spending needed is the least that reaches the floor, and per month the least that covers it', () => {
    // budgets up to 110亿元 a line and floors from 1% to 95%: the needed figures stay within a double's integers
    const realistic = lineArb.map((line) => ({ ...line, cumulativeFen: line.cumulativeFen % 2 ** 40 }));
    fc.assert(
      fc.property(
        fc.array(realistic, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 10_000, max: 950_000 }),
        profileArb,
        (lines, month, floorMillionths, profile) => {
          const floor = floorMillionths / 1_000_000;
          const projection = projectExecution({ lines, month, floor, profile });
          const ytdLive = lines.filter((l) => l.livelihood).reduce((s, l) => s + BigInt(l.cumulativeFen), 0n);
          const f = BigInt(floorMillionths);
          for (const figures of projection.methods) {
            if (!figures.available) continue;
            let nonLive = 0n;
            let total = 0n;
            let live = 0n;
            for (const line of lines) {
              const p = referenceLine(figures.method, line, month, profile);
              total += p;
              if (line.livelihood) live += p;
              else nonLive += p;
            }
            const x = BigInt(figures.furtherLivelihoodNeededFen);
            expect(x >= 0n).toBe(true);
            const t = ytdLive + nonLive;
            if (t + x > 0n) expect(reaches(ytdLive + x, t + x, f) || (t <= 0n && x === 0n)).toBe(true);
            if (x > 0n) expect(reaches(ytdLive + x - 1n, t + x - 1n, f)).toBe(false);
            if (x === 0n && t > 0n) expect(reaches(ytdLive, t, f)).toBe(true);
            // the projection's own year: pass/fail exactly, shortfall the least 民生 addition that fixes it
            if (total > 0n) expect(figures.meetsFloor).toBe(reaches(live, total, f));
            const s = BigInt(figures.shortfallFen);
            if (s > 0n) {
              expect(reaches(live + s, total + s, f)).toBe(true);
              expect(reaches(live + s - 1n, total + s - 1n, f)).toBe(false);
            }
            const remaining = BigInt(12 - month);
            if (remaining === 0n) expect(figures.perMonthNeededFen).toBeNull();
            else {
              const y = BigInt(figures.perMonthNeededFen ?? -1);
              expect(y * remaining >= x).toBe(true);
              if (y > 0n) expect((y - 1n) * remaining < x).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rounds in the safe direction: a projected share is never above the exact one', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 11 }), (lines, month) => {
        const positive = lines.map((l) => ({ ...l, cumulativeFen: Math.abs(l.cumulativeFen) + 1 }));
        const projection = projectExecution({ lines: positive, month, floor: 0.7, profile: null });
        const straight = projection.methods.find((m) => m.method === 'straight_line');
        if (!straight?.available) return;
        // exactly: 民生 = 12·A/m, total = 12·B/m, share = A/B
        const a = positive.filter((l) => l.livelihood).reduce((s, l) => s + BigInt(l.cumulativeFen), 0n);
        const b = positive.reduce((s, l) => s + BigInt(l.cumulativeFen), 0n);
        const live = BigInt(straight.livelihoodFen);
        const total = BigInt(straight.totalFen);
        const m = BigInt(month);
        expect(live * m <= 12n * a).toBe(true);
        expect((total - live) * m >= 12n * (b - a)).toBe(true);
        expect(live * b <= a * total).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a small year worked by hand', () => {
  // June: 民生 class 205 has spent 300 of 1,000; non-民生 201 has spent 200 of 400 (amounts in 分)
  const lines: ExecutionLine[] = [
    { classCode: '205', livelihood: true, budgetFen: 1000, cumulativeFen: 300 },
    { classCode: '201', livelihood: false, budgetFen: 400, cumulativeFen: 200 },
  ];
  const profile: LastYearProfile = {
    byClass: new Map([
      ['205', { toMonthFen: 250, yearFen: 1000 }],
      ['201', { toMonthFen: 150, yearFen: 300 }],
    ]),
    toMonthFen: 400,
    yearFen: 1300,
  };
  const projection = projectExecution({ lines, month: 6, floor: 0.7, profile });
  const method = (m: ProjectionMethod) => projection.methods.find((x) => x.method === m);

  it('year to date: 300 of 500 is 60%, below the floor', () => {
    expect(projection.ytd).toMatchObject({ totalFen: 500, livelihoodFen: 300, share: 0.6, meetsFloor: false });
  });

  it('planned: 1,000 + 400 → 71.43%, meets; 634 more 民生 needed after the 300 spent', () => {
    const planned = method('planned');
    expect(planned).toMatchObject({ totalFen: 1400, livelihoodFen: 1000, nonLivelihoodFen: 400, meetsFloor: true });
    // the least L with L ≥ 0.7(L + 400): L ≥ 933.33 → 934; already spent 300 → 634 more; over 6 months ⌈105.67⌉ = 106
    expect(planned?.furtherLivelihoodNeededFen).toBe(634);
    expect(planned?.perMonthNeededFen).toBe(106);
    expect(planned?.expectedFurtherLivelihoodFen).toBe(700);
    expect(planned?.shortfallFen).toBe(0);
  });

  it('straight line: 600 + 400 → 60%; needs 634 more but expects 300; shortfall ⌈(0.7·1000 − 600)/0.3⌉ = 334', () => {
    const straight = method('straight_line');
    expect(straight).toMatchObject({ totalFen: 1000, livelihoodFen: 600, nonLivelihoodFen: 400, meetsFloor: false });
    expect(straight?.furtherLivelihoodNeededFen).toBe(634);
    expect(straight?.shortfallFen).toBe(334);
  });

  it('last year: 205 × 1000/250 = 1200, 201 × 300/150 = 400 → 75%', () => {
    const profiled = method('last_year');
    expect(profiled).toMatchObject({ totalFen: 1600, livelihoodFen: 1200, meetsFloor: true });
    expect(projection.range.low).toBeCloseTo(0.6);
    expect(projection.range.high).toBeCloseTo(0.75);
    expect(projection.range.meetsInAll).toBe(false);
    expect(cautiousMethod(projection)).toBe('straight_line');
  });

  it('without last year the profile method says why, and the range covers the others', () => {
    const without = projectExecution({ lines, month: 6, floor: 0.7, profile: null });
    const profiled = without.methods.find((m) => m.method === 'last_year');
    expect(profiled?.available).toBe(false);
    expect(profiled?.reason).toContain('上年');
    expect(without.range.high).toBeCloseTo(1000 / 1400);
  });

  it('in December every method is the year as spent, and nothing is left per month', () => {
    const december = projectExecution({ lines, month: 12, floor: 0.7, profile: null });
    for (const m of december.methods) {
      expect(m.available).toBe(true);
      expect(m.totalFen).toBe(500);
      expect(m.perMonthNeededFen).toBeNull();
    }
  });
});
