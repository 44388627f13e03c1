/**
 * A chart of spending by class shows the classes that matter and one 其他 for the rest: twenty colours in a
 * stacked bar cannot be told apart, and a class of 0.5% is a line no one can see or click.
 */

export interface ClassSeries {
  name: string;
  /** per scenario, in any one unit; null where the scenario has none */
  amounts: (number | null)[];
}

export interface GroupingOptions {
  /** a class below this share of every scenario's total joins 其他 */
  minShare: number;
  /** at most this many series, 其他 included */
  maxSeries: number;
}

export const DEFAULT_GROUPING: GroupingOptions = { minShare: 0.03, maxSeries: 8 };

/** The classes to draw, largest first, with the small ones summed as "其他（N类）" at the end. */
export function groupSmallClasses(classes: readonly ClassSeries[], options: GroupingOptions = DEFAULT_GROUPING): ClassSeries[] {
  const width = Math.max(0, ...classes.map((c) => c.amounts.length));
  const totals = Array.from({ length: width }, (_, s) => classes.reduce((sum, c) => sum + Math.abs(c.amounts[s] ?? 0), 0));
  const largestShare = (c: ClassSeries): number =>
    Math.max(0, ...c.amounts.map((a, s) => ((totals[s] ?? 0) > 0 ? Math.abs(a ?? 0) / (totals[s] ?? 1) : 0)));
  const ranked = classes.filter((c) => c.amounts.some((a) => (a ?? 0) !== 0)).sort((a, b) => largestShare(b) - largestShare(a));
  const big = ranked.filter((c) => largestShare(c) >= options.minShare);
  // leave room for 其他 when anything is left over
  const keep = big.length < ranked.length || big.length > options.maxSeries ? big.slice(0, options.maxSeries - 1) : big;
  const rest = ranked.slice(keep.length);
  if (rest.length === 0) return keep;
  if (rest.length === 1 && rest[0]) return [...keep, rest[0]];
  const other: ClassSeries = {
    name: `其他（${rest.length}类）`,
    amounts: Array.from({ length: width }, (_, s) => rest.reduce((sum, c) => sum + (c.amounts[s] ?? 0), 0)),
  };
  return [...keep, other];
}
