import type { ExecutionProjection, ProjectionMethod } from './projection';

/**
 * The year-to-date 民生 share month by month, for the chart: the months reported so far, last year's months
 * for comparison, and the band the projections span from the latest month to December. The band's ends are
 * the exact projections; the months in between follow each method's own shape (linear for the planned and the
 * straight-line method, last year's months for the profile method). Display only: nothing is decided on them.
 */

/** Spending to the end of a month, by class. */
export type ClassSums = ReadonlyMap<string, number>;

export interface MonthlyShares {
  /** index 0 = January; null where there is no figure */
  actual: (number | null)[];
  lastYear: (number | null)[];
  bandLow: (number | null)[];
  bandHigh: (number | null)[];
}

function shareOf(sums: ClassSums, livelihood: (classCode: string) => boolean): number | null {
  let total = 0;
  let live = 0;
  for (const [classCode, fen] of sums) {
    total += fen;
    if (livelihood(classCode)) live += fen;
  }
  return total > 0 ? live / total : null;
}

function totalsOf(sums: ClassSums, livelihood: (classCode: string) => boolean): { total: number; live: number } {
  let total = 0;
  let live = 0;
  for (const [classCode, fen] of sums) {
    total += fen;
    if (livelihood(classCode)) live += fen;
  }
  return { total, live };
}

/** Last year's cumulative spending at `month` relative to `base` month, per class (whole budget as fallback). */
function profileStep(lastYear: ReadonlyMap<number, ClassSums>, base: number, month: number): { ratio(classCode: string): number } | null {
  const from = lastYear.get(base);
  const to = lastYear.get(month);
  if (!from || !to) return null;
  let fromTotal = 0;
  let toTotal = 0;
  for (const fen of from.values()) fromTotal += fen;
  for (const fen of to.values()) toTotal += fen;
  if (fromTotal <= 0) return null;
  const overall = toTotal / fromTotal;
  return {
    ratio: (classCode) => {
      const a = from.get(classCode) ?? 0;
      const b = to.get(classCode) ?? 0;
      return a > 0 && b > 0 ? b / a : overall;
    },
  };
}

export function monthlyShares(input: {
  /** this year's reports: month → class sums */
  thisYear: ReadonlyMap<number, ClassSums>;
  lastYear: ReadonlyMap<number, ClassSums>;
  month: number;
  livelihood: (classCode: string) => boolean;
  projection: ExecutionProjection;
}): MonthlyShares {
  const { thisYear, lastYear, month, livelihood, projection } = input;
  const blank = (): (number | null)[] => Array.from({ length: 12 }, () => null);
  const actual = blank();
  const last = blank();
  const bandLow = blank();
  const bandHigh = blank();
  for (const [m, sums] of thisYear) if (m <= month) actual[m - 1] = shareOf(sums, livelihood);
  for (const [m, sums] of lastYear) last[m - 1] = shareOf(sums, livelihood);
  const current = thisYear.get(month);
  if (!current) return { actual, lastYear: last, bandLow, bandHigh };
  const now = totalsOf(current, livelihood);
  const byMethod = new Map<ProjectionMethod, { total: number; live: number }>();
  for (const m of projection.methods) if (m.available) byMethod.set(m.method, { total: m.totalFen, live: m.livelihoodFen });
  for (let k = month; k <= 12; k++) {
    const shares: number[] = [];
    const add = (total: number, live: number): void => {
      if (total > 0) shares.push(live / total);
    };
    if (k === month) add(now.total, now.live);
    else {
      const planned = byMethod.get('planned');
      if (planned) {
        const t = (k - month) / (12 - month);
        add(now.total + (planned.total - now.total) * t, now.live + (planned.live - now.live) * t);
      }
      const straight = byMethod.get('straight_line');
      if (straight) add(k === 12 ? straight.total : (now.total * k) / month, k === 12 ? straight.live : (now.live * k) / month);
      const profiled = byMethod.get('last_year');
      if (profiled) {
        if (k === 12) add(profiled.total, profiled.live);
        else {
          const step = profileStep(lastYear, month, k);
          if (step) {
            let total = 0;
            let live = 0;
            for (const [classCode, fen] of current) {
              const projected = fen * step.ratio(classCode);
              total += projected;
              if (livelihood(classCode)) live += projected;
            }
            add(total, live);
          }
        }
      }
    }
    if (shares.length > 0) {
      bandLow[k - 1] = Math.min(...shares);
      bandHigh[k - 1] = Math.max(...shares);
    }
  }
  return { actual, lastYear: last, bandLow, bandHigh };
}
