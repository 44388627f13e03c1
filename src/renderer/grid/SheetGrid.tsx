import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellClassParams,
  CellClickedEvent,
  CellEditRequestEvent,
  CellFocusedEvent,
  CellMouseDownEvent,
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
import { useUiStore } from '../stores/ui-store';
import { restoreColumnState, saveColumnState } from './column-state';
import { arrangeByGroup, type GroupRow, type GroupSpec, groupHeaders, isGroupRow, type SheetRow } from './grouping';
import { registerGrid } from './pending-edits';
import { type CellRange, cellText, dataRowsFrom, isArrowKey, isInRange, rangeBounds, stepFrom } from './range';
import { gridLocale, gridTheme } from './setup';
import { parseTsv, toTsv } from './tsv';

export interface SheetEdit<T> {
  row: T;
  colId: string;
  value: string;
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
  /** the text the quick search looks in */
  searchText(row: T): string;
  toolbar?: ReactNode;
  /** cells change by click and keys, never through an editor opened by a double click (the matrix) */
  suppressClickEdit?: boolean;
  onCellFocused?(row: T | null, colId: string | null): void;
  /** a click that changes data (the matrix toggles): resolves to the rows as stored */
  onCellClicked?(row: T, colId: string): Promise<T[] | null> | undefined;
  /** a key that changes data without an editor; return undefined to let the grid handle the key */
  onCellKey?(row: T, colId: string, event: KeyboardEvent): Promise<T[] | null> | undefined;
}

interface GroupContext {
  collapsed: Set<string>;
  toggle(key: string): void;
}

