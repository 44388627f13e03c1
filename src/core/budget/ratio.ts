/**
 * Shares and floors are compared exactly: a ratio is held as an integer number of millionths and every
 * comparison is done on BigInt cross-products, so "exactly at the floor" is exact and rounding goes the way
 * the caller asks, not the way binary floating point happens to fall.
 */
export const RATIO_DENOMINATOR = 1_000_000n;

export function ratioParts(ratio: number): bigint {
  return BigInt(Math.round(ratio * 1_000_000));
}

export function floorDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const quotient = numerator / denominator;
  return numerator < 0n && quotient * denominator !== numerator ? quotient - 1n : quotient;
}

export function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return -floorDiv(-numerator, denominator);
}

/** Whether livelihood / total ≥ ratio (ratio in millionths), exactly. */
export function meetsRatio(livelihoodFen: number, totalFen: number, ratioMillionths: bigint): boolean {
  return BigInt(livelihoodFen) * RATIO_DENOMINATOR >= ratioMillionths * BigInt(totalFen);
}
