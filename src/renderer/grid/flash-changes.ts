/**
 * The cells that differ between two readings of the same rows (by id), for the columns given: when someone else
 * has changed the workbook and the grid rereads, these are the ones to mark.
 */
export function changedCells<T extends { id: number }>(
  before: ReadonlyMap<number, T>,
  after: readonly T[],
  fields: readonly string[],
): { id: number; fields: string[] }[] {
  const changed: { id: number; fields: string[] }[] = [];
  for (const row of after) {
    const old = before.get(row.id);
    if (!old) continue;
    const differing = fields.filter(
      (field) => JSON.stringify((old as Record<string, unknown>)[field]) !== JSON.stringify((row as Record<string, unknown>)[field]),
    );
    if (differing.length > 0) changed.push({ id: row.id, fields: differing });
  }
  return changed;
}
