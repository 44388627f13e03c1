import { formatReadable, formatWan, formatYuan, groupedNumber } from '../core/budget/money';

/** Display formats shared by the views: 万元 with separators, percentages with two decimals. */
export { formatReadable, formatWan, formatYuan };

export function formatPercent(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatSignedWan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `${fen > 0 ? '+' : ''}${formatWan(fen)}`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return groupedNumber(value, 0, 4);
}
