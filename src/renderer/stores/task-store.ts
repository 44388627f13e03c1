import { create } from 'zustand';
import type { HistoryState, TaskEditableField, TaskRow, WorkbookInfo } from '../../shared/contract';
import { call } from '../services/api';
import { notifyWorkbookChanged, onWorkbookChanged } from './history-events';
import { useUiStore } from './ui-store';

interface TaskState {
  tasks: TaskRow[];
  loaded: boolean;
  workbook: WorkbookInfo | null;
  history: HistoryState;
  load(): Promise<void>;
  /** Saves one field; resolves to the row as stored, or null when the workbook refused it. */
  updateTask(taskId: number, field: TaskEditableField, value: string): Promise<TaskRow | null>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Re-reads the undo/redo labels after an edit made by another store. */
  refreshHistory(): Promise<void>;
}

const EMPTY_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoLabel: '', redoLabel: '' };

export const useTaskStore = create<TaskState>((set, get) => ({
  tasks: [],
  loaded: false,
  workbook: null,
  history: EMPTY_HISTORY,
  load: async () => {
    try {
      const [tasks, workbook, history] = await Promise.all([
        call('task-list', {}),
        call('workbook-info', {}),
        call('history-state', {}),
      ]);
      set({ tasks, workbook, history, loaded: true });
    } catch (error) {
      set({ loaded: true });
      useUiStore.getState().showError(error);
    }
  },
  updateTask: async (taskId, field, value) => {
    const updated = await useUiStore.getState().track(() => call('task-update', { taskId, field, value }));
    if (!updated) return null;
    set({ tasks: get().tasks.map((task) => (task.id === updated.id ? updated : task)) });
    set({ history: await call('history-state', {}) });
    return updated;
  },
  undo: async () => {
    const history = await useUiStore.getState().track(() => call('history-undo', {}));
    if (history) {
      set({ history });
      await notifyWorkbookChanged();
    }
  },
  redo: async () => {
    const history = await useUiStore.getState().track(() => call('history-redo', {}));
    if (history) {
      set({ history });
      await notifyWorkbookChanged();
    }
  },
  refreshHistory: async () => {
    try {
      set({ history: await call('history-state', {}) });
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  },
}));

onWorkbookChanged(() => useTaskStore.getState().load());
