import { floorMetrics, type FloorMetrics, isValidFloor } from '../budget/floor';
import { ceilDiv, floorDiv, meetsRatio, RATIO_DENOMINATOR, ratioParts } from '../budget/ratio';

/**
 * Where the year's spending will end, from the execution so far, by three methods the view states:
 *  - planned:       the remaining budget is spent as planned — each line ends at max(budget, spent so far);
 *  - last_year:     last year's monthly profile — each class ends at spent × (last year's year ÷ last year's
 *                   spending to the same month); a class without last year's figures uses the whole budget's;
 *  - straight_line: the months so far continue at their average — spent × 12 ÷ months elapsed.
 * Each line is projected exactly and rounded to the 分 in the safe direction — 民生 lines down, other lines up —
 * so a projected share is never overstated. The floor figures come from the floor panel's own maths.
 */

export const PROJECTION_METHODS = ['planned', 'last_year', 'straight_line'] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];

export const METHOD_LABELS: Record<ProjectionMethod, string> = {
  planned: '预算按计划执行完毕',
  last_year: '按上年同期进度',
  straight_line: '按已过月份直线推算',
};

/** For column headings and chart legends. */
export const METHOD_SHORT_LABELS: Record<ProjectionMethod, string> = {
  planned: '按预算',
  last_year: '按上年进度',
  straight_line: '按直线',
};

export const METHOD_DESCRIPTIONS: Record<ProjectionMethod, string> = {
  planned: '剩余预算全部按计划支出：每个科目全年支出＝调整预算数（无调整数时用年初预算数），已超过预算的按已支出数。',
  last_year:
    '按上年的月度支出进度：各类全年支出＝本年累计×上年全年支出÷上年同期累计（该类上年无数据时用上年全部支出的比例）。年底集中支出多的，这一方法更接近实际。',
  straight_line: '按已过月份的月均支出直线推算：全年支出＝累计支出×12÷已过月数。通常偏低，因为支出多集中在年底。',
};

export interface ExecutionLine {
  classCode: string;
  livelihood: boolean;
  /** adjusted budget, else the initial one; null when the table gave neither */
  budgetFen: number | null;
  cumulativeFen: number;
}

/** Last year's spending by class: to the same month, and for the whole year. */
export interface LastYearProfile {
  byClass: ReadonlyMap<string, { toMonthFen: number; yearFen: number }>;
  toMonthFen: number;
  yearFen: number;
}

/** Why a method cannot be used, or null when it can. */
export function methodUnavailable(method: ProjectionMethod, month: number, profile: LastYearProfile | null): string | null {
  if (method !== 'last_year' || month === 12) return null;
  if (!profile) return '没有上年同期和上年全年的执行数据（导入上年各月执行表后可用）。';
  if (profile.toMonthFen <= 0 || profile.yearFen <= 0) return '上年同期或全年支出为0，无法推算进度。';
  return null;
}

