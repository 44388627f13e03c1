/**
 * Excel-style column filters (AG Grid Community has no set filter): a list of the values shown in the column
 * with how many rows hold each, and a condition for numbers (大于, 介于 …), dates (早于, 晚于 …) or text (包含).
 * Everything compares the text the cell shows, so the user filters on what they see — 97.5% is 97.5.
 */

export type FilterKind = 'text' | 'number' | 'date';

export type ConditionOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'between' | 'contains' | 'notContains';

export interface FilterCondition {
  op: ConditionOp;
  value: string;
  /** the upper end of 介于 */
  value2?: string;
}

export interface ColumnFilterModel {
  /** which shown values pass: only these, or all but these (whichever list is shorter); absent: all */
  values?: { mode: 'only' | 'except'; texts: string[] };
  condition?: FilterCondition;
}

export const CONDITION_LABELS: Record<FilterKind, readonly (readonly [ConditionOp, string])[]> = {
  number: [
    ['eq', '等于'],
    ['ne', '不等于'],
    ['gt', '大于'],
    ['ge', '大于或等于'],
    ['lt', '小于'],
    ['le', '小于或等于'],
    ['between', '介于'],
  ],
  date: [
    ['eq', '等于'],
    ['lt', '早于'],
    ['gt', '晚于'],
    ['between', '介于'],
  ],
  text: [
    ['contains', '包含'],
    ['notContains', '不包含'],
    ['eq', '等于'],
  ],
};

/** The label of an empty cell in the value list. */
export const BLANK_LABEL = '（空白）';

interface ColumnShape {
  type?: string | string[];
  filterParams?: unknown;
}

/** A column's kind: set by `filterParams.kind`, else a right-aligned column holds numbers. */
export function filterKindOf(column: ColumnShape): FilterKind {
  const kind = (column.filterParams as { kind?: FilterKind } | undefined)?.kind;
  if (kind) return kind;
  const types = Array.isArray(column.type) ? column.type : [column.type];
  return types.some((type) => type === 'rightAligned' || type === 'numericColumn') ? 'number' : 'text';
}

/** The number a cell shows: "1,234.50" → 1234.5, "97.5%" → 97.5, "约16" → 16; NaN when it shows none. */
export function shownNumber(text: string): number {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[,\s%‰]/g, '')
    .replace(/^约/, '');
  return cleaned === '' || cleaned === '—' || cleaned === '-' ? Number.NaN : Number(cleaned);
}

/** A date as shown or typed: "2017-6-30", "2017/06/30" → "2017-06-30" (compares as text); '' when not a date. */
export function shownDate(text: string): string {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!match) return '';
  const [, year, month, day] = match;
  return `${year}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`;
}

function compare(kind: FilterKind, text: string, operand: string): number | null {
  if (kind === 'number') {
    const a = shownNumber(text);
    const b = shownNumber(operand);
    return Number.isNaN(a) || Number.isNaN(b) ? null : a - b;
  }
  if (kind === 'date') {
    const a = shownDate(text);
    const b = shownDate(operand);
    return a === '' || b === '' ? null : a.localeCompare(b);
  }
  return text.localeCompare(operand, 'zh-CN');
}

export function passesCondition(kind: FilterKind, condition: FilterCondition, text: string): boolean {
  const { op, value, value2 } = condition;
  if (op === 'contains') return text.toLowerCase().includes(value.toLowerCase());
  if (op === 'notContains') return !text.toLowerCase().includes(value.toLowerCase());
  if (op === 'eq' && kind === 'text') return text === value;
  const diff = compare(kind, text, value);
  if (diff === null) return false;
  switch (op) {
    case 'eq':
      return diff === 0;
    case 'ne':
      return diff !== 0;
    case 'gt':
      return diff > 0;
    case 'ge':
      return diff >= 0;
    case 'lt':
      return diff < 0;
    case 'le':
      return diff <= 0;
    case 'between': {
      const upper = compare(kind, text, value2 ?? '');
      return upper !== null && diff >= 0 && upper <= 0;
    }
  }
}

/** A condition the user has finished typing (both ends of 介于, a number where a number belongs). */
export function isCompleteCondition(kind: FilterKind, condition: FilterCondition): boolean {
  const valid = (text: string | undefined): boolean =>
    text !== undefined &&
    text.trim() !== '' &&
    (kind === 'number' ? !Number.isNaN(shownNumber(text)) : kind === 'date' ? shownDate(text) !== '' : true);
  return valid(condition.value) && (condition.op !== 'between' || valid(condition.value2));
}

/** Compiles a model into a test of the shown text (the value list as a set, built once per filtering). */
export function compileFilter(kind: FilterKind, model: ColumnFilterModel): (text: string) => boolean {
  const texts = model.values ? new Set(model.values.texts) : null;
  const only = model.values?.mode === 'only';
  const condition = model.condition;
  return (text) => {
    if (texts && texts.has(text) !== only) return false;
    return !condition || passesCondition(kind, condition, text);
  };
}

export interface ValueEntry {
  text: string;
  count: number;
}

/**
 * The distinct shown values with their counts, in the order a user scans them: by the column's own sort when it
 * has one (进度状态 worst first), else numbers by size and text by pinyin; blanks last.
 */
export function valueEntries(
  kind: FilterKind,
  cells: Iterable<{ text: string; value?: unknown }>,
  columnOrder?: (a: unknown, b: unknown) => number,
): ValueEntry[] {
  const found = new Map<string, { count: number; value: unknown }>();
  for (const { text, value } of cells) {
    const entry = found.get(text);
    if (entry) entry.count++;
    else found.set(text, { count: 1, value });
  }
  const order = (a: [string, { value: unknown }], b: [string, { value: unknown }]): number => {
    const [x, y] = [a[0], b[0]];
    if (x === '' || y === '') return x === '' ? (y === '' ? 0 : 1) : -1;
    if (columnOrder) {
      const byColumn = columnOrder(a[1].value, b[1].value);
      if (byColumn !== 0) return byColumn;
    }
    if (kind === 'number') {
      const [m, n] = [shownNumber(x), shownNumber(y)];
      if (!Number.isNaN(m) && !Number.isNaN(n) && m !== n) return m - n;
    }
    return x.localeCompare(y, 'zh-CN');
  };
  return [...found].sort(order).map(([text, { count }]) => ({ text, count }));
}

/**
 * The value part of a model from the boxes the user left ticked: null when every value passes; when the list
 * was searched, only the ticked values among those found (as in Excel).
 */
export function valuesFromChoice(
  all: readonly string[],
  checked: ReadonlySet<string>,
  searched: readonly string[] | null,
): ColumnFilterModel['values'] | null {
  if (searched) return { mode: 'only', texts: searched.filter((text) => checked.has(text)) };
  const unchecked = all.filter((text) => !checked.has(text));
  if (unchecked.length === 0) return null;
  const ticked = all.filter((text) => checked.has(text));
  return ticked.length <= unchecked.length ? { mode: 'only', texts: ticked } : { mode: 'except', texts: unchecked };
}

/** Which values a model lets through, for ticking the boxes when the popup opens. */
export function checkedBy(model: ColumnFilterModel | null, all: readonly string[]): Set<string> {
  const values = model?.values;
  if (!values) return new Set(all);
  const listed = new Set(values.texts);
  return new Set(all.filter((text) => listed.has(text) === (values.mode === 'only')));
}

/** What the filter popup asks of its grid: the column's shown values over the rows the other filters leave. */
export interface FilterHost {
  entries(colId: string, kind: FilterKind): ValueEntry[];
}
