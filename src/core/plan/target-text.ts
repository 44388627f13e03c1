import type { Comparator } from '../../shared/plan';
import { groupedNumber } from '../budget/money';
import { relativeText } from '../progress/relative';

/** A target's figure as the plan writes it — the one wording for the grid, the reports and the exports. */

export interface TargetWording {
  comparator: Comparator;
  value: number | null;
  unit: string;
  min: number | null;
  max: number | null;
  approx: boolean;
  relativeToYear: number | null;
}

const count = (n: number): string => groupedNumber(n, 0, 4);

/**
 * A range target's bounds (in its written unit, as a TargetRow carries them), "6~8". Plain numbers by default: a
 * cell of the exported workbook holds them, and the round-trip import compares what it reads back with this text.
 */
export function writtenRange(t: Pick<TargetWording, 'min' | 'max'>, format: (n: number) => string = String): string {
  const bound = (v: number | null): string => (v === null ? '' : format(v));
  return `${bound(t.min)}~${bound(t.max)}`;
}

/** The figure without comparator or unit: "3.35", "约16", "6~8"; a relative target whole: "较2016年提高3%". */
export function writtenFigure(t: TargetWording): string {
  if (t.relativeToYear !== null) return relativeText({ ...t, baseline: null, relativeToYear: t.relativeToYear });
  if (t.comparator === 'range') return writtenRange(t, count);
  return t.value === null ? '' : `${t.approx ? '约' : ''}${count(t.value)}`;
}
