import type { GridApi, IRowNode } from 'ag-grid-community';
import { type ColumnFilterModel, compileFilter, filterKindOf, type FilterKind, type ValueEntry, valueEntries } from './column-filter';

/**
 * What decides which data rows a SheetGrid shows: the quick search, the view's toggles (只看滞后/未填报) and the
 * column filters. Worked out once per filtering over every row, so group headers can be hidden when none of
 * their rows is left, and a filter popup can count the values the other filters leave.
 */
export interface RowFilters<T> {
  search: ((row: T) => boolean) | null;
  toggles: readonly ((row: T) => boolean)[];
  models: Record<string, ColumnFilterModel>;
}

export interface FilterPass {
  ids: Set<number>;
  groups: Set<string>;
}

const shownText = (api: GridApi, node: IRowNode, colId: string): string => {
  const value = api.getCellValue({ rowNode: node, colKey: colId, useFormatter: true }) as unknown;
  return value === null || value === undefined ? '' : String(value);
};

export function isFiltering<T>(filters: RowFilters<T>): boolean {
  return filters.search !== null || filters.toggles.length > 0 || Object.keys(filters.models).length > 0;
}

/** A test of one data row against every filter but the column `skipColId`'s. */
function rowTest<T>(api: GridApi, filters: RowFilters<T>, skipColId?: string): (node: IRowNode) => boolean {
  const columns = Object.entries(filters.models)
    .filter(([colId]) => colId !== skipColId)
    .flatMap(([colId, model]) => {
      const column = api.getColumn(colId);
      return column ? [{ colId, passes: compileFilter(filterKindOf(column.getColDef()), model) }] : [];
    });
  const { search, toggles } = filters;
  return (node) => {
    const row = node.data as T;
    if (search && !search(row)) return false;
    for (const toggle of toggles) if (!toggle(row)) return false;
    for (const { colId, passes } of columns) if (!passes(shownText(api, node, colId))) return false;
    return true;
  };
}

/** The ids of the data rows that pass, and the groups that keep at least one. */
export function filterPass<T extends { id: number }>(
  api: GridApi,
  filters: RowFilters<T>,
  isData: (node: IRowNode) => boolean,
  groupKey: ((row: T) => string) | null,
): FilterPass {
  const passes = rowTest(api, filters);
  const ids = new Set<number>();
  const groups = new Set<string>();
  api.forEachNode((node) => {
    if (!isData(node) || !passes(node)) return;
    const row = node.data as T;
    ids.add(row.id);
    if (groupKey) groups.add(groupKey(row));
  });
  return { ids, groups };
}

/** The values column `colId` shows over the rows every other filter leaves, with their counts (Excel's list). */
export function columnValues<T>(
  api: GridApi,
  filters: RowFilters<T>,
  isData: (node: IRowNode) => boolean,
  colId: string,
  kind: FilterKind,
): ValueEntry[] {
  const passes = rowTest(api, filters, colId);
  const cells: { text: string; value: unknown }[] = [];
  api.forEachNode((node) => {
    if (isData(node) && passes(node))
      cells.push({ text: shownText(api, node, colId), value: api.getCellValue({ rowNode: node, colKey: colId }) });
  });
  // a column that sorts its own way (进度状态: worst first) lists its values that way too
  const comparator = api.getColumn(colId)?.getColDef().comparator;
  const order =
    typeof comparator === 'function'
      ? (a: unknown, b: unknown) => comparator(a, b, undefined as never, undefined as never, false)
      : undefined;
  return valueEntries(kind, cells, order);
}
