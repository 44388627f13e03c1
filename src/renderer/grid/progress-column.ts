import type { ColDef } from 'ag-grid-community';
import { PROGRESS_LABELS, type ProgressState } from '../../core/progress/progress';
import { ProgressCell } from './ProgressCell';

/** Worst first: sorting 进度状态 ascending brings what is late to the top. */
const SEVERITY: Record<ProgressState, number> = { red: 0, yellow: 1, no_data: 2, green: 3, met: 4 };

const severity = (value: unknown): number => (typeof value === 'string' && value in SEVERITY ? SEVERITY[value as ProgressState] : 5);

/**
 * A progress light column (tasks, targets): the light with its word, the word for copying, searching and the
 * filter's value list, and a sort by severity rather than by the state's internal name.
 */
export const progressColumn: Pick<ColDef, 'cellRenderer' | 'valueFormatter' | 'comparator'> = {
  cellRenderer: ProgressCell,
  valueFormatter: (p) => (typeof p.value === 'string' && p.value in PROGRESS_LABELS ? PROGRESS_LABELS[p.value as ProgressState] : ''),
  comparator: (a: unknown, b: unknown) => severity(a) - severity(b),
};

/** 滞后 (yellow), 严重滞后 (red) or 未填报: what a 只看滞后/未填报 switch keeps. */
export const isLateOrMissing = (progress: ProgressState | null): boolean =>
  progress === 'red' || progress === 'yellow' || progress === 'no_data';

export const progressLabel = (progress: ProgressState | null): string => (progress ? PROGRESS_LABELS[progress] : '');