/** The full-width header of a group: label, subtotals, and a twisty that collapses it (click, ←/→). */
function GroupHeader(params: { data?: unknown; context: GroupContext }): React.JSX.Element | null {
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

/**
 * An AG Grid that edits like a spreadsheet: shift-click / shift-arrow ranges, Ctrl+C as TSV, Ctrl+V of a
 * block from Excel/WPS (one action, all or nothing), Ctrl+D fill down, Delete clears; collapsible group rows
 * with subtotals, a pinned totals row, a quick search and remembered columns. The store stays the truth:
 * the grid asks, the store answers with the rows as stored, and only those rows are updated.
 */
export function SheetGrid<T extends { id: number }>(props: SheetGridProps<T>): React.JSX.Element {
  const { viewId, testId, rows, rowsVersion, columns, onEdits, group, totals, searchText } = props;
  const [api, setApi] = useState<GridApi<SheetRow<T>> | null>(null);
  const range = useRef<CellRange | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [search, setSearch] = useState('');
  const liveRows = useRef(new Map<number, T>());

  // rowData changes only when the store reloads; edits arrive as transactions on single rows
  const rowData = useMemo<SheetRow<T>[]>(() => {
    liveRows.current = new Map(rows.map((row) => [row.id, row]));
    return group ? [...groupHeaders(rows, group), ...rows] : [...rows];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rowsVersion]);

  useEffect(() => (api ? registerGrid(api as GridApi) : undefined), [api]);

  const matchesSearch = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return null;
    return (row: T) => searchText(row).toLowerCase().includes(needle);
  }, [search, searchText]);

  const groupsWithMatches = useMemo(() => {
    if (!group || !matchesSearch) return null;
    return new Set([...liveRows.current.values()].filter(matchesSearch).map((row) => group.keyOf(row)));
  }, [group, matchesSearch]);

  const toggleGroup = useCallback((key: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const context = useMemo<GroupContext>(() => ({ collapsed, toggle: toggleGroup }), [collapsed, toggleGroup]);
  useEffect(() => {
    if (!api) return;
    api.setGridOption('context', context);
    api.onFilterChanged();
    const headers: IRowNode<SheetRow<T>>[] = [];
    api.forEachNode((node) => {
      if (isGroupRow(node.data)) headers.push(node);
    });
    api.redrawRows({ rowNodes: headers });
  }, [api, context, matchesSearch]);

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

  /** Applies stored rows to the grid and refreshes the subtotals of their groups. */
  const applyStored = useCallback(
    (stored: T[]) => {
      if (!api) return;
      for (const row of stored) liveRows.current.set(row.id, row);
      const update: SheetRow<T>[] = [...stored];
      if (group) {
        const keys = new Set(stored.map((row) => group.keyOf(row)));
        update.push(...groupHeaders([...liveRows.current.values()], group).filter((header) => keys.has(header.groupKey)));
      }
      if (update.length > 50) api.applyTransactionAsync({ update });
      else api.applyTransaction({ update });
      if (totals) api.setGridOption('pinnedBottomRowData', [totals([...liveRows.current.values()]) as SheetRow<T>]);
    },
    [api, group, totals],
  );

  const submit = useCallback(
    async (edits: SheetEdit<T>[], label?: string) => {
      if (edits.length === 0) return;
      const stored = await onEdits(edits, label);
      if (stored) applyStored(stored);
    },
    [onEdits, applyStored],
  );

  const refuse = (text: string, details: string[] = []): void => {
    useUiStore.setState({ message: { tone: 'error', text, details } });
  };

  const currentRange = (): CellRange | null => {
    if (range.current) return range.current;
    const focused = api?.getFocusedCell();
    if (!focused || focused.rowPinned) return null;
    const cell = { rowIndex: focused.rowIndex, colId: focused.column.getColId() };
    return { anchor: cell, focus: cell };
  };

  const copy = (event: React.ClipboardEvent): void => {
    const selection = currentRange();
    if (!api || !selection || api.getEditingCells().length > 0) return;
    const bounds = rangeBounds(api as GridApi, selection);
    const lines: string[][] = [];
    for (let i = bounds.top; i <= bounds.bottom; i++) {
      const node = api.getDisplayedRowAtIndex(i);
      if (node && isData(node)) lines.push(bounds.columns.map((column) => cellText(api as GridApi, node, column)));
    }
    event.clipboardData.setData('text/plain', toTsv(lines));
    event.preventDefault();
  };

  /** Edits for `values` (rows × columns) laid from the range's top-left; refused whole if any cell cannot take one. */
  const editsFor = (startRow: number, columns: ReturnType<typeof rangeBounds>['columns'], values: string[][]): SheetEdit<T>[] | null => {
    if (!api) return null;
    const targetRows = dataRowsFrom<SheetRow<T>>(api as GridApi, startRow, values.length, isData);
    const width = Math.max(...values.map((line) => line.length));
    const displayed = api.getAllDisplayedColumns();
    const first = displayed.indexOf(columns[0] as (typeof displayed)[number]);
    const targetColumns = displayed.slice(first, first + width);
    if (targetRows.length < values.length || targetColumns.length < width) {
      refuse(`粘贴区域（${values.length}行×${width}列）超出了表格范围，未做任何修改。`);
      return null;
    }
    const locked: string[] = [];
    const edits: SheetEdit<T>[] = [];
    values.forEach((line, r) => {
      const node = targetRows[r] as IRowNode<SheetRow<T>>;
      line.forEach((value, c) => {
        const column = targetColumns[c];
        if (!column) return;
        if (!column.isCellEditable(node)) {
          locked.push(`第${(node.rowIndex ?? 0) + 1}行「${column.getColDef().headerName ?? column.getColId()}」`);
          return;
        }
        edits.push({ row: node.data as T, colId: column.getColId(), value });
      });
    });
    if (locked.length > 0) {
      refuse(`有${locked.length}个单元格不能编辑，整批未做任何修改。`, locked.slice(0, 20).map((where) => `${where}：该列不可编辑`));
      return null;
    }
    return edits;
  };

  const paste = (event: React.ClipboardEvent): void => {
    const selection = currentRange();
    if (!api || !selection || api.getEditingCells().length > 0) return;
    event.preventDefault();
    const values = parseTsv(event.clipboardData.getData('text/plain'));
    if (values.length === 0) return;
    const bounds = rangeBounds(api as GridApi, selection);
    let block = values;
    const single = values.length === 1 && values[0]?.length === 1;
    if (single && (bounds.bottom > bounds.top || bounds.columns.length > 1)) {
      // one value pasted over a range fills the range
      const count = dataRowsFrom(api as GridApi, bounds.top, bounds.bottom - bounds.top + 1, isData).length;
      block = Array.from({ length: count }, () => bounds.columns.map(() => values[0]?.[0] ?? ''));
    }
    const edits = editsFor(bounds.top, bounds.columns, block);
    if (edits) void submit(edits, `粘贴${block.length}行×${Math.max(...block.map((l) => l.length))}列`);
  };

  const fillDown = (): void => {
    const selection = currentRange();
    if (!api || !selection) return;
    const bounds = rangeBounds(api as GridApi, selection);
    const nodes = dataRowsFrom(api as GridApi, bounds.top, bounds.bottom - bounds.top + 1, isData);
    const [top, ...rest] = nodes;
    if (!top || rest.length === 0) return;
    const values = rest.map(() => bounds.columns.map((column) => cellText(api as GridApi, top, column)));
    const edits = editsFor(rest[0]?.rowIndex ?? bounds.top + 1, bounds.columns, values);
    if (edits) void submit(edits, `向下填充${rest.length}行`);
  };

  const clear = (): void => {
    const selection = currentRange();
    if (!api || !selection) return;
    const bounds = rangeBounds(api as GridApi, selection);
    const nodes = dataRowsFrom(api as GridApi, bounds.top, bounds.bottom - bounds.top + 1, isData);
    const values = nodes.map(() => bounds.columns.map(() => ''));
    const edits = editsFor(bounds.top, bounds.columns, values);
    if (edits) void submit(edits, `清除${edits.length}个单元格`);
  };

  const onKeyDownCapture = (event: React.KeyboardEvent): void => {
    if (!api || api.getEditingCells().length > 0) return;
    if (!(event.target as HTMLElement).closest('.ag-cell')) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const focused = api.getFocusedCell();
    const node = focused && !focused.rowPinned ? api.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    if (focused && node && isData(node) && !event.shiftKey && !ctrl) {
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
      const from = shift && range.current ? range.current.focus : focused && !focused.rowPinned ? { rowIndex: focused.rowIndex, colId: focused.column.getColId() } : null;
      const previous = params.previousCellPosition;
      const lagging = from && !previous.rowPinned && (from.rowIndex !== previous.rowIndex || from.colId !== previous.column.getColId());
      let next = params.nextCellPosition;
      if (from && lagging) {
        const step = stepFrom(from, params.key, api.getDisplayedRowCount(), api.getAllDisplayedColumns().map((c) => c.getColId()));
        const column = step ? api.getColumn(step.colId) : null;
        next = step && column ? { rowIndex: step.rowIndex, column, rowPinned: null } : { rowIndex: from.rowIndex, column: api.getColumn(from.colId) ?? previous.column, rowPinned: null };
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

  const onCellMouseDown = (event: CellMouseDownEvent<SheetRow<T>>): void => {
    if (event.rowIndex === null || event.rowPinned) return;
    const cell = { rowIndex: event.rowIndex, colId: event.column.getColId() };
    const shift = (event.event as MouseEvent | null)?.shiftKey;
    const before = range.current;
    range.current = shift && range.current ? { anchor: range.current.anchor, focus: cell } : { anchor: cell, focus: cell };
    refreshRange(before);
  };

  /**
   * AG Grid hands cellFocused to this callback from a queue flushed later, so the event can be stale: after two quick
   * Shift+↓ the event of the first step arrives when the range has already moved on, and following it would cut the
   * range back. So the event is only a prompt to look at where the grid's focus is now. Arrow keys set the range
   * themselves (navigateToNextCell); a shift-click extends it (its mouse-down may be delivered after this); any other
   * move (a click, Tab, Enter, the grid itself) collapses it onto the focused cell.
   */
  const onCellFocused = (event: CellFocusedEvent<SheetRow<T>>): void => {
    const focused = event.api.getFocusedCell();
    const colId = focused ? focused.column.getColId() : null;
    const node = focused && !focused.rowPinned ? event.api.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    if (focused && colId && !focused.rowPinned && (range.current?.focus.rowIndex !== focused.rowIndex || range.current.focus.colId !== colId)) {
      const cell = { rowIndex: focused.rowIndex, colId };
      const source = (event as { sourceEvent?: Event | null }).sourceEvent;
      const extend = source instanceof MouseEvent && source.shiftKey && range.current !== null;
      const before = range.current;
      range.current = extend && range.current ? { anchor: range.current.anchor, focus: cell } : { anchor: cell, focus: cell };
      refreshRange(before);
    }
    props.onCellFocused?.(node && isData(node) ? (node.data as T) : null, colId);
  };

  // the pinned totals row and group headers are never editable, whatever the column says
  const sheetColumns = useMemo(
    () =>
      columns.map((column): ColDef<SheetRow<T>> => {
        const { editable, valueGetter } = column;
        const key = column.colId ?? column.field ?? '';
        return {
          ...(column as ColDef<SheetRow<T>>),
          ...(editable
            ? {
                editable: (params) =>
                  !params.node.rowPinned && !isGroupRow(params.data) && (typeof editable === 'function' ? editable(params as never) : editable),
              }
            : {}),
          // the totals row carries its values under the column ids, not in the row shape the getters expect
          ...(typeof valueGetter === 'function'
            ? {
                valueGetter: (params) =>
                  params.node?.rowPinned ? ((params.data as Record<string, unknown> | undefined)?.[key] ?? '') : valueGetter(params as never),
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
      filter: false,
      suppressKeyboardEvent: (params) => {
        // keep Delete/Backspace from opening an editor: they clear the range instead
        const key = params.event.key;
        return !params.editing && (key === 'Delete' || key === 'Backspace');
      },
      cellClassRules: {
        'in-range': (params: CellClassParams<SheetRow<T>>) =>
          !params.node.rowPinned && isInRange(params.api as GridApi, range.current, params.node.rowIndex, params.column.getColId()),
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
  const latest = useRef({ collapsed, matchesSearch, groupsWithMatches, group, props, applyStored, onCellMouseDown, onCellFocused, onCellEditRequest, navigateToNextCell, onGridReady, remember });
  latest.current = { collapsed, matchesSearch, groupsWithMatches, group, props, applyStored, onCellMouseDown, onCellFocused, onCellEditRequest, navigateToNextCell, onGridReady, remember };
  const gridHandlers = useMemo(
    () => ({
      getRowId: (p: GetRowIdParams<SheetRow<T>>) => (isGroupRow(p.data) ? `group:${p.data.groupKey}` : String((p.data as T).id)),
      isFullWidthRow: (p: IsFullWidthRowParams<SheetRow<T>>) => isGroupRow(p.rowNode.data),
      postSortRows: (p: PostSortRowsParams<SheetRow<T>>) => {
        const spec = latest.current.group;
        if (!spec) return;
        const arranged = arrangeByGroup(p.nodes, (node) => node.data, spec);
        p.nodes.splice(0, p.nodes.length, ...arranged);
      },
      isExternalFilterPresent: () => latest.current.collapsed.size > 0 || latest.current.matchesSearch !== null,
      doesExternalFilterPass: (node: IRowNode<SheetRow<T>>) => {
        const { collapsed: closed, matchesSearch: matches, groupsWithMatches: withMatches, group: spec } = latest.current;
        const row = node.data;
        if (!row) return true;
        if (isGroupRow(row)) return !withMatches || withMatches.has(row.groupKey);
        if (spec && closed.has(spec.keyOf(row))) return false;
        return !matches || matches(row);
      },
      onCellEditRequest: (e: CellEditRequestEvent<SheetRow<T>>) => latest.current.onCellEditRequest(e),
      navigateToNextCell: (p: NavigateToNextCellParams<SheetRow<T>>) => latest.current.navigateToNextCell(p),
      onCellMouseDown: (e: CellMouseDownEvent<SheetRow<T>>) => latest.current.onCellMouseDown(e),
      onCellFocused: (e: CellFocusedEvent<SheetRow<T>>) => latest.current.onCellFocused(e),
      onCellClicked: (e: CellClickedEvent<SheetRow<T>>) => {
        if (!e.data || isGroupRow(e.data) || e.rowPinned || (e.event as MouseEvent | null)?.shiftKey) return;
        void latest.current.props.onCellClicked?.(e.data as T, e.column.getColId())?.then((stored) => stored && latest.current.applyStored(stored));
      },
      onGridReady: (e: GridReadyEvent<SheetRow<T>>) => latest.current.onGridReady(e),
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
  const pinnedBottomRowData = useMemo(
    () => (totals ? [totals(rows) as SheetRow<T>] : undefined),
    // the totals row is refreshed by applyStored after edits; here only on reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rowsVersion],
  );

  const allCollapsed = group ? groupHeaders([...liveRows.current.values()], group).every((h) => collapsed.has(h.groupKey)) : false;

  return (
    <div className="sheet" data-testid={testId}>
      <div className="toolbar">
        <input
          className="quick-search"
          type="search"
          placeholder="快速查找…"
          aria-label="快速查找"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {group && (
          <button
            type="button"
            onClick={() => setCollapsed(allCollapsed ? new Set() : new Set(groupHeaders([...liveRows.current.values()], group).map((h) => h.groupKey)))}
          >
            {allCollapsed ? '全部展开' : '全部折叠'}
          </button>
        )}
        {props.toolbar}
        <span className="toolbar-gap" />
        <span className="hint">Shift+单击/方向键选区 · Ctrl+C/V 复制粘贴 · Ctrl+D 向下填充 · Delete 清除</span>
      </div>
      <div
        className="grid-host"
        onCopy={copy}
        onPaste={paste}
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
          tooltipShowDelay={400}
          animateRows={false}
        />
      </div>
    </div>
  );
}
