import { type ReactNode, type Ref, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellClassParams,
  CellClickedEvent,
  CellEditRequestEvent,
  CellFocusedEvent,
  ColDef,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  IRowNode,
  IsFullWidthRowParams,
  NavigateToNextCellParams,
  PostSortRowsParams,
} from 'ag-grid-community';
import { styleNonce } from '../services/api';
import { ColumnFilter } from './ColumnFilter';
import type { ColumnFilterModel, FilterHost } from './column-filter';
import { fitColumnsToContent } from './fit-content';
import { restoreColumnState, saveColumnState } from './column-state';
import { columnValues, type FilterPass, filterPass, isFiltering, type RowFilters } from './filter-pass';
import { arrangeByGroup, type GroupRow, type GroupSpec, groupHeaders, isGroupRow, type SheetRow } from './grouping';
import { registerPendingEdits } from '../services/pending-edits';
import { changedElsewhereRecently } from '../stores/history-events';
import { changedCells } from './flash-changes';
import { type CellRange, isArrowKey, isInRange, stepFrom } from './range';
import { rangeCommands, type SheetEdit } from './range-commands';
import { gridLocale, gridTheme } from './setup';
import { type RowToggle, SheetToolbar } from './SheetToolbar';
import { nextEditableCell } from './tab-move';
import { areaRefusal, type WriteArea } from '../../shared/team-roles';
import { useWorkbookStore } from '../stores/workbook-store';

export type { RowToggle } from './SheetToolbar';

export type { SheetEdit } from './range-commands';

/** What a view may ask of its grid from outside it (a dialog's result, a button in a cell, the selection). */
export interface SheetGridHandle<T> {
  /** shows rows stored by an action outside the grid, in place */
  showStored(rows: readonly T[]): void;
  /** changes cells through the grid's own path (one action) */
  edit(edits: SheetEdit<T>[], label?: string): Promise<void>;
  /** the data rows the selected range covers (the focused row when there is no range) */
  selectedRows(): T[];
}

export interface SheetGridProps<T extends { id: number }> {
  /** remembers column state under this name */
  viewId: string;
  testId: string;
  rows: readonly T[];
  /** bumps when the rows were reloaded as a whole (not after the grid's own edits) */
  rowsVersion: number;
  columns: ColDef<T>[];
  /** stores the edits as one action; resolves to the rows as stored, or null when refused */
  onEdits(edits: SheetEdit<T>[], label: string | undefined): Promise<T[] | null>;
  group?: GroupSpec<T>;
  /** pinned bottom row */
  totals?(rows: readonly T[]): Record<string, unknown>;
  /** a pinned 合计 row the view keeps itself (a 100,000-line grid sums edit by edit); replaces `totals` */
  totalsRow?: Record<string, unknown>;
  /** the text the quick search looks in */
  searchText(row: T): string;
  /** names a row in messages as the user sees it ("任务6", "2050202 小学教育"); default: its position */
  rowLabel?(row: T): string;
  /** toolbar switches that show only some rows (只看滞后/未填报) */
  rowToggles?: readonly RowToggle<T>[];
  toolbar?: ReactNode;
  /** the keyboard hint at the right of the toolbar */
  hint?: string;
  handleRef?: Ref<SheetGridHandle<T>>;
  /** cells change by click and keys, never through an editor opened by a double click (the matrix) */
  suppressClickEdit?: boolean;
  onCellFocused?(row: T | null, colId: string | null): void;
  /** a click that changes data (the matrix toggles): resolves to the rows as stored */
  onCellClicked?(row: T, colId: string): Promise<T[] | null> | undefined;
  /** a key that changes data without an editor; return undefined to let the grid handle the key */
  onCellKey?(row: T, colId: string, event: KeyboardEvent): Promise<T[] | null> | undefined;
  /**
   * What this grid's edits write, in the terms of a team workbook's roles (team-roles.ts): a person whose role may
   * not write it sees every cell read-only. 'values' (plan and budget values) by default.
   */
  writeArea?: WriteArea;
  /** A finer rule than writeArea, cell by cell (指标 for 单位填报): why this person may not edit the cell, or null. */
  editRefusal?(row: T, colId: string): string | null;
}

