import { create } from 'zustand';
import type { UnitEditableField, UnitRow } from '../../shared/grid';
import { call } from '../services/api';
import { onWorkbookChanged } from './history-events';
import { trackedWrite, withReason } from './track-edit';
import { useUiStore } from './ui-store';

export interface UnitEdit {
  unitId: number;
  field: UnitEditableField;
  value: string;
}

interface UnitState {
  units: UnitRow[];
  version: number;
  loaded: boolean;
  load(): Promise<void>;
  updateCells(edits: UnitEdit[], label?: string): Promise<UnitRow[] | null>;
  add(name: string): Promise<UnitRow | null>;
  merge(fromUnitId: number, intoUnitId: number): Promise<boolean>;
}

export const useUnitStore = create<UnitState>((set, get) => ({
  units: [],
  version: 0,
  loaded: false,
  load: async () => {
    try {
      set({ units: await call('unit-list', {}), loaded: true, version: get().version + 1 });
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  },
  updateCells: async (edits, label) => {
    const stored = await trackedWrite('unit-update', withReason({ edits, ...(label ? { label } : {}) }));
    if (!stored) return null;
    const byId = new Map(stored.map((row) => [row.id, row]));
    set({ units: get().units.map((row) => byId.get(row.id) ?? row) });
    return stored;
  },
  add: async (name) => {
    const added = await trackedWrite('unit-add', { name });
    if (added) await get().load();
    return added;
  },
  merge: async (fromUnitId, intoUnitId) => {
    const units = await trackedWrite('unit-merge', withReason({ fromUnitId, intoUnitId }));
    if (!units) return false;
    set({ units, version: get().version + 1 });
    return true;
  },
}));

onWorkbookChanged(() => (useUnitStore.getState().loaded ? useUnitStore.getState().load() : undefined));
