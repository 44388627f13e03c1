import type { ColDef, GridApi } from 'ag-grid-community';

/**
 * Columns whose content decides their width: an org name is read whole, not cut to "市人力资源社…", at any window
 * size. Mark a column with `fitContent(...)`; SheetGrid sizes it to its longest shown value once the rows are
 * in, within its min/max width, and leaves alone any column the user has resized (its width then differs
 * from the definition's). Flex columns take what is left.
 */
export function fitContent<T>(column: ColDef<T>, limits: { minWidth: number; maxWidth: number }): ColDef<T> {
  return { ...column, ...limits, context: { ...(column.context as object | undefined), fitContent: true } };
}

export function fitColumnsToContent(api: GridApi): void {
  const columns = (api.getColumns() ?? []).filter((column) => {
    const definition = column.getColDef();
    const marked = (definition.context as { fitContent?: boolean } | undefined)?.fitContent === true;
    return marked && column.isVisible() && (definition.width === undefined || column.getActualWidth() === definition.width);
  });
  if (columns.length > 0)
    api.autoSizeColumns(
      columns.map((column) => column.getColId()),
      false,
    );
}