const DEFAULT_HINT = 'Shift+单击/方向键选区 · Ctrl+C/V 复制粘贴 · Ctrl+D 向下填充 · Ctrl+Enter 填满选区 · Delete 清除';

interface SheetContext {
  collapsed: Set<string>;
  toggle(key: string): void;
  filterHost: FilterHost;
}

/** The full-width header of a group: label, subtotals, and a twisty that collapses it (click, ←/→). */
function GroupHeader(params: { data?: unknown; context: SheetContext }): React.JSX.Element | null {
  const header = params.data as GroupRow | undefined;
  if (!header) return null;
  const { collapsed, toggle } = params.context;
  const isCollapsed = collapsed.has(header.groupKey);
  return (
    <button
      type="button"
      className="group-row"
      aria-expanded={!isCollapsed}
      data-group={header.groupKey}
      onClick={() => toggle(header.groupKey)}
      onKeyDown={(e) => {
        if ((e.key === 'ArrowLeft' && !isCollapsed) || (e.key === 'ArrowRight' && isCollapsed)) toggle(header.groupKey);
      }}
    >
      <span className="twisty">{isCollapsed ? '▸' : '▾'}</span>
      <strong>{header.label}</strong>
      <span className="group-summary">{header.summary}</span>
    </button>
  );
}

const isData = (node: IRowNode): boolean => !!node.data && !isGroupRow(node.data) && !node.rowPinned;

/** More rows than this from one action go to the grid as one async transaction instead of row by row. */
const BURST_ROWS = 500;

const groupedKey = (viewId: string): string => `minsheng.grouped.${viewId}`;

/**
 * An AG Grid that edits like a spreadsheet: shift-click / shift-arrow ranges, Ctrl+C as TSV, Ctrl+V of a
 * block from Excel/WPS (one action, all or nothing), Ctrl+D fill down, Ctrl+Enter fills the range with what
 * was typed, Delete clears; Enter/Tab move as in Excel; Excel-style column filters; collapsible group rows with
 * subtotals (or one flat list); a pinned totals row, a quick search and remembered columns. The store stays the
 * truth: the grid asks, the store answers with the rows as stored, and only those rows are updated.
 */
