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
