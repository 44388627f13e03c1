import type { Column, GridApi, IRowNode } from 'ag-grid-community';

/** A rectangular selection of cells: the anchor where it started, the focus where it ends (display indices). */
export interface CellRange {
  anchor: { rowIndex: number; colId: string };
  focus: { rowIndex: number; colId: string };
}

export interface RangeBounds {
  top: number;
  bottom: number;
  columns: Column[];
}

export function rangeBounds(api: GridApi, range: CellRange): RangeBounds {
  const displayed = api.getAllDisplayedColumns();
  const a = displayed.findIndex((c) => c.getColId() === range.anchor.colId);
  const f = displayed.findIndex((c) => c.getColId() === range.focus.colId);
  const left = Math.max(0, Math.min(a, f));
  const right = Math.max(a, f);
  return {
    top: Math.min(range.anchor.rowIndex, range.focus.rowIndex),
    bottom: Math.max(range.anchor.rowIndex, range.focus.rowIndex),
    columns: right < 0 ? [] : displayed.slice(left, right + 1),
  };
}

export function isInRange(api: GridApi, range: CellRange | null, rowIndex: number | null, colId: string): boolean {
  if (!range || rowIndex === null) return false;
  const bounds = rangeBounds(api, range);
  return rowIndex >= bounds.top && rowIndex <= bounds.bottom && bounds.columns.some((c) => c.getColId() === colId);
}

/** Data rows shown from display index `from` on, skipping group headers; `count` of them, or fewer at the end. */
export function dataRowsFrom<T>(api: GridApi, from: number, count: number, isData: (node: IRowNode) => boolean): IRowNode<T>[] {
  const rows: IRowNode<T>[] = [];
  const total = api.getDisplayedRowCount();
  for (let i = from; i < total && rows.length < count; i++) {
    const node = api.getDisplayedRowAtIndex(i);
    if (node && isData(node)) rows.push(node as IRowNode<T>);
  }
  return rows;
}

/** The text a cell is copied as: what it shows, unless the column copies its value (a ✓ that pastes back as 是). */
export function cellText(api: GridApi, node: IRowNode, column: Column): string {
  const useFormatter = column.getColDef().useValueFormatterForExport !== false;
  const value = api.getCellValue({ rowNode: node, colKey: column, useFormatter });
  return value === null || value === undefined ? '' : String(value);
}

export type ArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export const isArrowKey = (key: string): key is ArrowKey =>
  key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight';

/**
 * The cell one arrow step from `from`, kept inside the body's `rowCount` rows and the displayed `colIds`; null when
 * the step would leave the body (the grid's own navigation then decides, e.g. into the header or the totals row).
 */
export function stepFrom(
  from: { rowIndex: number; colId: string },
  key: ArrowKey,
  rowCount: number,
  colIds: readonly string[],
): { rowIndex: number; colId: string } | null {
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const rowIndex = from.rowIndex + (key === 'ArrowDown' ? 1 : -1);
    return rowIndex < 0 || rowIndex >= rowCount ? null : { rowIndex, colId: from.colId };
  }
  const column = colIds.indexOf(from.colId) + (key === 'ArrowRight' ? 1 : -1);
  const colId = colIds[column];
  return column < 0 || colId === undefined ? null : { rowIndex: from.rowIndex, colId };
}