export function SheetGrid<T extends { id: number }>(props: SheetGridProps<T>): React.JSX.Element {
  const { viewId, testId, rows, rowsVersion, columns, onEdits, group, totals, totalsRow, searchText } = props;
  const [api, setApi] = useState<GridApi<SheetRow<T>> | null>(null);
  const range = useRef<CellRange | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [search, setSearch] = useState('');
  const [grouped, setGrouped] = useState(() => localStorage.getItem(groupedKey(viewId)) !== 'off');
  const [activeToggles, setActiveToggles] = useState<ReadonlySet<string>>(() => new Set());
  const [shownCount, setShownCount] = useState<number | null>(null);
  const pass = useRef<FilterPass | null>(null);
  const activeGroup = group && grouped ? group : undefined;

  // the role the app process reported (never guessed here): what it may not write is not offered for editing; the
  // server refuses it anyway. Read through a ref, so the columns are not rebuilt when the view's rule is a new closure
  const role = useWorkbookStore((state) => state.role);
  const refusalNow = useRef<(row: T, colId: string) => string | null>(() => null);
  refusalNow.current = props.editRefusal ?? (() => areaRefusal(role, props.writeArea ?? 'values'));

  // every row by id, built when first needed (subtotals, totals): a 100,000-line grid without either never pays
  const byId = useRef<Map<number, T> | null>(null);
  const rowsNow = useRef(rows);
  rowsNow.current = rows;
  const rowsById = useCallback((): Map<number, T> => {
    byId.current ??= new Map(rowsNow.current.map((row) => [row.id, row]));
    return byId.current;
  }, []);

  // rowData changes only when the store reloads (or grouping is switched); edits arrive row by row
  const rowData = useMemo<SheetRow<T>[]>(() => {
    byId.current = null;
    range.current = null;
    return activeGroup ? [...groupHeaders(rows, activeGroup), ...rows] : [...rows];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rowsVersion, activeGroup]);

  // someone else's change, reread: the cells it changed flash once, so the user sees what moved
  const shownBefore = useRef<Map<number, T> | null>(null);
  useEffect(() => {
    const before = shownBefore.current;
    shownBefore.current = new Map(rows.map((row) => [row.id, row]));
    if (!api || api.isDestroyed() || !before || !changedElsewhereRecently()) return;
    const fields = columns.flatMap((column) => (column.field ? [String(column.field)] : []));
    for (const { id, fields: changed } of changedCells(before, rows, fields)) {
      const node = api.getRowNode(String(id));
      if (node) api.flashCells({ rowNodes: [node], columns: changed });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rowData]);

  // the role arrives with the first status answer, usually after the first rows: cells and tooltips follow it
  useEffect(() => {
    if (api && !api.isDestroyed()) api.refreshCells({ force: true });
  }, [api, role]);

  useEffect(() => {
    if (!api) return undefined;
    return registerPendingEdits(() => {
      if (!api.isDestroyed() && api.getEditingCells().length > 0) api.stopEditing(false);
    });
  }, [api]);

  const matchesSearch = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return null;
    return (row: T) => searchText(row).toLowerCase().includes(needle);
  }, [search, searchText]);

  const toggleTests = useMemo(
    () => (props.rowToggles ?? []).filter((toggle) => activeToggles.has(toggle.id)).map((toggle) => toggle.test),
    [props.rowToggles, activeToggles],
  );

  const toggleGroup = useCallback((key: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  /** The filters as they are now; `models` from the grid, which keeps the column filters' state. */
  const latestFilters = useRef<() => RowFilters<T>>(() => ({ search: null, toggles: [], models: {} }));
  latestFilters.current = () => ({
    search: matchesSearch,
    toggles: toggleTests,
    models: (api?.getFilterModel() ?? {}) as Record<string, ColumnFilterModel>,
  });
  const filterHost = useMemo<FilterHost>(
    () => ({ entries: (colId, kind) => (api ? columnValues(api as GridApi, latestFilters.current(), isData, colId, kind) : []) }),
    [api],
  );

  const context = useMemo<SheetContext>(() => ({ collapsed, toggle: toggleGroup, filterHost }), [collapsed, toggleGroup, filterHost]);
  useEffect(() => {
    if (!api) return;
    api.setGridOption('context', context);
    api.onFilterChanged();
    const headers: IRowNode<SheetRow<T>>[] = [];
    api.forEachNode((node) => {
      if (isGroupRow(node.data)) headers.push(node);
    });
    api.redrawRows({ rowNodes: headers });
  }, [api, context, matchesSearch, toggleTests, rowsVersion]);

  /**
   * Re-applies the in-range class to the rows the old or the new range covers. Not forced: a forced refresh
   * re-renders every cell's value, which costs a frame per keystroke and makes the browser focus trail the grid's.
   */
  const refreshRange = useCallback(
    (before: CellRange | null) => {
      if (!api) return;
      const spans = [before, range.current].filter((r): r is CellRange => r !== null);
      const rowNodes: IRowNode<SheetRow<T>>[] = [];
      for (const span of spans) {
        const top = Math.min(span.anchor.rowIndex, span.focus.rowIndex);
        const bottom = Math.max(span.anchor.rowIndex, span.focus.rowIndex);
        for (let i = top; i <= bottom; i++) {
          const node = api.getDisplayedRowAtIndex(i);
          if (node) rowNodes.push(node);
        }
      }
      if (rowNodes.length > 0) api.refreshCells({ rowNodes, suppressFlash: true });
    },
    [api],
  );

  /**
   * Shows stored rows where they are: a row keeps its place under a sort or a filter until the next reload, as
   * in Excel, and one edit costs one row, not a pass over 100,000. Group subtotals and the totals row follow.
   */
  const applyStored = useCallback(
    (stored: readonly T[]) => {
      if (!api || stored.length === 0) return;
      const live = byId.current;
      if (live) for (const row of stored) live.set(row.id, row);
      const update: SheetRow<T>[] = [...stored];
      if (activeGroup) {
        // the subtotals of the groups the stored rows are in, summed over those groups' members only
        const keys = new Set(stored.map((row) => activeGroup.keyOf(row)));
        const members: T[] = [];
        for (const row of rowsById().values()) if (keys.has(activeGroup.keyOf(row))) members.push(row);
        update.push(...groupHeaders(members, activeGroup));
      }
      if (update.length > BURST_ROWS) api.applyTransactionAsync({ update });
      else for (const row of update) api.getRowNode(isGroupRow(row) ? `group:${row.groupKey}` : String(row.id))?.setData(row);
      if (totals && !totalsRow) api.setGridOption('pinnedBottomRowData', [totals([...rowsById().values()]) as SheetRow<T>]);
    },
    [api, activeGroup, totals, totalsRow, rowsById],
  );

  const submit = useCallback(
    async (edits: SheetEdit<T>[], label?: string) => {
      if (edits.length === 0) return;
      const stored = await onEdits(edits, label);
      if (stored) applyStored(stored);
    },
    [onEdits, applyStored],
  );

  const { rangeRows, copy, paste, fillRange, fillDown, clear } = rangeCommands<T>({
    api: api as GridApi | null,
    range,
    submit,
    isData,
    ...(props.rowLabel ? { rowLabel: props.rowLabel } : {}),
  });

  /** Tab / Shift+Tab: the next editable cell to the right / left, on to the next row, as in Excel over a form. */
  const moveByTab = (backwards: boolean): void => {
    const focused = api?.getFocusedCell();
    if (!api || !focused || focused.rowPinned) return;
    const next = nextEditableCell(api as GridApi, { rowIndex: focused.rowIndex, colId: focused.column.getColId() }, backwards, isData);
    if (!next) return;
    api.ensureIndexVisible(next.rowIndex);
    api.ensureColumnVisible(next.column);
    api.setFocusedCell(next.rowIndex, next.column);
  };

  const onKeyDownCapture = (event: React.KeyboardEvent): void => {
    if (!api || !(event.target as HTMLElement).closest('.ag-cell')) return;
    followFocus();
    const ctrl = event.ctrlKey || event.metaKey;
    const editing = api.getEditingCells().length > 0;
    if (event.key === 'Tab' && !ctrl && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      if (editing) api.stopEditing(false);
      moveByTab(event.shiftKey);
      return;
    }
    if (editing) {
      if (ctrl && event.key === 'Enter') {
        // Ctrl+Enter: what was typed goes into every cell of the range, as one action (Excel's fill)
        event.preventDefault();
        event.stopPropagation();
        const typed = api.getCellEditorInstances()[0]?.getValue() as unknown;
        api.stopEditing(true);
        fillRange(typed === null || typed === undefined ? '' : String(typed), (count) => `填充${count}个单元格`);
      }
      return;
    }
    const focused = api.getFocusedCell();
    const node = focused && !focused.rowPinned ? api.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    if (event.key === 'Process' || event.nativeEvent.keyCode === 229) {
      // an input method (拼音, 五笔) starts composing: open the editor now, so the composed text lands in it — the
      // grid only starts an edit on a printable key, and the characters of an IME never arrive as one
      if (focused && node && isData(node) && focused.column.isCellEditable(node))
        api.startEditingCell({ rowIndex: focused.rowIndex, colKey: focused.column });
      return;
    }
    if (
      focused &&
      node &&
      isData(node) &&
      !event.shiftKey &&
      !ctrl &&
      refusalNow.current(node.data as T, focused.column.getColId()) === null
    ) {
      const pending = props.onCellKey?.(node.data as T, focused.column.getColId(), event.nativeEvent);
      if (pending) {
        event.preventDefault();
        event.stopPropagation();
        void pending.then((stored) => stored && applyStored(stored));
        return;
      }
    }
    if (ctrl && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      event.stopPropagation();
      fillDown();
    } else if (!ctrl && (event.key === 'Delete' || event.key === 'Backspace')) {
      event.preventDefault();
      event.stopPropagation();
      clear();
    }
  };

  useImperativeHandle(
    props.handleRef,
    () => ({
      showStored: applyStored,
      edit: submit,
      selectedRows: () => {
        followFocus();
        return (rangeRows()?.nodes ?? []).map((node) => node.data as T);
      },
    }),
    // rangeRows reads the range and the grid when called
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [applyStored, submit, api],
  );

  /**
   * Arrow keys move from where the user is, not from the element the key event happened to reach: a key pressed
   * while the browser focus is still catching up with the grid (a re-rendered row, a fast typist, a macro tool)
   * lands on the previous cell, and the grid would step from there again. Shift+arrows move the range's moving end
   * (as in Excel), plain arrows the grid's focused cell.
   */
  const navigateToNextCell = useCallback(
    (params: NavigateToNextCellParams<SheetRow<T>>) => {
      if (!api || !isArrowKey(params.key)) return params.nextCellPosition;
      const shift = !!params.event?.shiftKey && range.current !== null;
      const focused = api.getFocusedCell();
      const from =
        shift && range.current
          ? range.current.focus
          : focused && !focused.rowPinned
            ? { rowIndex: focused.rowIndex, colId: focused.column.getColId() }
            : null;
      const previous = params.previousCellPosition;
      const lagging = from && !previous.rowPinned && (from.rowIndex !== previous.rowIndex || from.colId !== previous.column.getColId());
      let next = params.nextCellPosition;
      if (from && lagging) {
        const step = stepFrom(
          from,
          params.key,
          api.getDisplayedRowCount(),
          api.getAllDisplayedColumns().map((c) => c.getColId()),
        );
        const column = step ? api.getColumn(step.colId) : null;
        next =
          step && column
            ? { rowIndex: step.rowIndex, column, rowPinned: null }
            : { rowIndex: from.rowIndex, column: api.getColumn(from.colId) ?? previous.column, rowPinned: null };
      }
      if (next && !next.rowPinned) {
        const cell = { rowIndex: next.rowIndex, colId: next.column.getColId() };
        const before = range.current;
        range.current = shift && range.current ? { anchor: range.current.anchor, focus: cell } : { anchor: cell, focus: cell };
        refreshRange(before);
      }
      return next;
    },
    [api, refreshRange],
  );

  /**
   * A click sets the range before anything else can read it. AG Grid focuses the clicked cell inside its own
   * mouse-down listener, but hands cellMouseDown to callbacks from a timer queue, and Chromium runs input ahead of
   * timers: under load a key or a paste right after the click would reach the old range. This React listener runs
   * after the grid's (React listens at the root), synchronously with the click.
   */
  const onHostMouseDown = (event: React.MouseEvent): void => {
    if (!api || event.button !== 0 || !(event.target as HTMLElement).closest('.ag-cell')) return;
    const focused = api.getFocusedCell();
    if (!focused || focused.rowPinned) return;
    const cell = { rowIndex: focused.rowIndex, colId: focused.column.getColId() };
    const before = range.current;
    range.current = event.shiftKey && range.current ? { anchor: range.current.anchor, focus: cell } : { anchor: cell, focus: cell };
    refreshRange(before);
  };

  /**
   * The range's moving end is always the grid's focused cell; when the grid moved its focus itself (Enter, a
   * reload, an editor closing) the range collapses onto it. Called before any key, paste or copy reads the range,
   * so no command depends on when AG Grid's queued focus event is delivered.
   */
  const followFocus = useCallback((): void => {
    const focused = api?.getFocusedCell();
    if (!focused || focused.rowPinned) return;
    const colId = focused.column.getColId();
    if (range.current?.focus.rowIndex === focused.rowIndex && range.current.focus.colId === colId) return;
    const before = range.current;
    const cell = { rowIndex: focused.rowIndex, colId };
    range.current = { anchor: cell, focus: cell };
    refreshRange(before);
  }, [api, refreshRange]);

  /** AG Grid's cellFocused arrives from a timer queue, possibly stale: it only prompts a look at the focus now. */
  const onCellFocused = (event: CellFocusedEvent<SheetRow<T>>): void => {
    followFocus();
    const focused = event.api.getFocusedCell();
    const node = focused && !focused.rowPinned ? event.api.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    props.onCellFocused?.(node && isData(node) ? (node.data as T) : null, focused ? focused.column.getColId() : null);
  };

  // the pinned totals row and group headers are never editable, whatever the column says
  const sheetColumns = useMemo(
    () =>
      columns.map((column): ColDef<SheetRow<T>> => {
        const { editable, valueGetter, tooltipValueGetter } = column;
        const key = column.colId ?? column.field ?? '';
        const refusal = (params: { node?: IRowNode<SheetRow<T>> | null | undefined; data?: SheetRow<T> | undefined }): string | null =>
          params.node?.rowPinned || !params.data || isGroupRow(params.data) ? null : refusalNow.current(params.data as T, key);
        return {
          ...(column as ColDef<SheetRow<T>>),
          ...(editable
            ? {
                editable: (params) =>
                  !params.node.rowPinned &&
                  !isGroupRow(params.data) &&
                  refusal(params) === null &&
                  (typeof editable === 'function' ? editable(params as never) : editable),
                // a cell the role may not change says why, where the user looks, and loses the entry tint
                tooltipValueGetter: (params) => refusal(params) ?? (tooltipValueGetter ? tooltipValueGetter(params as never) : undefined),
                cellClassRules: {
                  ...(column.cellClassRules as object),
                  'role-locked': (params: CellClassParams<SheetRow<T>>) => refusal(params) !== null,
                },
              }
            : {}),
          // the totals row carries its values under the column ids, not in the row shape the getters expect
          ...(typeof valueGetter === 'function'
            ? {
                valueGetter: (params) =>
                  params.node?.rowPinned
                    ? ((params.data as Record<string, unknown> | undefined)?.[key] ?? '')
                    : valueGetter(params as never),
              }
            : {}),
        };
      }),
    [columns],
  );

  const defaultColDef = useMemo<ColDef<SheetRow<T>>>(
    () => ({
      resizable: true,
      sortable: true,
      filter: ColumnFilter,
      suppressKeyboardEvent: (params) => {
        // keep Delete/Backspace from opening an editor: they clear the range instead
        const key = params.event.key;
        return !params.editing && (key === 'Delete' || key === 'Backspace');
      },
      cellClassRules: {
        'in-range': (params: CellClassParams<SheetRow<T>>) =>
          range.current !== null &&
          !params.node.rowPinned &&
          isInRange(params.api as GridApi, range.current, params.node.rowIndex, params.column.getColId()),
      },
    }),
    [],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<SheetRow<T>>) => {
      if (!event.data || isGroupRow(event.data) || event.rowPinned) return;
      const value = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue);
      void submit([{ row: event.data as T, colId: event.column.getColId(), value }], undefined);
    },
    [submit],
  );

  const onGridReady = (event: GridReadyEvent<SheetRow<T>>): void => {
    restoreColumnState(event.api as GridApi, viewId);
    setApi(event.api);
  };
  const remember = (): void => {
    if (api) saveColumnState(api as GridApi, viewId);
  };

  // AG Grid treats a new callback as a changed option (and may stop an edit or re-filter), so every callback
  // it gets is created once and reads this render's values through `latest`
  const current = {
    api,
    collapsed,
    activeGroup,
    props,
    applyStored,
    onCellFocused,
    onCellEditRequest,
    navigateToNextCell,
    onGridReady,
    remember,
  };
  const latest = useRef(current);
  latest.current = current;
  const gridHandlers = useMemo(
    () => ({
      getRowId: (p: GetRowIdParams<SheetRow<T>>) => (isGroupRow(p.data) ? `group:${p.data.groupKey}` : String((p.data as T).id)),
      isFullWidthRow: (p: IsFullWidthRowParams<SheetRow<T>>) => isGroupRow(p.rowNode.data),
      postSortRows: (p: PostSortRowsParams<SheetRow<T>>) => {
        const spec = latest.current.activeGroup;
        if (!spec) return;
        const arranged = arrangeByGroup(p.nodes, (node) => node.data, spec);
        p.nodes.splice(0, p.nodes.length, ...arranged);
      },
      // AG Grid asks this once before each filtering: the moment to work out which rows and groups pass
      isExternalFilterPresent: () => {
        const { api: gridApi, collapsed: closed, activeGroup: spec } = latest.current;
        const filters = latestFilters.current();
        pass.current = gridApi && isFiltering(filters) ? filterPass(gridApi as GridApi, filters, isData, spec ? spec.keyOf : null) : null;
        return pass.current !== null || (spec !== undefined && closed.size > 0);
      },
      doesExternalFilterPass: (node: IRowNode<SheetRow<T>>) => {
        const { collapsed: closed, activeGroup: spec } = latest.current;
        const row = node.data;
        const passing = pass.current;
        if (!row) return true;
        if (isGroupRow(row)) return !passing || passing.groups.has(row.groupKey);
        if (spec && closed.has(spec.keyOf(row))) return false;
        return !passing || passing.ids.has(row.id);
      },
      onFilterChanged: () => setShownCount(pass.current ? pass.current.ids.size : null),
      onCellEditRequest: (e: CellEditRequestEvent<SheetRow<T>>) => latest.current.onCellEditRequest(e),
      navigateToNextCell: (p: NavigateToNextCellParams<SheetRow<T>>) => latest.current.navigateToNextCell(p),
      onCellFocused: (e: CellFocusedEvent<SheetRow<T>>) => latest.current.onCellFocused(e),
      onCellClicked: (e: CellClickedEvent<SheetRow<T>>) => {
        if (!e.data || isGroupRow(e.data) || e.rowPinned || (e.event as MouseEvent | null)?.shiftKey) return;
        if (refusalNow.current(e.data as T, e.column.getColId()) !== null) return;
        void latest.current.props
          .onCellClicked?.(e.data as T, e.column.getColId())
          ?.then((stored) => stored && latest.current.applyStored(stored));
      },
      onGridReady: (e: GridReadyEvent<SheetRow<T>>) => latest.current.onGridReady(e),
      onFirstDataRendered: (e: { api: GridApi<SheetRow<T>> }) => fitColumnsToContent(e.api as GridApi),
      onColumnResized: (e: { finished: boolean }) => {
        if (e.finished) latest.current.remember();
      },
      onColumnMoved: (e: { finished: boolean }) => {
        if (e.finished) latest.current.remember();
      },
      onSortChanged: () => latest.current.remember(),
      onColumnVisible: () => latest.current.remember(),
    }),
    [],
  );
  const computedTotals = useMemo(
    () => (totals && !totalsRow ? [totals(rows) as SheetRow<T>] : undefined),
    // refreshed by applyStored after edits; here only on reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rowsVersion],
  );
  const pinnedBottomRowData = useMemo(() => (totalsRow ? [totalsRow as SheetRow<T>] : computedTotals), [totalsRow, computedTotals]);

  // the groups' keys for 全部折叠, worked out on a reload, not at every render (an edit re-renders the grid)
  const groupKeys = useMemo(
    () => (activeGroup ? [...new Set(rows.map((row) => activeGroup.keyOf(row)))] : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rowsVersion, activeGroup],
  );
  const allCollapsed = groupKeys.length > 0 && groupKeys.every((key) => collapsed.has(key));
  const switchGrouping = (on: boolean): void => {
    localStorage.setItem(groupedKey(viewId), on ? 'on' : 'off');
    setGrouped(on);
  };
  const clearFilters = (): void => {
    setSearch('');
    setActiveToggles(new Set());
    api?.setFilterModel(null);
  };

  return (
    <div className="sheet" data-testid={testId}>
      <SheetToolbar
        search={search}
        onSearch={setSearch}
        {...(group ? { groupName: group.name ?? '类别' } : {})}
        grouped={grouped}
        onGrouped={switchGrouping}
        allCollapsed={allCollapsed}
        onCollapseAll={() => setCollapsed(allCollapsed ? new Set() : new Set(groupKeys))}
        toggles={props.rowToggles ?? []}
        activeToggles={activeToggles}
        onToggle={(id) =>
          setActiveToggles((active) => {
            const next = new Set(active);
            if (!next.delete(id)) next.add(id);
            return next;
          })
        }
        shownCount={shownCount}
        onClearFilters={clearFilters}
        hint={props.hint ?? DEFAULT_HINT}
      >
        {props.toolbar}
      </SheetToolbar>
      <div
        className="grid-host"
        onMouseDown={onHostMouseDown}
        onCopy={(event) => {
          followFocus();
          copy(event);
        }}
        onPaste={(event) => {
          followFocus();
          paste(event);
        }}
        onKeyDownCapture={onKeyDownCapture}
      >
        <AgGridReact<SheetRow<T>>
          theme={gridTheme}
          localeText={gridLocale}
          styleNonce={styleNonce()}
          rowData={rowData}
          columnDefs={sheetColumns}
          defaultColDef={defaultColDef}
          {...gridHandlers}
          fullWidthCellRenderer={GroupHeader}
          context={context}
          pinnedBottomRowData={pinnedBottomRowData}
          readOnlyEdit
          suppressClickEdit={props.suppressClickEdit ?? false}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={400}
          animateRows={false}
        />
      </div>
    </div>
  );
}
