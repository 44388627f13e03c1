import type { ColDef } from 'ag-grid-community';
import { type EditableWhen, type FieldCatalogue, fieldOf, gridHeader } from '../../shared/fields/field-spec';

/** How a view reads the catalogue's editable-when: by default only `always` edits, every condition is the view's. */
export type EditableIn<R> = (when: EditableWhen) => ColDef<R>['editable'];

const alwaysOnly = (when: EditableWhen): boolean => when === 'always';

/**
 * A grid column for a catalogued field: the field's key as the column id (what the view's edits map back to the
 * channel's field), its heading, and whether it edits, from the catalogue; `def` adds the view's own (width,
 * renderers) and may keep an older column id, which saved column layouts refer to.
 */
export function fieldColumn<C extends FieldCatalogue, R>(
  catalogue: C,
  key: keyof C & string,
  def: ColDef<R> = {},
  editableIn: EditableIn<R> = alwaysOnly,
): ColDef<R> {
  const spec = fieldOf(catalogue, key);
  return { colId: key, headerName: gridHeader(spec), editable: editableIn(spec.editable), ...def };
}
