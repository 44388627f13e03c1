import type { Comparator } from '../../shared/plan';
import { relativeCompletion } from './relative';

/**
 * Progress of a quantitative target against the plan year: completion rate by comparator, 序时进度 (share of
 * the plan year elapsed), and a traffic light from how far the completion trails it.
 */

export const PROGRESS_STATES = ['met', 'green', 'yellow', 'red', 'no_data'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

export const PROGRESS_LABELS: Record<ProgressState, string> = {
  met: '已达成',
  green: '正常',
  yellow: '滞后',
  red: '严重滞后',
  no_data: '未填报',
};

export interface ProgressThresholds {
  /** behind the time schedule by at least this many percentage points → yellow */
  yellowPoints: number;
  /** … by at least this many → red */
  redPoints: number;
}

export const DEFAULT_THRESHOLDS: ProgressThresholds = { yellowPoints: 10, redPoints: 30 };

export interface TargetFigures {
  comparator: Comparator;
  /** the target in base units (33500 人, 0.042 for 4.2%) */
  baseValue: number | null;
  min: number | null;
  max: number | null;
  /** entered by the user, base units */
  actual: number | null;
  /** yyyy-mm-dd or '' */
  dueDate: string;
  /**
   * Present for a target relative to a base year (see relative.ts): baseValue is then the level computed from
   * the base year's value, and completion is the share of the promised change achieved.
   */
  relative?: { baseline: number | null };
}

export interface TargetProgress {
  /** actual against target, 1 = exactly the target; null when it cannot be computed */
  completion: number | null;
  met: boolean;
  state: ProgressState;
  /** completion trails the time schedule by this many points (negative: ahead) */
  behindPoints: number | null;
}

/** Share of the plan year elapsed on `asOf` (0 before it starts, 1 after it ends). */
export function elapsedShare(year: number, asOf: Date): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const now = Date.UTC(asOf.getFullYear(), asOf.getMonth(), asOf.getDate());
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

/**
 * 序时进度 “截至” a date: the share of the plan year elapsed by the end of that day, so a plan measured at its
 * year end (12-31) is 100% elapsed, not 364/365.
 */
export function elapsedThrough(year: number, day: Date): number {
  return elapsedShare(year, new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1));
}

export function isMet(target: TargetFigures): boolean {
  const { actual, baseValue } = target;
  if (actual === null) return false;
  switch (target.comparator) {
    case '>=':
      return baseValue !== null && actual >= baseValue;
    case '<=':
      return baseValue !== null && actual <= baseValue;
    case '=':
      return baseValue !== null && Math.abs(actual - baseValue) <= Math.abs(baseValue) * 1e-9;
    case 'range':
      return (target.min === null || actual >= target.min) && (target.max === null || actual <= target.max);
  }
}

/** How much of the target the actual represents: a ≥ target by actual/target, a ≤ target by target/actual. */
export function completionRate(target: TargetFigures): number | null {
  const { actual, baseValue } = target;
  if (actual === null) return null;
  if (target.relative) return relativeCompletion(actual, target.relative.baseline, baseValue);
  switch (target.comparator) {
    case '>=':
    case '=':
      return baseValue ? actual / baseValue : null;
    case '<=':
      if (baseValue === null) return null;
      return actual <= 0 ? 1 : baseValue / actual;
    case 'range': {
      const floor = target.min ?? target.max;
      return floor ? actual / floor : null;
    }
  }
}

export function targetProgress(target: TargetFigures, elapsed: number, asOfIso: string, thresholds: ProgressThresholds): TargetProgress {
  const completion = completionRate(target);
  const met = isMet(target);
  if (met) return { completion, met, state: 'met', behindPoints: null };
  if (target.actual === null || completion === null) return { completion, met, state: 'no_data', behindPoints: null };
  const overdue = target.dueDate !== '' && target.dueDate < asOfIso;
  // a ceiling (≤) that is exceeded is not "behind schedule": it is off target (a promised decrease from a base
  // year is a change under way, measured against the schedule like any other)
  if ((target.comparator === '<=' && !target.relative) || overdue) return { completion, met, state: 'red', behindPoints: null };
  const behindPoints = (elapsed - Math.min(1, completion)) * 100;
  const state = behindPoints >= thresholds.redPoints ? 'red' : behindPoints >= thresholds.yellowPoints ? 'yellow' : 'green';
  return { completion, met, state, behindPoints };
}

const SEVERITY: Record<ProgressState, number> = { red: 4, yellow: 3, no_data: 2, green: 1, met: 0 };

/** A task's light is its worst target's; a task without targets has none (null). */
export function rollUp(states: readonly ProgressState[]): ProgressState | null {
  if (states.length === 0) return null;
  return states.reduce((worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst));
}
