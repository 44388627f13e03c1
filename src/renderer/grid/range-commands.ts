import type { MutableRefObject } from 'react';
import type { GridApi, IRowNode } from 'ag-grid-community';
import { useUiStore } from '../stores/ui-store';
import type { SheetRow } from './grouping';
import { type CellRange, cellText, dataRowsFrom, rangeBounds } from './range';
import { parseTsv, toTsv } from './tsv';

export interface SheetEdit<T> {
  row: T;
  colId: string;
  value: string;
}

interface RangeCommandDeps<T> {
  api: GridApi | null;
  range: MutableRefObject<CellRange | null>;
  /** stores the edits as one action and shows the stored rows */
  submit(edits: SheetEdit<T>[], label?: string): Promise<void>;
  isData(node: IRowNode): boolean;
  rowLabel?(row: T): string;
}

/**
 * What a SheetGrid does with its selected range: copy it as TSV, paste a block (or one value over the range),
 * fill it with one value, fill down, clear. Every change is one action, refused whole (with every cell named as
 * the user sees its row) when any cell cannot take its value.
 */
export function rangeCommands<T>({ api, range, submit, isData, rowLabel }: RangeCommandDeps<T>) {
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

  /** The data rows of the current range, top to bottom. */
  const rangeRows = (): { bounds: ReturnType<typeof rangeBounds>; nodes: IRowNode<SheetRow<T>>[] } | null => {
    const selection = currentRange();
    if (!api || !selection) return null;
    const bounds = rangeBounds(api, selection);
    return { bounds, nodes: dataRowsFrom<SheetRow<T>>(api, bounds.top, bounds.bottom - bounds.top + 1, isData) };
  };

  /** A row as the user sees it: the view's own name for it, else its place among the data rows. */
  const describeRow = (node: IRowNode<SheetRow<T>>): string => {
    if (rowLabel) return rowLabel(node.data as T);
    let ordinal = 0;
    for (let i = 0; i <= (node.rowIndex ?? 0); i++) {
      const shown = api?.getDisplayedRowAtIndex(i);
      if (shown && isData(shown)) ordinal++;
    }
    return `第${ordinal}行`;
  };

  const copy = (event: React.ClipboardEvent): void => {
    if (!(event.target as HTMLElement).closest('.ag-cell')) return;
    const selected = rangeRows();
    if (!api || !selected || api.getEditingCells().length > 0) return;
    const lines = selected.nodes.map((node) => selected.bounds.columns.map((column) => cellText(api, node, column)));
    event.clipboardData.setData('text/plain', toTsv(lines));
    event.preventDefault();
  };

  /** Edits for `values` (rows × columns) laid from the range's top-left; refused whole if any cell cannot take one. */
  const editsFor = (startRow: number, columns: ReturnType<typeof rangeBounds>['columns'], values: string[][]): SheetEdit<T>[] | null => {
    if (!api) return null;
    const targetRows = dataRowsFrom<SheetRow<T>>(api, startRow, values.length, isData);
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
          locked.push(`${describeRow(node)}「${column.getColDef().headerName ?? column.getColId()}」`);
          return;
        }
        edits.push({ row: node.data as T, colId: column.getColId(), value });
      });
    });
    if (locked.length > 0) {
      refuse(
        `有${locked.length}个单元格不能编辑，整批未做任何修改。`,
        locked.slice(0, 20).map((where) => `${where}：该列不可编辑`),
      );
      return null;
    }
    return edits;
  };

  /** One value into every cell of the range (a value pasted over it, Ctrl+Enter). */
  const fillRange = (value: string, label: (count: number) => string): void => {
    const selected = rangeRows();
    if (!selected || selected.nodes.length === 0) return;
    const { bounds, nodes } = selected;
    const edits = editsFor(
      nodes[0]?.rowIndex ?? bounds.top,
      bounds.columns,
      nodes.map(() => bounds.columns.map(() => value)),
    );
    if (edits) void submit(edits, label(edits.length));
  };

  const paste = (event: React.ClipboardEvent): void => {
    if (!(event.target as HTMLElement).closest('.ag-cell')) return;
    const selected = rangeRows();
    if (!api || !selected || api.getEditingCells().length > 0) return;
    event.preventDefault();
    const values = parseTsv(event.clipboardData.getData('text/plain'));
    if (values.length === 0) return;
    const { bounds } = selected;
    const single = values.length === 1 && values[0]?.length === 1;
    if (single && (bounds.bottom > bounds.top || bounds.columns.length > 1)) {
      fillRange(values[0]?.[0] ?? '', (count) => `粘贴到${count}个单元格`);
      return;
    }
    const edits = editsFor(bounds.top, bounds.columns, values);
    if (edits) void submit(edits, `粘贴${values.length}行×${Math.max(...values.map((l) => l.length))}列`);
  };

  const fillDown = (): void => {
    const selected = rangeRows();
    if (!api || !selected) return;
    const [top, ...rest] = selected.nodes;
    if (!top || rest.length === 0) return;
    const values = rest.map(() => selected.bounds.columns.map((column) => cellText(api, top, column)));
    const edits = editsFor(rest[0]?.rowIndex ?? selected.bounds.top + 1, selected.bounds.columns, values);
    if (edits) void submit(edits, `向下填充${rest.length}行`);
  };

  const clear = (): void => {
    const selected = rangeRows();
    if (!selected) return;
    const edits = editsFor(
      selected.bounds.top,
      selected.bounds.columns,
      selected.nodes.map(() => selected.bounds.columns.map(() => '')),
    );
    if (edits) void submit(edits, `清除${edits.length}个单元格`);
  };

  return { currentRange, rangeRows, copy, paste, fillRange, fillDown, clear };
}
