/**
 * The one rule for percentages — in the grids, the panels, the charts, the printed reports and the Excel export:
 *
 * - a figure the app computes (a share, a completion rate, a Δ%) always shows two decimals: 72.01%, 55.56%,
 *   100.00% — the same figure reads the same wherever it appears, and a column of them lines up;
 * - a figure someone set (the 70% floor, a threshold, a step of a sensitivity table) shows as it was set, without
 *   padded zeros: 70%, 72.5%.
 */

export const PERCENT_DECIMALS = 2;

/** The Excel number format of a computed percentage (the cell holds the ratio). */
export const EXCEL_PERCENT_FORMAT = '0.00%';

/** A computed ratio as a percentage with two decimals; '—' when there is none. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(PERCENT_DECIMALS)}%`;
}

/** A signed change (Δ%): "+5.00%", "-3.20%". */
export function formatSignedPercent(ratio: number | null | undefined): string {
  const text = formatPercent(ratio);
  return ratio !== null && ratio !== undefined && ratio > 0 ? `+${text}` : text;
}

/** A percentage someone set, as set: 0.7 → "70%", 0.725 → "72.5%" (up to four decimals, no padding). */
export function formatStatedPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${Number.parseFloat((ratio * 100).toFixed(4))}%`;
}

/** The number a chart plots for a ratio (percent units, rounded as shown), so its label reads as the table does. */
export function percentPoints(ratio: number | null | undefined): number {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? 0 : Number((ratio * 100).toFixed(PERCENT_DECIMALS));
}
