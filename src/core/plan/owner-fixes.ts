import type { Owner, ParsedPlan } from '../../shared/plan';
import { groupUnits } from './units';

/**
 * The owners a user set for some tasks in the import preview, put into the parsed plan before it is written:
 * leads then co-operating units, each named once, and the plan's unit list grouped again so a new spelling
 * joins the unit it names.
 */
export interface OwnerCorrection {
  taskNumber: number;
  lead: string[];
  co: string[];
}

export function applyOwnerCorrections(plan: ParsedPlan, corrections: readonly OwnerCorrection[]): ParsedPlan {
  if (corrections.length === 0) return plan;
  const byTask = new Map(corrections.map((correction) => [correction.taskNumber, correction]));
  const unknown = corrections.filter((correction) => !plan.tasks.some((task) => task.number === correction.taskNumber));
  if (unknown.length > 0) throw new RangeError(`没有编号为${unknown.map((c) => c.taskNumber).join('、')}的任务`);
  const tasks = plan.tasks.map((task) => {
    const correction = byTask.get(task.number);
    if (!correction) return task;
    const seen = new Set<string>();
    const owners: Owner[] = [];
    const add = (unit: string, role: Owner['role']): void => {
      const name = unit.trim();
      if (name === '' || seen.has(name)) return;
      seen.add(name);
      owners.push({ unit: name, role });
    };
    correction.lead.forEach((unit) => add(unit, 'lead'));
    correction.co.forEach((unit) => add(unit, 'co'));
    return { ...task, owners };
  });
  const spellings = [
    ...plan.units.flatMap((unit) => [unit.name, ...unit.aliases]),
    ...tasks.flatMap((task) => task.owners.map((owner) => owner.unit)),
  ];
  const { units, resolve } = groupUnits(spellings);
  return {
    ...plan,
    tasks: tasks.map((task) => ({ ...task, owners: task.owners.map((owner) => ({ ...owner, unit: resolve(owner.unit) })) })),
    units,
  };
}
