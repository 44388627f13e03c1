import type { Refusal } from '../refusal';
/**
 * Breakback: spread a required change over the lines that may move, proportionally to their amounts or
 * evenly, leaving held lines alone. Shares are cut to the 分 by the largest-remainder method, so the
 * changes add up to exactly the amount asked for.
 */

export type BreakbackMode = 'proportional' | 'even';

export interface BreakbackLine {
  amountFen: number;
  held: boolean;
}

export type BreakbackResult = { ok: true; deltas: number[] } | Refusal;

export function breakback(lines: readonly BreakbackLine[], deltaFen: number, mode: BreakbackMode): BreakbackResult {
  if (!Number.isSafeInteger(deltaFen)) return { ok: false, reason: '分摊金额必须精确到分。' };
  const movable = lines.map((line, index) => ({ ...line, index })).filter((line) => !line.held);
  if (movable.length === 0) return { ok: false, reason: '没有可调整的行：所选行都被锁定了。' };
  if (mode === 'proportional' && movable.some((line) => line.amountFen < 0)) {
    return { ok: false, reason: '有金额为负数的行，不能按比例分摊，请改用平均分摊。' };
  }
  const weights = movable.map((line) => BigInt(mode === 'even' ? 1 : line.amountFen));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum === 0n) return { ok: false, reason: '可调整行的金额合计为0，无法按比例分摊，请改用平均分摊。' };

  const magnitude = BigInt(Math.abs(deltaFen));
  const sign = deltaFen < 0 ? -1 : 1;
  const shares = weights.map((weight) => (magnitude * weight) / weightSum);
  const remainders = weights.map((weight, i) => ({ i, rest: magnitude * weight - (shares[i] as bigint) * weightSum }));
  let left = magnitude - shares.reduce((sum, share) => sum + share, 0n);
  remainders.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    left -= 1n;
  }

  const deltas = lines.map(() => 0);
  const negative: number[] = [];
  movable.forEach((line, i) => {
    const delta = sign * Number(shares[i]);
    deltas[line.index] = delta === 0 ? 0 : delta;
    if (line.amountFen + delta < 0) negative.push(line.index);
  });
  if (negative.length > 0) {
    return { ok: false, reason: `分摊后有${negative.length}行金额将为负数，请减少调减金额或放开更多行。` };
  }
  return { ok: true, deltas };
}
