import type { GridApi } from 'ag-grid-community';

/**
 * Grids register here so that an open cell editor is committed before anything that reads or replaces the
 * workbook (save, export, import, undo, switching view, closing the window).
 */
const grids = new Set<GridApi>();

export function registerGrid(api: GridApi): () => void {
  grids.add(api);
  return () => grids.delete(api);
}

export function commitPendingEdits(): void {
  for (const api of grids) {
    if (!api.isDestroyed() && api.getEditingCells().length > 0) api.stopEditing(false);
  }
}
