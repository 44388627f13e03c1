import { exportHeader, type FieldCatalogue, fieldOf, type FieldSpec, type FieldUnit } from '../../shared/fields/field-spec';
import type { ColumnFormat, SheetColumn } from './sheet-builder';
import type { CellValue } from './sheet-data';

/**
 * A sheet's columns named by field: the heading and the number format come from the field catalogue, the width and
 * the cell's value from the sheet's layout, so one line says everything about one column.
 */

/** How a field's unit convention is formatted in a sheet (a count keeps its own decimals, money its two). */
const FORMAT_OF_UNIT: Record<FieldUnit, ColumnFormat> = {
  text: 'text',
  list: 'text',
  integer: 'int',
  count: 'count',
  written: 'count',
  ratio: 'percent',
  wan: 'wan',
  yuan: 'yuan',
};

/** One column: the field, its width in characters, and its cell of a row. */
export type FieldColumn<C extends FieldCatalogue, R> = readonly [key: keyof C & string, width: number, value: (row: R) => CellValue];

export interface SheetLayout<R> {
  columns: SheetColumn[];
  headers: string[];
  /** a row's cells, in the columns' order */
  cells(row: R): CellValue[];
}

export function sheetLayout<C extends FieldCatalogue, R>(
  catalogue: C,
  layout: readonly FieldColumn<C, R>[],
  headerOf: (spec: FieldSpec) => string = exportHeader,
): SheetLayout<R> {
  const columns = layout.map(([key, width]): SheetColumn => {
    const spec = fieldOf(catalogue, key);
    return { header: headerOf(spec), width, format: FORMAT_OF_UNIT[spec.unit] };
  });
  return { columns, headers: columns.map((c) => c.header), cells: (row) => layout.map(([, , value]) => value(row)) };
}
