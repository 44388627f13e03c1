import type { Comparator } from '../../shared/plan';
import { tidy } from '../quantity';

/**
 * A target relative to a base year ("婚检率较2016年提高3%") is shown as written and measured from the base
 * year's value, which the user enters as the target's 基期值:
 *
 * - "提高3%" is a relative change: the level to reach is the base value × (1 + 3%); "下降5%" × (1 − 5%);
 * - "提高3个百分点" is an absolute change of a rate: base + 0.03.
 *
 * Completion is the share of the promised change achieved — (actual − base) / (level − base) — so standing
 * still is 0%, not the 97% that actual ÷ level would suggest.
 */

export interface RelativeTarget {
  comparator: Comparator;
  /** the change as written (3 of "提高3%") */
  value: number | null;
  /** "%" for a relative change, "个百分点" for points */
  unit: string;
  /** the base year's value, in base units; null until entered */
  baseline: number | null;
}

/** The level the year must reach, in base units; null without the base year's value. */
export function relativeLevel(target: RelativeTarget): number | null {
  if (target.baseline === null || target.value === null) return null;
  const sign = target.comparator === '<=' ? -1 : 1;
  if (target.unit === '个百分点') return tidy(target.baseline + (sign * target.value) / 100);
  return tidy(target.baseline * (1 + (sign * target.value) / 100));
}

/** How much of the promised change the actual achieves (1 = all of it); null when it cannot be said. */
export function relativeCompletion(actual: number | null, baseline: number | null, level: number | null): number | null {
  if (actual === null || baseline === null || level === null) return null;
  const promised = level - baseline;
  if (promised === 0) return actual === baseline ? 1 : null;
  return (actual - baseline) / promised;
}

/** "较2016年提高3%" — the target as written, rebuilt from what is stored. */
export function relativeText(target: RelativeTarget & { relativeToYear: number }): string {
  const verb = target.comparator === '<=' ? '下降' : '提高';
  return `较${target.relativeToYear}年${verb}${target.value ?? ''}${target.unit}`;
}
