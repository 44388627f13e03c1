import { create } from 'zustand';
import type { HistoryState } from '../../shared/contract';
import { commitPendingEdits } from '../services/pending-edits';
import { call, onWorkbookChanges } from '../services/api';
import { notifyTablesChanged, notifyWorkbookChanged, onWorkbookChanged } from './history-events';
import { useUiStore } from './ui-store';

/**
 * 撤销/重做 and their labels. Every write's answer carries the history state after it (see services/api), so an
 * edit needs no second request to relabel the buttons; only a workbook switch, a restore or another process's
 * change asks again.
 */
interface HistoryStoreState {
  history: HistoryState;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Asks for the labels again: after the page's whole workbook changed (opened, restored, replaced). */
  refresh(): Promise<void>;
}

const EMPTY_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoLabel: '', redoLabel: '' };

async function step(channel: 'history-undo' | 'history-redo'): Promise<void> {
  commitPendingEdits();
  const history = await useUiStore.getState().track(() => call(channel, {}));
  // undo and redo can change any table: every view reloads (their answer already set the labels)
  if (history) await notifyWorkbookChanged({ historyKnown: true });
}

export const useHistoryStore = create<HistoryStoreState>((set) => ({
  history: EMPTY_HISTORY,
  undo: () => step('history-undo'),
  redo: () => step('history-redo'),
  refresh: async () => {
    try {
      set({ history: await call('history-state', {}) });
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  },
}));

onWorkbookChanges((changes, channel) => {
  useHistoryStore.setState({ history: changes.history });
  if (channel !== 'history-undo' && channel !== 'history-redo') void notifyTablesChanged(changes.tables);
});
onWorkbookChanged(({ historyKnown }) => (historyKnown ? undefined : useHistoryStore.getState().refresh()));
