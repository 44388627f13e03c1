import type { ColumnState, GridApi } from 'ag-grid-community';

/** Column widths, order, visibility and sort remembered per view on this machine. */
const key = (viewId: string): string => `minsheng.columns.${viewId}`;

export function restoreColumnState(api: GridApi, viewId: string): void {
  try {
    const saved = localStorage.getItem(key(viewId));
    if (saved) api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
  } catch {
    localStorage.removeItem(key(viewId));
  }
}

export function saveColumnState(api: GridApi, viewId: string): void {
  localStorage.setItem(key(viewId), JSON.stringify(api.getColumnState()));
}
