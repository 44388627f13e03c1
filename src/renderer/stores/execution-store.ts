import { create } from 'zustand';
import type { ExecutionCompare, ExecutionEntryField, ExecutionLineRow, ExecutionView } from '../../shared/execution';
import type { ChannelInput } from '../../shared/contract';
import { call } from '../services/api';
import { onWorkbookChanged } from './history-events';
import { useUiStore } from './ui-store';

/** Which budget and period the execution view shows (its latest when the period is left out). */
export interface ExecutionSelection {
  budgetId?: number;
  year?: number;
  month?: number;
}

interface ExecutionState {
  view: ExecutionView | null;
  /** bumps when the rows were reloaded as a whole (the grid then takes them all) */
  version: number;
  selection: ExecutionSelection;
  compare: ExecutionCompare | null;
  load(selection?: ExecutionSelection): Promise<void>;
  loadCompare(period?: { year: number; month: number }): Promise<void>;
  /** Saves hand-entered cells as one action; resolves to the rows as stored, or null when refused. */
  updateCells(edits: { lineId: number; field: ExecutionEntryField; value: string }[], label?: string): Promise<ExecutionLineRow[] | null>;
  /** Runs a write that changes budgets or reports, then reloads (with `next` as the new selection if given). */
  mutate<T>(work: () => Promise<T>, next?: (result: T) => ExecutionSelection | undefined): Promise<T | undefined>;
}

let pendingCompare: { key: string; promise: Promise<void> } | null = null;

export const useExecutionStore = create<ExecutionState>((set, get) => ({
  view: null,
  version: 0,
  selection: {},
  compare: null,
  load: async (selection) => {
    const wanted = selection ?? get().selection;
    try {
      const view = await call('execution-view', wanted as ChannelInput<'execution-view'>);
      set({
        view,
        version: get().version + 1,
        selection: view.budget
          ? { budgetId: view.budget.id, ...(view.report ? { year: view.report.year, month: view.report.month } : {}) }
          : {},
      });
    } catch (error) {
      // the budget or period shown may have gone (an undo took it back): show the default instead
      if (Object.keys(wanted).length > 0) return get().load({});
      useUiStore.getState().showError(error);
    }
  },
  loadCompare: (period) => {
    // the view asks when it mounts and the app when the view is chosen (so the answer and the view's code load
    // together): one request serves both
    const key = JSON.stringify(period ?? {});
    if (pendingCompare && pendingCompare.key === key) return pendingCompare.promise;
    const promise = call('execution-compare', period ?? {}).then(
      (compare) => set({ compare }),
      (error: unknown) => useUiStore.getState().showError(error),
    );
    pendingCompare = { key, promise: promise.finally(() => (pendingCompare = null)) };
    return pendingCompare.promise;
  },
  updateCells: async (edits, label) => {
    const report = get().view?.report;
    if (!report) return null;
    const reason = useUiStore.getState().editReason.trim();
    const stored = await useUiStore
      .getState()
      .track(() =>
        call('execution-lines-update', { reportId: report.id, edits, ...(label ? { label } : {}), ...(reason ? { reason } : {}) }),
      );
    if (!stored) return null;
    // the figures above the grid depend on every line: refresh them, the grid keeps its rows and takes `stored`
    const view = await call('execution-view', get().selection as ChannelInput<'execution-view'>).catch(() => null);
    if (view) set({ view });
    return stored;
  },
  mutate: async (work, next) => {
    const result = await useUiStore.getState().track(work);
    if (result === undefined) return undefined;
    await get().load(next?.(result) ?? get().selection);
    if (get().compare) await get().loadCompare(get().compare?.period ?? undefined);
    return result;
  },
}));

onWorkbookChanged(async () => {
  const { view, compare, load, loadCompare } = useExecutionStore.getState();
  if (view) await load();
  if (compare) await loadCompare(compare.period ?? undefined);
});