/** numerator / denominator (denominator > 0) rounded down for 民生 lines, up for the others. */
function safeQuotient(numerator: number, multiplier: number, denominator: number, livelihood: boolean): number {
  const product = numerator * multiplier;
  // the checks below compute product ± denominator: both must stay exact in doubles
  if (Number.isSafeInteger(product) && Math.abs(product) + denominator <= Number.MAX_SAFE_INTEGER) {
    // exact in doubles: correct the float quotient by at most a step either way
    let q = Math.floor(product / denominator);
    while (q * denominator > product) q--;
    while ((q + 1) * denominator <= product) q++;
    if (!livelihood && q * denominator !== product) q++;
    return q;
  }
  const n = BigInt(numerator) * BigInt(multiplier);
  const d = BigInt(denominator);
  const q = livelihood ? floorDiv(n, d) : ceilDiv(n, d);
  // beyond a double's integers the 分 could not be kept: NaN makes the method unavailable (see projectedTotals)
  return q > MAX_SAFE || q < -MAX_SAFE ? Number.NaN : Number(q);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * One line's projected year-end spending (the method must be available). NaN when it would not fit a double's
 * integers — only a last year with almost nothing spent by the month could make a ratio that large.
 */
export function projectLine(method: ProjectionMethod, line: ExecutionLine, month: number, profile: LastYearProfile | null): number {
  if (month === 12) return line.cumulativeFen;
  switch (method) {
    case 'planned':
      return line.budgetFen === null ? line.cumulativeFen : Math.max(line.budgetFen, line.cumulativeFen);
    case 'straight_line':
      return safeQuotient(line.cumulativeFen, 12, month, line.livelihood);
    case 'last_year': {
      if (!profile) throw new Error('last_year needs a profile');
      const own = profile.byClass.get(line.classCode);
      const ratio = own && own.toMonthFen > 0 && own.yearFen > 0 ? own : profile;
      return safeQuotient(line.cumulativeFen, ratio.yearFen, ratio.toMonthFen, line.livelihood);
    }
  }
}

export interface YearFigures {
  totalFen: number;
  livelihoodFen: number;
}

export interface MethodProjection {
  method: ProjectionMethod;
  label: string;
  description: string;
  available: boolean;
  /** why not, when not available */
  reason: string;
  /** projected year-end spending */
  totalFen: number;
  livelihoodFen: number;
  nonLivelihoodFen: number;
  share: number | null;
  meetsFloor: boolean;
  /** the floor panel's figures for the projected year */
  yearEnd: FloorMetrics;
  /** the least further 民生 spending from now to year end that reaches the floor, given this method's non-民生 */
  furtherLivelihoodNeededFen: number;
  /** that spread over the remaining months, rounded up; null when the year is over */
  perMonthNeededFen: number | null;
  /** the further 民生 spending this method expects */
  expectedFurtherLivelihoodFen: number;
  /** how far the expected 民生 spending falls short of what is needed (0 when it reaches the floor) */
  shortfallFen: number;
}

export interface ExecutionProjection {
  month: number;
  remainingMonths: number;
  floor: number;
  ytd: YearFigures & { share: number | null; meetsFloor: boolean };
  methods: MethodProjection[];
  /** lowest and highest projected share over the available methods */
  range: { low: number | null; high: number | null; meetsInAll: boolean; meetsInNone: boolean };
}

export const OUT_OF_RANGE_REASON = '推算金额超出可精确计算的范围（上年同期支出相对全年过小），此方法不可用。';

/** Sums of every line's projection under `method`: the year-end totals; null when they cannot be kept exact. */
export function projectedTotals(
  method: ProjectionMethod,
  lines: readonly ExecutionLine[],
  month: number,
  profile: LastYearProfile | null,
): YearFigures | null {
  let totalFen = 0;
  let livelihoodFen = 0;
  for (const line of lines) {
    const projected = projectLine(method, line, month, profile);
    totalFen += projected;
    if (line.livelihood) livelihoodFen += projected;
    if (!Number.isSafeInteger(totalFen) || !Number.isSafeInteger(livelihoodFen)) return null;
  }
  return { totalFen, livelihoodFen };
}

function unavailable(method: ProjectionMethod, reason: string, floor: number): MethodProjection {
  return {
    method,
    label: METHOD_LABELS[method],
    description: METHOD_DESCRIPTIONS[method],
    available: false,
    reason,
    totalFen: 0,
    livelihoodFen: 0,
    nonLivelihoodFen: 0,
    share: null,
    meetsFloor: false,
    yearEnd: floorMetrics(0, 0, floor),
    furtherLivelihoodNeededFen: 0,
    perMonthNeededFen: null,
    expectedFurtherLivelihoodFen: 0,
    shortfallFen: 0,
  };
}

/**
 * The floor figures for a projected year: given the non-民生 spending the method expects by year end and the
 * 民生 spending so far, the least further 民生 spending that reaches the floor is the floor panel's "least
 * livelihood increase" for T = 民生 so far + projected non-民生, L = 民生 so far — ⌈f·N/(1−f)⌉ − L, exact.
 */
export function methodFigures(
  method: ProjectionMethod,
  year: YearFigures,
  ytd: YearFigures,
  month: number,
  floor: number,
): MethodProjection {
  const nonLivelihoodFen = year.totalFen - year.livelihoodFen;
  if (!neededFitsExactly([nonLivelihoodFen, ytd.livelihoodFen, year.livelihoodFen], floor))
    return unavailable(method, OUT_OF_RANGE_REASON, floor);
  const needed = floorMetrics(ytd.livelihoodFen + nonLivelihoodFen, ytd.livelihoodFen, floor);
  const furtherLivelihoodNeededFen = needed.status === 'below' ? needed.minLivelihoodIncreaseFen : 0;
  const remainingMonths = 12 - month;
  const yearEnd = floorMetrics(year.totalFen, year.livelihoodFen, floor);
  return {
    method,
    label: METHOD_LABELS[method],
    description: METHOD_DESCRIPTIONS[method],
    available: true,
    reason: '',
    totalFen: year.totalFen,
    livelihoodFen: year.livelihoodFen,
    nonLivelihoodFen,
    share: year.totalFen > 0 ? year.livelihoodFen / year.totalFen : null,
    meetsFloor: yearEnd.meetsFloor,
    yearEnd,
    furtherLivelihoodNeededFen,
    perMonthNeededFen: remainingMonths === 0 ? null : Number(ceilDiv(BigInt(furtherLivelihoodNeededFen), BigInt(remainingMonths))),
    expectedFurtherLivelihoodFen: year.livelihoodFen - ytd.livelihoodFen,
    shortfallFen: yearEnd.status === 'below' ? yearEnd.minLivelihoodIncreaseFen : 0,
  };
}

/**
 * The 民生 spending a floor f asks for is f/(1 − f) times the non-民生 spending: with a floor near 100% that can
 * leave a double's integers, where the floor panel's figures would no longer be exact to the 分.
 */
function neededFitsExactly(amountsFen: readonly number[], floor: number): boolean {
  if (!isValidFloor(floor)) return true;
  const f = ratioParts(floor);
  const largest = amountsFen.reduce((max, fen) => (BigInt(Math.abs(fen)) > max ? BigInt(Math.abs(fen)) : max), 0n);
  return (largest * 2n * f) / (RATIO_DENOMINATOR - f) + largest * 2n <= MAX_SAFE;
}

export function projectExecution(input: {
  lines: readonly ExecutionLine[];
  month: number;
  floor: number;
  profile: LastYearProfile | null;
}): ExecutionProjection {
  const { lines, month, floor, profile } = input;
  let totalFen = 0;
  let livelihoodFen = 0;
  for (const line of lines) {
    totalFen += line.cumulativeFen;
    if (line.livelihood) livelihoodFen += line.cumulativeFen;
  }
  const ytd = { totalFen, livelihoodFen };
  const valid = isValidFloor(floor);
  const methods = PROJECTION_METHODS.map((method) => {
    const reason = methodUnavailable(method, month, profile);
    if (reason !== null) return unavailable(method, reason, floor);
    const totals = projectedTotals(method, lines, month, profile);
    return totals === null ? unavailable(method, OUT_OF_RANGE_REASON, floor) : methodFigures(method, totals, ytd, month, floor);
  });
  const shares = methods.filter((m) => m.available && m.share !== null).map((m) => m.share as number);
  const available = methods.filter((m) => m.available);
  return {
    month,
    remainingMonths: 12 - month,
    floor,
    ytd: {
      ...ytd,
      share: totalFen > 0 ? livelihoodFen / totalFen : null,
      meetsFloor: valid && totalFen > 0 && meetsRatio(livelihoodFen, totalFen, ratioParts(floor)),
    },
    methods,
    range: {
      low: shares.length ? Math.min(...shares) : null,
      high: shares.length ? Math.max(...shares) : null,
      meetsInAll: available.length > 0 && available.every((m) => m.meetsFloor),
      meetsInNone: available.every((m) => !m.meetsFloor),
    },
  };
}

/** The method a projected scenario uses by default: the one with the lowest projected share (the cautious one). */
export function cautiousMethod(projection: ExecutionProjection): ProjectionMethod {
  const available = projection.methods.filter((m) => m.available && m.share !== null);
  if (available.length === 0) return 'planned';
  return available.reduce((low, m) => ((m.share as number) < (low.share as number) ? m : low)).method;
}
