/**
 * Undo and redo can change any table, and an import or another workbook changes everything, so every store that
 * shows workbook data reloads after them. Stores register here instead of importing each other.
 */
export interface WorkbookChange {
  /** the write's answer already carried the 撤销/重做 state (undo, redo, an import): no need to ask for it again */
  historyKnown?: boolean;
  /** someone else made it (another person in a team workbook, another window, the command line) */
  elsewhere?: boolean;
}
type WorkbookListener = (change: WorkbookChange) => Promise<void> | void;
const listeners = new Set<WorkbookListener>();

export function onWorkbookChanged(listener: WorkbookListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let changedElsewhereAt = Number.NEGATIVE_INFINITY;

export async function notifyWorkbookChanged(change: WorkbookChange = {}): Promise<void> {
  if (change.elsewhere) changedElsewhereAt = Date.now();
  await Promise.all([...listeners].map((listener) => listener(change)));
}

/** Whether the rows arriving now come from someone else's change (the last few seconds): grids mark what changed. */
export function changedElsewhereRecently(now = Date.now()): boolean {
  return now - changedElsewhereAt < 3000;
}

/**
 * A workbook table, as the journal names it ('target', 'unit', 'budget_line', …): every write's answer lists the
 * tables it changed, and a store that shows figures drawn from a table subscribes to it.
 */
export type WorkbookTable = string;
const tableListeners = new Map<WorkbookTable, Set<() => Promise<void> | void>>();

/**
 * A store that shows figures derived from another part subscribes to its tables: the task grid's lights and counts
 * come from targets, its owner names from orgs. The writing store does not know who shows what.
 */
export function onTablesChanged(tables: readonly WorkbookTable[], listener: () => Promise<void> | void): () => void {
  for (const table of tables) {
    const set = tableListeners.get(table) ?? new Set();
    set.add(listener);
    tableListeners.set(table, set);
  }
  return () => tables.forEach((table) => tableListeners.get(table)?.delete(listener));
}

/** Runs each listener of the changed tables once, however many of its tables changed. */
export async function notifyTablesChanged(tables: readonly WorkbookTable[]): Promise<void> {
  const listeners = new Set(tables.flatMap((table) => [...(tableListeners.get(table) ?? [])]));
  await Promise.all([...listeners].map((listener) => listener()));
}
