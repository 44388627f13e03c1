/**
 * What one field of an entity is called and how it is read, written once: the grid's column header, the 变更记录
 * field name, the 「…」 in a refused edit, the exported and re-imported header, the packet's column and the printed
 * report's heading all come from here, so a field is renamed in one place.
 *
 * The header words of exported files are a file format users' files already carry: a spec keeps every word a
 * consumer uses today. Where two consumers name the same field differently, both words are kept (`label` and
 * `header`/`exportHeader`/…) rather than one of them changing a file or a screen.
 */

/**
 * How a field's figure is kept and shown: the grid, the export's number format and the packet read it from here.
 * - `text`, `list` (names joined by 、), `integer` (ids, counts, task numbers)
 * - `count`: a plain number as typed
 * - `written`: a target figure in the unit the target is written in (15.5 for 15.5万人)
 * - `ratio`: a decimal shown as a percentage (0.975 → 97.5%)
 * - `wan`, `yuan`: money kept in 分, shown in 万元 or 元
 */
export type FieldUnit = 'text' | 'list' | 'integer' | 'count' | 'written' | 'ratio' | 'wan' | 'yuan';

/**
 * When a user may edit the field (the grids ask this; the edit planners refuse the rest on their own):
 * - `never`: shown or exported only (derived figures, ids, names of other rows)
 * - `always`
 * - `unlinked`: unless the value is read from a link (a target's actual taken from the budget)
 * - `baseline`: a budget line's descriptive field, in the baseline only (a scenario overrides numbers only)
 * - `undriven`: a budget amount, except a baseline line computed as quantity × rate (a scenario may set it)
 * - `driven`: a budget line's rate, on lines that have a driver
 * - `typed-quantity`: a driver's quantity, unless the baseline reads it from a target (a scenario may set it)
 */
export type EditableWhen = 'never' | 'always' | 'unlinked' | 'baseline' | 'undriven' | 'driven' | 'typed-quantity';

export interface FieldSpec {
  /** the field's name: the grid column, the 变更记录 and the 「…」 of a refused edit */
  readonly label: string;
  /** the column heading of the grid and the exported sheet when it says more than the label (金额（万元）) */
  readonly header?: string;
  /** the exported (and re-imported) sheet's heading when it differs from the grid's */
  readonly exportHeader?: string;
  /** the org packet's heading when it differs from the export's */
  readonly packetHeader?: string;
  /** the printed report's heading when it differs from the export's */
  readonly reportHeader?: string;
  /** the 变更记录's name for the stored column when it differs from the label */
  readonly historyLabel?: string;
  /** the stored column a change of this field is recorded under, for the 变更记录 */
  readonly column?: string;
  readonly unit: FieldUnit;
  readonly editable: EditableWhen;
}

export type FieldCatalogue = Readonly<Record<string, FieldSpec>>;

/** A field of a catalogue by its key (the key's type already says it is there). */
export function fieldOf<C extends FieldCatalogue>(catalogue: C, key: keyof C & string): FieldSpec {
  const spec = catalogue[key];
  if (!spec) throw new Error(`no field “${key}” in the catalogue`);
  return spec;
}

/** The grid's column heading. */
export const gridHeader = (spec: FieldSpec): string => spec.header ?? spec.label;
/** The exported and re-imported heading. */
export const exportHeader = (spec: FieldSpec): string => spec.exportHeader ?? gridHeader(spec);
/** The org packet's heading. */
export const packetHeader = (spec: FieldSpec): string => spec.packetHeader ?? exportHeader(spec);
/** The printed report's heading. */
export const reportHeader = (spec: FieldSpec): string => spec.reportHeader ?? exportHeader(spec);

/** The keys of the fields a user may edit in some state. */
export type EditableKey<C extends FieldCatalogue> = { [K in keyof C]: C[K]['editable'] extends 'never' ? never : K }[keyof C] & string;

/** A grid column id that names an editable field of the catalogue (a view's columns use the field keys as ids). */
export function isEditableKey<C extends FieldCatalogue>(catalogue: C, key: string): key is EditableKey<C> {
  return Object.hasOwn(catalogue, key) && catalogue[key]?.editable !== 'never';
}

/** The 变更记录's names of a table's stored columns, from the fields that are stored in one column. */
export function historyLabels(catalogue: FieldCatalogue): Record<string, string> {
  return Object.fromEntries(
    Object.values(catalogue).flatMap((spec) => (spec.column ? [[spec.column, spec.historyLabel ?? spec.label] as const] : [])),
  );
}

/** Every field's heading by key, as one consumer writes it (the exported sheets by default). */
export function headings<C extends FieldCatalogue>(
  catalogue: C,
  headerOf: (spec: FieldSpec) => string = exportHeader,
): { readonly [K in keyof C]: string } {
  return Object.fromEntries(Object.entries(catalogue).map(([key, spec]) => [key, headerOf(spec)])) as { [K in keyof C]: string };
}

/** `true` when the two unions are the same, else `false`. */
export type EditsMatch<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Compiles only for `true`: `Check<EditsMatch<EditableKey<typeof X_FIELDS>, XEditableField>>` fails the build when
 * a field is editable in the catalogue but unknown to its edit channel, or the other way round.
 */
export type Check<T extends true> = T;
