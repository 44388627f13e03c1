import { create } from 'zustand';
import type { TaskEditableField, TaskRow } from '../../shared/contract';
import { call } from '../services/api';
import { onTablesChanged, onWorkbookChanged } from './history-events';
import { trackedWrite, withReason } from './track-edit';
import { useUiStore } from './ui-store';

export interface TaskEdit {
  taskId: number;
  field: TaskEditableField;
  value: string;
}

export interface OwnerChange {
  taskId: number;
  orgId: number;
  role: 'lead' | 'co' | null;
}

interface TaskState {
  tasks: TaskRow[];
  /** bumps on every full load, so grids know their rows were replaced */
  version: number;
  loaded: boolean;
  /** the open workbook's file, for the status bar */
  workbookPath: string | null;
  load(): Promise<void>;
  /** Saves cell edits as one action; resolves to the rows as stored, or null when refused. */
  updateCells(edits: TaskEdit[], label?: string): Promise<TaskRow[] | null>;
  /** Sets orgs' roles on tasks (the matrix) as one action. */
  setOwners(changes: OwnerChange[], label?: string): Promise<TaskRow[] | null>;
  /** the task rows again (after their targets or orgs changed), keeping what else the store holds */
  reloadTasks(): Promise<void>;
}

function merge(tasks: TaskRow[], stored: readonly TaskRow[]): TaskRow[] {
  const byId = new Map(stored.map((row) => [row.id, row]));
  return tasks.map((task) => byId.get(task.id) ?? task);
}

let prefetched: Promise<TaskRow[]> | null = null;

/**
 * Asks for the task rows as the page starts, alongside the question whether the workbook opened at all: the first
 * screen waits for one round trip instead of two. A workbook that did not open answers with an error here, which
 * is dropped: the recovery screen says why.
 */
export function prefetchTasks(): void {
  prefetched = call('task-list', {});
  prefetched.catch(() => undefined);
}

/** The prefetched rows once; asked again if the prefetch failed (the workbook was restored since, say). */
function taskRows(): Promise<TaskRow[]> {
  const rows = prefetched;
  prefetched = null;
  return rows ? rows.catch(() => call('task-list', {})) : call('task-list', {});
}

export const useTaskStore = create<TaskState>((set, get) => ({
  tasks: [],
  version: 0,
  loaded: false,
  workbookPath: null,
  load: async () => {
    try {
      // the path from the session's status: workbook-info would run a full integrity check just to show it
      const [tasks, session] = await Promise.all([taskRows(), call('workbook-status', {})]);
      set({ tasks, workbookPath: session.path, loaded: true, version: get().version + 1 });
    } catch (error) {
      set({ loaded: true });
      useUiStore.getState().showError(error);
    }
  },
  updateCells: async (edits, label) => {
    const stored = await trackedWrite('task-update', withReason({ edits, ...(label ? { label } : {}) }));
    if (!stored) return null;
    // the grid has already been given these rows; keep the store in step without a reload
    set({ tasks: merge(get().tasks, stored) });
    return stored;
  },
  setOwners: async (changes, label) => {
    const stored = await trackedWrite('task-owner-set', withReason({ changes, ...(label ? { label } : {}) }));
    if (!stored) return null;
    set({ tasks: merge(get().tasks, stored) });
    return stored;
  },
  reloadTasks: async () => {
    if (!get().loaded) return;
    try {
      set({ tasks: await call('task-list', {}), version: get().version + 1 });
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  },
}));

onWorkbookChanged(() => useTaskStore.getState().load());
// a task's lights and counts come from its targets (and the 序时进度 settings), its owners' names from the orgs;
// a target linked to the budget takes its actual from a scenario's share, which any budget edit moves
onTablesChanged(['target', 'target_link', 'setting', 'unit', 'budget_line', 'scenario_override', 'scenario'], () =>
  useTaskStore.getState().reloadTasks(),
);
