import type { ParsedPlan, ParsedTarget } from '../../shared/plan';

/**
 * The same indicator stated twice with different figures (重点工作 says 城镇新增就业3.4万人, task 6 says 3.35万人)
 * is a conflict for the user to resolve. Both places are reported; neither figure is chosen.
 */
export function findConflicts(places: { place: string; targets: ParsedTarget[] }[]): ParsedPlan['conflicts'] {
  const byIndicator = new Map<string, { label: string; values: number[]; places: string[] }>();
  for (const { place, targets } of places) {
    for (const target of targets) {
      if (target.baseValue === null || target.relativeToYear !== null) continue;
      const key = `${target.label}|${target.baseUnit}`;
      const entry = byIndicator.get(key) ?? { label: target.label, values: [], places: [] };
      entry.values.push(target.baseValue);
      entry.places.push(place);
      byIndicator.set(key, entry);
    }
  }
  return [...byIndicator.values()].filter((entry) => new Set(entry.values).size > 1);
}
