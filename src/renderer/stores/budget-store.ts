import { create } from 'zustand';
import {
  type BudgetLineField,
  type BudgetLineRow,
  type BudgetView,
  budgetViewFromAnswer,
  type LinesChange,
  type ScenarioSummary,
} from '../../shared/budget';
import type { ChannelInput } from '../../shared/contract';
import { WorkbenchError } from '../../shared/result';
import { call } from '../services/api';
import { budgetEditTiming } from '../services/bench-timing';
import { onTablesChanged, onWorkbookChanged } from './history-events';
import { trackedWork, trackedWrite, withReason } from './track-edit';
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

export interface LineEdit {
  lineId: number;
  field: BudgetLineField;
  value: string;
}

interface BudgetState {
  view: BudgetView | null;
  /** bumps when the lines are read again as a whole, so the grid knows its rows were replaced */
  version: number;
  summary: LineSummary;
  /** the current scenario's figures, for the status bar even when another view is open */
  metrics: Metrics | null;
  scenarioName: string;
  isExample: boolean;
  load(scenarioId?: number): Promise<void>;
  /** Reads the current scenario's lines unless they are here or already being read (the view asks as it opens). */
  ensureView(): Promise<void>;
  /** Only the current scenario's figures, for the status bar: cheap at start-up, no rows sent. */
  loadMetrics(): Promise<void>;
  select(scenarioId: number): Promise<void>;
  /** Saves grid cells as one action; resolves to the stored rows, or null when refused (the message bar says why). */
  updateLines(edits: LineEdit[], label?: string): Promise<BudgetLineRow[] | null>;
  /** 按比例调整: the chosen lines' or one class's amounts by a percentage, as one action. */
  scale(scope: { lineIds: number[] } | { classCode: string }, percent: string): Promise<BudgetLineRow[] | null>;
  /** Runs a write that creates or changes scenarios, then shows `showScenarioId` (or reloads). */
  mutate<T>(work: () => Promise<T>, scenarioIdOf?: (result: T) => number | undefined): Promise<T | undefined>;
  addLine(input: Omit<ChannelInput<'budget-line-add'>, 'scenarioId'>): Promise<boolean>;
  deleteLines(lineIds: number[]): Promise<void>;
}

/** Where each line sits in the view's rows, for answers that change many lines (one scan per line is quadratic). */
const positions = new WeakMap<readonly BudgetLineRow[], Map<number, number>>();
function positionOf(lines: readonly BudgetLineRow[], lineId: number, many: boolean): number {
  if (!many) return lines.findIndex((line) => line.id === lineId);
  let index = positions.get(lines);
  if (!index) {
    index = new Map(lines.map((line, i) => [line.id, i]));
    positions.set(lines, index);
  }
  return index.get(lineId) ?? -1;
}

export const useBudgetStore = create<BudgetState>((set, get) => {
  /** the first read of the lines while it runs: the page asks as the view is chosen, the view again as it mounts */
  let firstRead: Promise<void> | null = null;
  const show = (view: BudgetView): void =>
    set({
      view,
      version: get().version + 1,
      summary: summarise(view.lines),
      metrics: view.metrics,
      scenarioName: view.scenario.name,
      isExample: view.scenario.isExample,
    });

  /**
   * An answer's rows replace the view's in place: the rows array is the grid's, and copying 100,000 rows (and having
   * the grid compare them) cost well over 100 ms per edit. The totals, the figures and the 调整 N 处 badge follow.
   */
  const applyChange = (scenarioId: number, change: LinesChange): BudgetLineRow[] => {
    const view = get().view;
    if (!view || view.scenario.id !== scenarioId) return change.lines;
    let summary = get().summary;
    const many = change.lines.length > 8;
    for (const line of change.lines) {
      const index = positionOf(view.lines, line.id, many);
      const before = view.lines[index];
      if (!before) continue;
      view.lines[index] = line;
      summary = withLineReplaced(summary, before, line);
    }
    const scenario = { ...view.scenario, overrideCount: change.overrideCount };
    const scenarios = view.scenarios.map((s) => (s.id === scenario.id ? scenario : s));
    set({ view: { ...view, scenario, scenarios, metrics: change.metrics }, summary, metrics: change.metrics });
    return change.lines;
  };

  return {
    view: null,
    version: 0,
    summary: { count: 0, livelihoodCount: 0, baseTotalFen: 0 },
    metrics: null,
    scenarioName: '',
    isExample: false,
    load: async (scenarioId) => {
      const asked = workbookGeneration;
      try {
        const answer = await call('budget-view', scenarioId === undefined ? {} : { scenarioId });
        // the page's workbook changed while the lines were read (opened, restored, undone): read them again
        if (asked !== workbookGeneration) return get().load();
        show(budgetViewFromAnswer(answer));
      } catch (error) {
        // the scenario shown may have gone (an undo took its creation back): show the current one instead
        if (scenarioId !== undefined && error instanceof WorkbenchError && error.kind === 'not_found') return get().load();
        useUiStore.getState().showError(error);
      }
    },
    ensureView: () => {
      if (get().view) return Promise.resolve();
      firstRead ??= get()
        .load()
        .finally(() => {
          firstRead = null;
        });
      return firstRead;
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
    updateLines: async (edits, label) => {
      const scenarioId = get().view?.scenario.id;
      if (scenarioId === undefined || edits.length === 0) return null;
      budgetEditTiming.sent();
      const change = await trackedWrite('budget-line-edits', withReason({ scenarioId, edits, ...(label ? { label } : {}) }));
      budgetEditTiming.answered();
      return change ? applyChange(scenarioId, change) : null;
    },
    scale: async (scope, percent) => {
      const scenarioId = get().view?.scenario.id;
      if (scenarioId === undefined) return null;
      const change = await trackedWrite('budget-scale', withReason({ scenarioId, percent, ...scope }));
      return change ? applyChange(scenarioId, change) : null;
    },
    mutate: async (work, scenarioIdOf) => {
      const result = await trackedWork(work);
      if (result === undefined) return undefined;
      const next = scenarioIdOf?.(result);
      if (next !== undefined) await get().select(next);
      else await get().load(get().view?.scenario.id);
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
  };
});

/** bumps whenever the page's workbook changes as a whole, so that a read begun before is not shown after */
let workbookGeneration = 0;

onWorkbookChanged(() => {
  workbookGeneration++;
  const { view, load, loadMetrics } = useBudgetStore.getState();
  return view ? load(view.scenario.id) : loadMetrics();
});

// a driver line's quantity can come from a plan target: after a target edit such lines (and the share) have moved.
// The lines are read again when the view is next shown, not now: the budget view is not on screen while targets
// are edited, and reading 100,000 lines after every target edit would cost the main process a second each time.
onTablesChanged(['target'], () => {
  const { view, loadMetrics } = useBudgetStore.getState();
  if (!view || !view.lines.some((line) => line.targetId !== null)) return undefined;
  useBudgetStore.setState({ view: null });
  return loadMetrics();
});

export function scenarioKindLabel(scenario: ScenarioSummary): string {
  if (scenario.kind === 'baseline') return '基线';
  if (scenario.kind === 'snapshot') return '快照';
  return '情景';
}
