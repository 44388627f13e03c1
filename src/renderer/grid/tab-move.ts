import type { Column, GridApi, IRowNode } from 'ag-grid-community';

/** Rows scanned for an editable cell before Tab gives up (a long run of read-only rows). */
const MAX_ROWS_SCANNED = 200;

/**
 * Where Tab (Shift+Tab) goes from `from`, as in Excel/WPS over a form: the next editable cell to the right
 * (left) in the row, else the first (last) editable cell of the next (previous) data row. Null at the end.
 */
export function nextEditableCell(
  api: GridApi,
  from: { rowIndex: number; colId: string },
  backwards: boolean,
  isData: (node: IRowNode) => boolean,
): { rowIndex: number; column: Column } | null {
  const columns = api.getAllDisplayedColumns();
  const ordered = backwards ? [...columns].reverse() : columns;
  const step = backwards ? -1 : 1;
  const total = api.getDisplayedRowCount();
  let start = ordered.findIndex((column) => column.getColId() === from.colId) + 1;
  for (
    let scanned = 0, rowIndex = from.rowIndex;
    scanned < MAX_ROWS_SCANNED && rowIndex >= 0 && rowIndex < total;
    scanned++, rowIndex += step
  ) {
    const node = api.getDisplayedRowAtIndex(rowIndex);
    if (node && isData(node)) {
      const column = ordered.slice(start).find((candidate) => candidate.isCellEditable(node));
      if (column) return { rowIndex, column };
    }
    start = 0;
  }
  return null;
}
