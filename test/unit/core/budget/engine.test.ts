import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakback } from '../../../../src/core/budget/breakback';
import { goalSeek } from '../../../../src/core/budget/goal-seek';
import { applyScenario, emptyBaseline, type Override, scenarioTotals, totals } from '../../../../src/core/budget/model';
import { groupMask, type SensitivityGroup, sensitivityTable } from '../../../../src/core/budget/sensitivity';
import { formatWan, parseMoney } from '../../../../src/core/budget/money';
import { classOfCode, presetOf } from '../../../../src/core/budget/classification';

describe('parseMoney', () => {
  it.each([
    ['3.4万', 'yuan', 3_400_000],
    ['3.4', 'wan', 3_400_000],
    ['1,234.56', 'yuan', 123_456],
    ['1.2亿元', 'wan', 12_000_000_000],
    ['１２３４.５６７８', 'wan', 1_234_567_800],
    ['(12.5)', 'wan', -12_500_000],
    ['800元', 'wan', 80_000],
  ] as const)('%s (default %s) → %d 分', (text, unit, fen) => {
    expect(parseMoney(text, unit)).toEqual({ ok: true, fen });
  });

  it('refuses sub-分 amounts instead of rounding them', () => {
    const result = parseMoney('1.2345678', 'wan');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/分/);
    expect(parseMoney('0.001', 'yuan').ok).toBe(false);
  });

  it('refuses text, empty markers and non-money units', () => {
    expect(parseMoney('abc').ok).toBe(false);
    expect(parseMoney('-').ok).toBe(false);
    expect(parseMoney('70%').ok).toBe(false);
    expect(parseMoney('3万人').ok).toBe(false);
  });

  it('formats 万元 with separators; the exact form keeps the 分 a 2-decimal display hides', () => {
    expect(formatWan(624_900 * 60_000)).toBe('37,494.00'); // 62.49万名 × 600元
    expect(formatWan(1_234_567_8)).toBe('12.35');
  });
});

describe('classification', () => {
  it('finds the class of a subject code and recognises presets', () => {
    expect(classOfCode('2050202')).toBe('205');
    expect(classOfCode('209')).toBe('');
    expect(presetOf(['205', '207', '208', '210', '221'])).toBe('narrow');
    expect(presetOf(['205'])).toBe('custom');
  });
});

function baseline(amounts: number[], live: number[]) {
  const arrays = emptyBaseline(amounts.length);
  amounts.forEach((amount, i) => {
    arrays.amountFen[i] = amount;
    arrays.livelihood[i] = live[i] ?? 0;
  });
  return arrays;
}

describe('applyScenario', () => {
  it('applies set, +Δ and ±% on amounts and re-derives driver lines', () => {
    const lines = baseline([1000, 2000, 3000, 0], [1, 0, 1, 1]);
    lines.hasDriver[3] = 1;
    lines.quantity[3] = 624_900;
    lines.rateFen[3] = 60_000;
    lines.amountFen[3] = 624_900 * 60_000;
    const values = applyScenario(lines, [
      { index: 0, field: 'amount', op: 'set', value: 1500 },
      { index: 1, field: 'amount', op: 'add', value: -500 },
      { index: 2, field: 'amount', op: 'pct', value: 0.1 },
      { index: 3, field: 'rate', op: 'set', value: 80_000 },
    ]);
    expect(Array.from(values.amountFen)).toEqual([1500, 1500, 3300, 624_900 * 80_000]);
    expect(Array.from(lines.amountFen.slice(0, 3))).toEqual([1000, 2000, 3000]);
    expect(totals(values.amountFen, lines.livelihood)).toEqual({
      totalFen: 6300 + 624_900 * 80_000,
      livelihoodFen: 4800 + 624_900 * 80_000,
    });
  });
});

