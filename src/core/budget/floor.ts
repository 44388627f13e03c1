import { ceilDiv, floorDiv, RATIO_DENOMINATOR, ratioParts } from './ratio';
import { formatPercent, formatStatedPercent } from '../percent';

/**
 * The 70% rule: livelihood spending L must be at least f of total general-budget spending T.
 * Every suggested amount is rounded to the 分 in the safe direction, so applying it keeps (or reaches)
 * the floor exactly; nothing here returns NaN or Infinity.
 */

export type FloorStatus = 'meets' | 'below' | 'no_spending' | 'invalid_floor';

export interface FloorMetrics {
  status: FloorStatus;
  /** one sentence in Chinese saying what the figures mean */
  message: string;
  totalFen: number;
  livelihoodFen: number;
  /** L / T; null when T ≤ 0 */
  share: number | null;
  floor: number;
  meetsFloor: boolean;
  /** L − fT, rounded down */
  headroomFen: number;
  /** the most non-livelihood spending that can still be added: L/f − T, rounded down, 0 when below */
  maxNonLivelihoodAdditionFen: number;
  /** the least livelihood increase that restores the floor: (fT − L)/(1 − f), rounded up, 0 when met */
  minLivelihoodIncreaseFen: number;
  /** the most livelihood cut that keeps the floor: (L − fT)/(1 − f), rounded down, 0 when below */
  maxLivelihoodCutFen: number;
}

export function isValidFloor(floor: number): boolean {
  return Number.isFinite(floor) && floor > 0 && floor < 1;
}

export function floorMetrics(totalFen: number, livelihoodFen: number, floor: number): FloorMetrics {
  const zero = {
    totalFen,
    livelihoodFen,
    floor,
    headroomFen: 0,
    maxNonLivelihoodAdditionFen: 0,
    minLivelihoodIncreaseFen: 0,
    maxLivelihoodCutFen: 0,
  };
  if (!isValidFloor(floor)) {
    return {
      ...zero,
      status: 'invalid_floor',
      message: `底线比例必须大于0且小于100%（当前为${Number.isFinite(floor) ? formatStatedPercent(floor) : '无效值'}），请在设置中修改。`,
      share: totalFen > 0 ? livelihoodFen / totalFen : null,
      meetsFloor: false,
    };
  }
  if (totalFen <= 0) {
    return {
      ...zero,
      status: 'no_spending',
      message: '一般公共预算支出合计为0（或没有预算行），无法计算民生支出占比。请先录入或导入预算。',
      share: null,
      meetsFloor: false,
    };
  }
  const F = ratioParts(floor);
  const D = RATIO_DENOMINATOR;
  const T = BigInt(totalFen);
  const L = BigInt(livelihoodFen);
  const surplus = L * D - F * T; // (L − fT)·D
  const meets = surplus >= 0n;
  const metrics: FloorMetrics = {
    ...zero,
    status: meets ? 'meets' : 'below',
    message: '',
    share: livelihoodFen / totalFen,
    meetsFloor: meets,
    headroomFen: Number(floorDiv(surplus, D)),
    maxNonLivelihoodAdditionFen: meets ? Number(floorDiv(surplus, F)) : 0,
    minLivelihoodIncreaseFen: meets ? 0 : Number(ceilDiv(-surplus, D - F)),
    maxLivelihoodCutFen: meets ? Number(floorDiv(surplus, D - F)) : 0,
  };
  metrics.message = meets
    ? `民生支出占比${formatPercent(metrics.share ?? 0)}，达到不低于${formatStatedPercent(floor)}的要求。`
    : `民生支出占比${formatPercent(metrics.share ?? 0)}，低于${formatStatedPercent(floor)}的底线。`;
  return metrics;
}
