/**
 * Open editors register here so that what is being typed is committed before anything that reads or replaces the
 * workbook (save, export, import, undo, switching view, closing the window). Stores call commitPendingEdits without
 * knowing what a grid is; each grid registers how to finish its own editing.
 */
const committers = new Set<() => void>();

export function registerPendingEdits(commit: () => void): () => void {
  committers.add(commit);
  return () => committers.delete(commit);
}

export function commitPendingEdits(): void {
  for (const commit of committers) commit();
}
