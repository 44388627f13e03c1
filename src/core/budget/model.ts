/**
 * The budget as typed arrays: a baseline of lines and a scenario's overrides applied on top. Everything a
 * planner asks (share, goal seek, sensitivity, comparison) is a pass over these arrays, so 100,000 lines
 * recompute in a few milliseconds. Amounts are integer 分 held in Float64 (exact below 2⁵³).
 */

export const OVERRIDE_FIELDS = ['amount', 'quantity', 'rate'] as const;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];
export const OVERRIDE_OPS = ['set', 'add', 'pct'] as const;
export type OverrideOp = (typeof OVERRIDE_OPS)[number];

export interface Override {
  /** index of the line in the baseline arrays */
  index: number;
  field: OverrideField;
  op: OverrideOp;
  /** fen for amount set/add, fen per unit for rate set/add, a count for quantity, a ratio (0.05) for pct */
  value: number;
}

export interface BaselineArrays {
  count: number;
  /** the stated amount; for driver lines, quantity × rate rounded to the 分 */
  amountFen: Float64Array;
  livelihood: Uint8Array;
  hasDriver: Uint8Array;
  quantity: Float64Array;
  rateFen: Float64Array;
}

export function emptyBaseline(count: number): BaselineArrays {
  return {
    count,
    amountFen: new Float64Array(count),
    livelihood: new Uint8Array(count),
    hasDriver: new Uint8Array(count),
    quantity: new Float64Array(count),
    rateFen: new Float64Array(count),
  };
}

export function driverAmount(quantity: number, rateFen: number): number {
  const amount = Math.round(quantity * rateFen);
  return amount === 0 ? 0 : amount;
}

export function applyOp(current: number, op: OverrideOp, value: number): number {
  if (op === 'set') return value;
  if (op === 'add') return current + value;
  return current * (1 + value);
}

export interface ScenarioValues {
  amountFen: Float64Array;
  quantity: Float64Array;
  rateFen: Float64Array;
}

/**
 * The scenario's values for every line. Driver changes apply first and re-derive the amount; an amount
 * override then applies to that amount (a set amount wins over the driver).
 */
export function applyScenario(baseline: BaselineArrays, overrides: readonly Override[]): ScenarioValues {
  const amountFen = baseline.amountFen.slice();
  // the driver arrays are copied only when a driver is overridden: most scenarios change amounts alone
  const changesDrivers = overrides.some((o) => o.field !== 'amount');
  if (!changesDrivers) {
    for (const override of overrides) {
      amountFen[override.index] = Math.round(applyOp(amountFen[override.index] ?? 0, override.op, override.value));
    }
    return { amountFen, quantity: baseline.quantity, rateFen: baseline.rateFen };
  }
  const quantity = baseline.quantity.slice();
  const rateFen = baseline.rateFen.slice();
  const driverChanged = new Set<number>();
  for (const override of overrides) {
    if (override.field === 'amount') continue;
    const target = override.field === 'quantity' ? quantity : rateFen;
    const next = applyOp(target[override.index] ?? 0, override.op, override.value);
    target[override.index] = override.field === 'rate' ? Math.round(next) : next;
    driverChanged.add(override.index);
  }
  for (const index of driverChanged) {
    if (baseline.hasDriver[index]) amountFen[index] = driverAmount(quantity[index] ?? 0, rateFen[index] ?? 0);
  }
  for (const override of overrides) {
    if (override.field !== 'amount') continue;
    amountFen[override.index] = Math.round(applyOp(amountFen[override.index] ?? 0, override.op, override.value));
  }
  return { amountFen, quantity, rateFen };
}

export interface Totals {
  totalFen: number;
  livelihoodFen: number;
}

export function totals(amountFen: Float64Array, livelihood: Uint8Array): Totals {
  let total = 0;
  let live = 0;
  for (let i = 0; i < amountFen.length; i++) {
    const amount = amountFen[i] as number;
    total += amount;
    if (livelihood[i]) live += amount;
  }
  return { totalFen: total, livelihoodFen: live };
}
