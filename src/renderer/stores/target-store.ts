import { create } from 'zustand';
import type { ProgressSettings, TargetEditableField, TargetLink, TargetRow } from '../../shared/grid';
import { call } from '../services/api';
import { onWorkbookChanged } from './history-events';
import { trackedWrite, withReason } from './track-edit';
import { useUiStore } from './ui-store';

export interface TargetEdit {
  targetId: number;
  field: TargetEditableField;
  value: string;
}

interface TargetState {
  targets: TargetRow[];
  progress: ProgressSettings | null;
  version: number;
  loaded: boolean;
  load(): Promise<void>;
  updateCells(edits: TargetEdit[], label?: string): Promise<TargetRow[] | null>;
  updateProgressSettings(input: { asOf?: string; yellowPoints?: number; redPoints?: number }): Promise<void>;
  /** links a target's actual to a budget share (null: typed again); resolves to the row as stored */
  setLink(targetId: number, link: TargetLink | null): Promise<TargetRow | null>;
}

export const useTargetStore = create<TargetState>((set, get) => ({
  targets: [],
  progress: null,
  version: 0,
  loaded: false,
  load: async () => {
    try {
      const { targets, progress } = await call('target-list', {});
      set({ targets, progress, loaded: true, version: get().version + 1 });
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  },
  updateCells: async (edits, label) => {
    const stored = await trackedWrite('target-update', withReason({ edits, ...(label ? { label } : {}) }));
    if (!stored) return null;
    const byId = new Map(stored.map((row) => [row.id, row]));
    set({ targets: get().targets.map((row) => byId.get(row.id) ?? row) });
    return stored;
  },
  setLink: async (targetId, link) => {
    const input =
      link === null
        ? { source: 'typed' as const }
        : link.scenarioId === null
          ? { source: link.source }
          : { source: link.source, scenarioId: link.scenarioId };
    const stored = await trackedWrite('target-link-set', withReason({ targetId, link: input }));
    // the grid takes whole reloads, and a link changes the row's look (source, editability) beyond its values
    if (stored) await get().load();
    return stored;
  },
  updateProgressSettings: async (input) => {
    const progress = await trackedWrite('progress-settings-update', input);
    if (progress) await get().load();
  },
}));

onWorkbookChanged(() => (useTargetStore.getState().loaded ? useTargetStore.getState().load() : undefined));
