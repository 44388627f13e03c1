import type { Owner, ParsedPlan } from '../../shared/plan';
import { groupOrgs } from './orgs';

/**
 * The owners a user set for some tasks in the import preview, put into the parsed plan before it is written:
 * leads then co-operating orgs, each named once, and the plan's org list grouped again so a new spelling
 * joins the org it names.
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
    const add = (org: string, role: Owner['role']): void => {
      const name = org.trim();
      if (name === '' || seen.has(name)) return;
      seen.add(name);
      owners.push({ org: name, role });
    };
    correction.lead.forEach((org) => add(org, 'lead'));
    correction.co.forEach((org) => add(org, 'co'));
    return { ...task, owners };
  });
  const spellings = [
    ...plan.orgs.flatMap((org) => [org.name, ...org.aliases]),
    ...tasks.flatMap((task) => task.owners.map((owner) => owner.org)),
  ];
  const { orgs, resolve } = groupOrgs(spellings);
  return {
    ...plan,
    tasks: tasks.map((task) => ({ ...task, owners: task.owners.map((owner) => ({ ...owner, org: resolve(owner.org) })) })),
    orgs,
  };
}
