import type { ColumnState, GridApi } from 'ag-grid-community';

/** Column widths, order, visibility and sort remembered per view on this machine. */
const key = (viewId: string): string => `minsheng.columns.${viewId}`;

/** A column id saved by an earlier version: the 责任单位 columns were `leadUnits`, `coUnits` and the matrix's `unit:12`. */
function currentColumnId(colId: string): string {
  if (colId === 'leadUnits') return 'leadOrgs';
  if (colId === 'coUnits') return 'coOrgs';
  return colId.startsWith('unit:') ? `org:${colId.slice('unit:'.length)}` : colId;
}

export function restoreColumnState(api: GridApi, viewId: string): void {
  try {
    const saved = localStorage.getItem(key(viewId));
    if (saved) {
      const state = (JSON.parse(saved) as ColumnState[]).map((column) => ({ ...column, colId: currentColumnId(column.colId) }));
      api.applyColumnState({ state, applyOrder: true });
    }
  } catch {
    localStorage.removeItem(key(viewId));
  }
}

export function saveColumnState(api: GridApi, viewId: string): void {
  localStorage.setItem(key(viewId), JSON.stringify(api.getColumnState()));
}
