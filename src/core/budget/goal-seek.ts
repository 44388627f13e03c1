import { driverAmount } from './model';
import { ceilDiv, floorDiv, RATIO_DENOMINATOR, ratioParts } from './ratio';
import { formatPercent } from '../percent';
import type { Refusal } from '../refusal';

/**
 * Goal seek on one line: the amount (or the driver's rate or quantity) that brings the livelihood share to
 * a target. With one line moving, the share is a ratio of two linear functions of its amount, so the answer
 * is exact: the least amount that reaches the target for a livelihood line, the most that keeps it for any
 * other line, to the 分.
 */

export type GoalSeekVariable = 'amount' | 'rate' | 'quantity';

export interface GoalSeekInput {
  /** totals of every other line */
  othersTotalFen: number;
  othersLivelihoodFen: number;
  isLivelihood: boolean;
  targetShare: number;
  variable: GoalSeekVariable;
  /** the line's driver, for rate/quantity */
  quantity?: number;
  rateFen?: number;
}

export type GoalSeekResult = { ok: true; value: number; amountFen: number; share: number } | Refusal;

/** The amount in 分 that reaches the target share, or why none exists. */
function solveAmount(input: GoalSeekInput): { ok: true; amountFen: number } | { ok: false; reason: string } {
  const S = ratioParts(input.targetShare);
  const D = RATIO_DENOMINATOR;
  if (S <= 0n || S >= D) return { ok: false, reason: '目标占比必须大于0且小于100%。' };
  const T0 = BigInt(input.othersTotalFen);
  const L0 = BigInt(input.othersLivelihoodFen);
  if (input.isLivelihood) {
    // (L0 + x)·D ≥ S·(T0 + x)  ⇔  x ≥ (S·T0 − L0·D) / (D − S)
    const amount = ceilDiv(S * T0 - L0 * D, D - S);
    if (amount < 0n) {
      const share = input.othersTotalFen > 0 ? input.othersLivelihoodFen / input.othersTotalFen : 0;
      return { ok: false, reason: `即使该行为0，民生占比仍为${formatPercent(share)}，已不低于目标；这一行无需增加。` };
    }
    return { ok: true, amountFen: Number(amount) };
  }
  // L0·D ≥ S·(T0 + x)  ⇔  x ≤ (L0·D − S·T0) / S
  const amount = floorDiv(L0 * D - S * T0, S);
  if (amount < 0n) {
    return { ok: false, reason: '该行是非民生支出，即使减到0，民生占比仍达不到目标；请选择一条民生支出行。' };
  }
  return { ok: true, amountFen: Number(amount) };
}

/**
 * The driver value whose amount is on the safe side of `neededFen`: the least value reaching it for a
 * livelihood line, the most staying under it otherwise. Rates move in whole 分, quantities in whole units.
 */
function solveDriver(neededFen: number, fixed: number, isLivelihood: boolean): number | null {
  if (!(fixed > 0)) return null;
  const amountAt = (value: number): number => driverAmount(fixed, value);
  let value = isLivelihood ? Math.ceil(neededFen / fixed) : Math.floor(neededFen / fixed);
  if (isLivelihood) {
    while (amountAt(value) < neededFen) value++;
    while (value > 0 && amountAt(value - 1) >= neededFen) value--;
  } else {
    while (value > 0 && amountAt(value) > neededFen) value--;
    while (amountAt(value + 1) <= neededFen) value++;
  }
  return value;
}

export function goalSeek(input: GoalSeekInput): GoalSeekResult {
  const solved = solveAmount(input);
  if (!solved.ok) return solved;
  let value = solved.amountFen;
  let amountFen = solved.amountFen;
  if (input.variable !== 'amount') {
    const fixed = input.variable === 'rate' ? (input.quantity ?? 0) : (input.rateFen ?? 0);
    const driverValue = solveDriver(solved.amountFen, fixed, input.isLivelihood);
    if (driverValue === null) {
      return { ok: false, reason: input.variable === 'rate' ? '该行数量为0，无法通过单价求解。' : '该行单价为0，无法通过数量求解。' };
    }
    value = driverValue;
    amountFen = input.variable === 'rate' ? driverAmount(fixed, value) : driverAmount(value, fixed);
  }
  const total = input.othersTotalFen + amountFen;
  const share = total > 0 ? (input.othersLivelihoodFen + (input.isLivelihood ? amountFen : 0)) / total : 0;
  return { ok: true, value, amountFen, share };
}
