import { create } from 'zustand';
import type { OrgEditableField, OrgRow } from '../../shared/grid';
import { call } from '../services/api';
import { onWorkbookChanged } from './history-events';
import { trackedWrite, withReason } from './track-edit';
import { useUiStore } from './ui-store';

export interface OrgEdit {
  orgId: number;
  field: OrgEditableField;
  value: string;
}

interface OrgState {
  orgs: OrgRow[];
  version: number;
  loaded: boolean;
  load(): Promise<void>;
  updateCells(edits: OrgEdit[], label?: string): Promise<OrgRow[] | null>;
  add(name: string): Promise<OrgRow | null>;
  merge(fromOrgId: number, intoOrgId: number): Promise<boolean>;
}

export const useOrgStore = create<OrgState>((set, get) => ({
  orgs: [],
  version: 0,
  loaded: false,
  load: async () => {
    try {
      set({ orgs: await call('org-list', {}), loaded: true, version: get().version + 1 });
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  },
  updateCells: async (edits, label) => {
    const stored = await trackedWrite('org-update', withReason({ edits, ...(label ? { label } : {}) }));
    if (!stored) return null;
    const byId = new Map(stored.map((row) => [row.id, row]));
    set({ orgs: get().orgs.map((row) => byId.get(row.id) ?? row) });
    return stored;
  },
  add: async (name) => {
    const added = await trackedWrite('org-add', { name });
    if (added) await get().load();
    return added;
  },
  merge: async (fromOrgId, intoOrgId) => {
    const orgs = await trackedWrite('org-merge', withReason({ fromOrgId, intoOrgId }));
    if (!orgs) return false;
    set({ orgs, version: get().version + 1 });
    return true;
  },
}));

onWorkbookChanged(() => (useOrgStore.getState().loaded ? useOrgStore.getState().load() : undefined));
