/**
 * Collapsible group rows for AG Grid Community (row grouping is an Enterprise feature): a full-width header
 * row per group carrying its subtotals, kept above its members by `postSortRows`, its members hidden by the
 * external filter when collapsed.
 */
export interface GroupRow {
  kind: 'group';
  groupKey: string;
  order: number;
  label: string;
  summary: string;
  count: number;
}

export interface GroupSpec<T> {
  /** what the groups are, for the toolbar's switch: "领域" → 按领域分组 */
  name?: string;
  keyOf(row: T): string;
  orderOf(row: T): number;
  labelOf(row: T): string;
  /** the subtotal text shown on the header, e.g. "5项任务 · 指标12个，已达成3个" */
  summaryOf(rows: readonly T[]): string;
}

export type SheetRow<T> = T | GroupRow;

export function isGroupRow<T>(row: SheetRow<T> | undefined): row is GroupRow {
  return (row as GroupRow | undefined)?.kind === 'group';
}

export function groupHeaders<T>(rows: readonly T[], spec: GroupSpec<T>): GroupRow[] {
  const groups = new Map<string, { order: number; label: string; members: T[] }>();
  for (const row of rows) {
    const key = spec.keyOf(row);
    const group = groups.get(key) ?? { order: spec.orderOf(row), label: spec.labelOf(row), members: [] };
    group.members.push(row);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort((a, b) => a[1].order - b[1].order)
    .map(([groupKey, group]) => ({
      kind: 'group',
      groupKey,
      order: group.order,
      label: group.label,
      summary: spec.summaryOf(group.members),
      count: group.members.length,
    }));
}

/** Rows in display order: each header followed by its members, members in the order given. */
export function arrangeByGroup<T, N>(nodes: N[], rowOf: (node: N) => SheetRow<T> | undefined, spec: GroupSpec<T>): N[] {
  const headers = new Map<string, N>();
  const members = new Map<string, N[]>();
  const orders = new Map<string, number>();
  for (const node of nodes) {
    const row = rowOf(node);
    if (row === undefined) continue;
    if (isGroupRow(row)) {
      headers.set(row.groupKey, node);
      orders.set(row.groupKey, row.order);
    } else {
      const key = spec.keyOf(row);
      const list = members.get(key) ?? [];
      list.push(node);
      members.set(key, list);
      if (!orders.has(key)) orders.set(key, spec.orderOf(row));
    }
  }
  const keys = [...orders.keys()].sort((a, b) => (orders.get(a) ?? 0) - (orders.get(b) ?? 0));
  const arranged: N[] = [];
  for (const key of keys) {
    const header = headers.get(key);
    if (header !== undefined) arranged.push(header);
    arranged.push(...(members.get(key) ?? []));
  }
  return arranged;
}