describe('goalSeek', () => {
  it('livelihood line: the least amount reaching the target, exact to the 分', () => {
    const result = goalSeek({
      othersTotalFen: 90_000,
      othersLivelihoodFen: 60_000,
      isLivelihood: true,
      targetShare: 0.72,
      variable: 'amount',
    });
    // (0.72·90000 − 60000)/0.28 = 17142.86 → 17143
    expect(result).toMatchObject({ ok: true, amountFen: 17_143 });
    expect((60_000 + 17_143) / (90_000 + 17_143)).toBeGreaterThanOrEqual(0.72);
    expect((60_000 + 17_142) / (90_000 + 17_142)).toBeLessThan(0.72);
  });

  it('non-livelihood line: the most amount that keeps the target', () => {
    const result = goalSeek({
      othersTotalFen: 80_000,
      othersLivelihoodFen: 70_000,
      isLivelihood: false,
      targetShare: 0.7,
      variable: 'amount',
    });
    expect(result).toMatchObject({ ok: true, amountFen: 20_000, share: 0.7 });
  });

  it('solves a driver rate in whole 分 per unit', () => {
    const result = goalSeek({
      othersTotalFen: 1_000_000_000,
      othersLivelihoodFen: 650_000_000,
      isLivelihood: true,
      targetShare: 0.7,
      variable: 'rate',
      quantity: 624_900,
      rateFen: 60_000,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // needed: (0.7e9 − 0.65e9)/0.3 = 166,666,666.67 → 166,666,667 分 → rate ≥ 266.71… → 267 分
    expect(result.value).toBe(267);
    expect(result.amountFen).toBe(624_900 * 267);
    expect(result.share).toBeGreaterThanOrEqual(0.7);
  });

  it('says why when no amount can reach the target', () => {
    const cut = goalSeek({ othersTotalFen: 100, othersLivelihoodFen: 10, isLivelihood: false, targetShare: 0.7, variable: 'amount' });
    expect(cut).toMatchObject({ ok: false });
    const over = goalSeek({ othersTotalFen: 100, othersLivelihoodFen: 90, isLivelihood: true, targetShare: 0.7, variable: 'amount' });
    expect(over).toMatchObject({ ok: false });
    expect(goalSeek({ othersTotalFen: 100, othersLivelihoodFen: 90, isLivelihood: true, targetShare: 1, variable: 'amount' }).ok).toBe(
      false,
    );
  });
});

describe('breakback', () => {
  it('proportional shares sum exactly (largest remainder)', () => {
    const result = breakback(
      [
        { amountFen: 100, held: false },
        { amountFen: 200, held: false },
        { amountFen: 300, held: false },
      ],
      100,
      'proportional',
    );
    expect(result).toEqual({ ok: true, deltas: [17, 33, 50] });
  });

  it('held lines do not move and the rest still sums exactly, also for cuts', () => {
    const result = breakback(
      [
        { amountFen: 1_000, held: false },
        { amountFen: 5_000, held: true },
        { amountFen: 1_000, held: false },
        { amountFen: 1_000, held: false },
      ],
      -1_000,
      'even',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.deltas[1]).toBe(0);
    expect(result.deltas.reduce((a, b) => a + b, 0)).toBe(-1_000);
    expect(result.deltas).toEqual([-334, 0, -333, -333]);
  });

  it('refuses when every line is held, weights are zero, or a line would go negative', () => {
    expect(breakback([{ amountFen: 1, held: true }], 5, 'even').ok).toBe(false);
    expect(breakback([{ amountFen: 0, held: false }], 5, 'proportional').ok).toBe(false);
    expect(breakback([{ amountFen: 10, held: false }], -11, 'even').ok).toBe(false);
  });
});

describe('sensitivityTable', () => {
  it('marks where the floor holds as both groups grow', () => {
    const amountFen = new Float64Array([70_000, 30_000]);
    const livelihood = new Uint8Array([1, 0]);
    const table = sensitivityTable(
      { amountFen, livelihood, classCodes: ['205', '201'] },
      0.7,
      { group: { kind: 'livelihood' }, steps: [-0.1, 0, 0.1] },
      { group: { kind: 'non_livelihood' }, steps: [0, 0.1] },
    );
    expect(table.meets).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
    expect(table.share[1]?.[0]).toBe(0.7);
    // 77000 / (77000 + 33000) = 0.7 exactly
    expect(table.share[2]?.[1]).toBe(0.7);
  });

  it('gives, for any groups (overlapping or not), exactly the share of applying each cell line by line', () => {
    const group = fc.constantFrom<SensitivityGroup>(
      { kind: 'all' },
      { kind: 'livelihood' },
      { kind: 'non_livelihood' },
      { kind: 'class', classCode: '205' },
    );
    const steps = fc.array(
      fc.integer({ min: -50, max: 50 }).map((n) => n / 100),
      { minLength: 1, maxLength: 4 },
    );
    const line = fc.record({
      amount: fc.integer({ min: 0, max: 5_000_000_000 }),
      live: fc.boolean(),
      code: fc.constantFrom('201', '205', '208'),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 40 }),
        group,
        steps,
        fc.option(fc.tuple(group, steps)),
        (ls, rowGroup, rowSteps, col) => {
          const lines = {
            amountFen: Float64Array.from(ls.map((l) => l.amount)),
            livelihood: Uint8Array.from(ls.map((l) => (l.live ? 1 : 0))),
            classCodes: ls.map((l) => l.code),
          };
          const table = sensitivityTable(
            lines,
            0.7,
            { group: rowGroup, steps: rowSteps },
            col ? { group: col[0], steps: col[1] } : undefined,
          );
          // the definition: scale every line of the cell, round it to the 分, add up
          const rowMask = groupMask(lines, rowGroup);
          const colMask = col ? groupMask(lines, col[0]) : null;
          rowSteps.forEach((rowStep, r) => {
            (col ? col[1] : [0]).forEach((colStep, c) => {
              let total = 0;
              let live = 0;
              ls.forEach((l, i) => {
                const factor = (rowMask[i] ? 1 + rowStep : 1) * (colMask?.[i] ? 1 + colStep : 1);
                const amount = factor === 1 ? l.amount : Math.round(l.amount * factor);
                total += amount;
                if (l.live) live += amount;
              });
              expect(table.share[r]?.[c]).toBe(total > 0 ? live / total : null);
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scenarioTotals', () => {
  it('equals the totals of every line written out, for any overrides (drivers, repeats, all three ops)', () => {
    const override = (count: number) =>
      fc
        .record({
          index: fc.integer({ min: 0, max: count - 1 }),
          field: fc.constantFrom('amount', 'quantity', 'rate'),
          op: fc.constantFrom('set', 'add', 'pct'),
          whole: fc.integer({ min: 0, max: 1_000_000 }),
          percent: fc.integer({ min: -50, max: 50 }),
        })
        // ±% takes a ratio, set and +Δ take whole 分 (or a count)
        .map(({ whole, percent, ...o }): Override => ({ ...o, value: o.op === 'pct' ? percent / 100 : whole }) as Override);
    const lines = fc.array(fc.record({ amount: fc.integer({ min: 0, max: 5_000_000_000 }), live: fc.boolean(), driver: fc.boolean() }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        lines.chain((ls) => fc.tuple(fc.constant(ls), fc.array(override(ls.length), { maxLength: 20 }))),
        ([ls, overrides]) => {
          const base = emptyBaseline(ls.length);
          ls.forEach((l, i) => {
            base.amountFen[i] = l.amount;
            base.livelihood[i] = l.live ? 1 : 0;
            if (l.driver) {
              base.hasDriver[i] = 1;
              base.quantity[i] = 1000;
              base.rateFen[i] = Math.round(l.amount / 1000);
              base.amountFen[i] = 1000 * Math.round(l.amount / 1000);
            }
          });
          const written = applyScenario(base, overrides);
          expect(scenarioTotals(base, overrides)).toEqual(totals(written.amountFen, base.livelihood));
          // the usual shape, which takes the single-pass path: amounts only, one per line, in line order
          const usual = [...new Map(overrides.map((o) => [o.index, { ...o, field: 'amount' as const }])).values()].sort(
            (a, b) => a.index - b.index,
          );
          expect(scenarioTotals(base, usual)).toEqual(totals(applyScenario(base, usual).amountFen, base.livelihood));
        },
      ),
      { numRuns: 300 },
    );
  });
});
