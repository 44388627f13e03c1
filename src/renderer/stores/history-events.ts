/**
 * Undo and redo can change any table, so every store that shows workbook data reloads after them. Stores
 * register here instead of importing each other.
 */
const listeners = new Set<() => Promise<void> | void>();

export function onWorkbookChanged(listener: () => Promise<void> | void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function notifyWorkbookChanged(): Promise<void> {
  await Promise.all([...listeners].map((listener) => listener()));
}

/** The parts of the workbook a store shows. A write says which it changed; a store showing them reloads. */
export type WorkbookPart = 'targets' | 'units';
const partListeners = new Map<WorkbookPart, Set<() => Promise<void> | void>>();

/**
 * A store that shows figures derived from another part subscribes to it: the task grid's lights and counts come
 * from targets, its owner names from units. The writing store does not know who shows what.
 */
export function onPartsChanged(parts: readonly WorkbookPart[], listener: () => Promise<void> | void): () => void {
  for (const part of parts) {
    const set = partListeners.get(part) ?? new Set();
    set.add(listener);
    partListeners.set(part, set);
  }
  return () => parts.forEach((part) => partListeners.get(part)?.delete(listener));
}

export async function notifyPartsChanged(parts: readonly WorkbookPart[]): Promise<void> {
  const listeners = new Set(parts.flatMap((part) => [...(partListeners.get(part) ?? [])]));
  await Promise.all([...listeners].map((listener) => listener()));
}
