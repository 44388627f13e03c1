import { create } from 'zustand';
import type { BudgetLineField, BudgetLineRow, BudgetView, ScenarioSummary } from '../../shared/budget';
import type { ChannelInput } from '../../shared/contract';
import { WorkbenchError } from '../../shared/result';
import { call } from '../services/api';
import { onWorkbookChanged } from './history-events';
import { useTaskStore } from './task-store';
import { useUiStore } from './ui-store';

type Metrics = BudgetView['metrics'];

/** What the grid's 合计 row shows besides the total: kept up to date edit by edit, not recounted over every line. */
export interface LineSummary {
  count: number;
  livelihoodCount: number;
  baseTotalFen: number;
}

function summarise(lines: readonly BudgetLineRow[]): LineSummary {
  let livelihoodCount = 0;
  let baseTotalFen = 0;
  for (const line of lines) {
    if (line.livelihood) livelihoodCount++;
    baseTotalFen += line.baseAmountFen;
  }
  return { count: lines.length, livelihoodCount, baseTotalFen };
}

function withLineReplaced(summary: LineSummary, before: BudgetLineRow, after: BudgetLineRow): LineSummary {
  return {
    count: summary.count,
    livelihoodCount: summary.livelihoodCount - (before.livelihood ? 1 : 0) + (after.livelihood ? 1 : 0),
    baseTotalFen: summary.baseTotalFen - before.baseAmountFen + after.baseAmountFen,
  };
}

interface BudgetState {
  view: BudgetView | null;
  summary: LineSummary;
  /** the current scenario's figures, for the status bar even when another view is open */
  metrics: Metrics | null;
  scenarioName: string;
  isExample: boolean;
  load(scenarioId?: number): Promise<void>;
  /** Only the current scenario's figures, for the status bar: cheap at start-up, no rows sent. */
  loadMetrics(): Promise<void>;
  select(scenarioId: number): Promise<void>;
  /** Saves one cell; resolves to the stored row, or null when refused (the message bar says why). */
  updateLine(lineId: number, field: BudgetLineField, value: string): Promise<BudgetLineRow | null>;
  revert(lineId: number, field?: 'amount' | 'quantity' | 'rate'): Promise<BudgetLineRow | null>;
  /** Runs a write that creates or changes scenarios, then shows `showScenarioId` (or reloads). */
  mutate<T>(work: () => Promise<T>, scenarioIdOf?: (result: T) => number | undefined): Promise<T | undefined>;
  addLine(input: Omit<ChannelInput<'budget-line-add'>, 'scenarioId'>): Promise<boolean>;
  deleteLines(lineIds: number[]): Promise<void>;
}

function withMetrics(set: (partial: Partial<BudgetState>) => void, view: BudgetView): void {
  set({ view, summary: summarise(view.lines), metrics: view.metrics, scenarioName: view.scenario.name, isExample: view.scenario.isExample });
}

export const useBudgetStore = create<BudgetState>((set, get) => ({
  view: null,
  summary: { count: 0, livelihoodCount: 0, baseTotalFen: 0 },
  metrics: null,
  scenarioName: '',
  isExample: false,
  load: async (scenarioId) => {
    try {
      withMetrics(set, await call('budget-view', scenarioId === undefined ? {} : { scenarioId }));
    } catch (error) {
      // the scenario shown may have gone (an undo took its creation back): show the current one instead
      if (scenarioId !== undefined && error instanceof WorkbenchError && error.kind === 'not_found') return get().load();
      useUiStore.getState().showError(error);
    }
  },
  loadMetrics: async () => {
    try {
      const { scenario, metrics } = await call('budget-metrics', {});
      set({ metrics, scenarioName: scenario.name, isExample: scenario.isExample });
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  },
  select: async (scenarioId) => {
    const selected = await useUiStore.getState().track(() => call('scenario-select', { scenarioId }));
    if (selected) await get().load(scenarioId);
  },
  updateLine: async (lineId, field, value) => {
    const current = get().view;
    if (!current) return null;
    // user timing: the benchmark counts the renderer's own work around the round trip to the main process
    performance.mark('budget-edit-sent');
    const change = await useUiStore.getState().track(() =>
      call('budget-line-update', { scenarioId: current.scenario.id, lineId, field, value }),
    );
    performance.mark('budget-edit-answered');
    if (!change) return null;
    const view = get().view;
    // one scan (under a millisecond at 100,000 lines) rather than an index kept beside the rows
    const index = view && view.scenario.id === current.scenario.id ? view.lines.findIndex((line) => line.id === lineId) : -1;
    if (view && index >= 0) {
      const before = view.lines[index] as BudgetLineRow;
      // The rows array is the grid's: one edit replaces one element in place. Copying 100,000 rows and having
      // the grid compare them all cost well over 100 ms per edit; the grid shows the new row via node.setData.
      view.lines[index] = change.line;
      set({ view: { ...view, metrics: change.metrics }, summary: withLineReplaced(get().summary, before, change.line), metrics: change.metrics });
    }
    void useTaskStore.getState().refreshHistory();
    return change.line;
  },
  revert: async (lineId, field) => {
    const current = get().view;
    if (!current) return null;
    const change = await useUiStore.getState().track(() =>
      call('budget-line-revert', { scenarioId: current.scenario.id, lineId, ...(field ? { field } : {}) }),
    );
    if (!change) return null;
    await get().load(current.scenario.id);
    void useTaskStore.getState().refreshHistory();
    return change.line;
  },
  mutate: async (work, scenarioIdOf) => {
    const result = await useUiStore.getState().track(work);
    if (result === undefined) return undefined;
    const next = scenarioIdOf?.(result);
    if (next !== undefined) await get().select(next);
    else await get().load(get().view?.scenario.id);
    void useTaskStore.getState().refreshHistory();
    return result;
  },
  addLine: async (input) => {
    const current = get().view;
    if (!current) return false;
    const added = await get().mutate(() => call('budget-line-add', { scenarioId: current.scenario.id, ...input }));
    return added !== undefined;
  },
  deleteLines: async (lineIds) => {
    const current = get().view;
    if (!current || lineIds.length === 0) return;
    await get().mutate(() => call('budget-line-delete', { scenarioId: current.scenario.id, lineIds }));
  },
}));

onWorkbookChanged(() => {
  const { view, load, loadMetrics } = useBudgetStore.getState();
  return view ? load(view.scenario.id) : loadMetrics();
});

export function scenarioKindLabel(scenario: ScenarioSummary): string {
  if (scenario.kind === 'baseline') return '基线';
  if (scenario.kind === 'snapshot') return '快照';
  return '情景';
}
