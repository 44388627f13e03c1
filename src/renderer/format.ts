import { formatReadable, formatWan, formatYuan, groupedNumber } from '../core/budget/money';
import { formatPercent, formatSignedPercent, formatStatedPercent, percentPoints } from '../core/percent';

/**
 * Display formats shared by the views: money in 万元 with separators (one unit per view), percentages by the one
 * rule in core/percent.ts.
 */
export { formatReadable, formatWan, formatYuan, formatPercent, formatSignedPercent, formatStatedPercent, percentPoints };

export function formatSignedWan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `${fen > 0 ? '+' : ''}${formatWan(fen)}`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return groupedNumber(value, 0, 4);
}
