import { useCallback, useMemo } from 'react';
import type { TargetRow } from '../../shared/grid';
import { areaRefusal, type TaskOwners, targetCellRefusal, type WriteArea } from '../../shared/team-roles';
import { useTaskStore } from './task-store';
import { useWorkbookStore } from './workbook-store';

/**
 * The page's side of a team workbook's roles: the rules are team-roles.ts's, applied to the role the app process
 * reported. These only decide what the page offers; the server refuses the rest whatever the page sends.
 */

/** Why this person may not make writes of `area` (a toolbar button's title when disabled), or null. */
export function useAreaRefusal(area: WriteArea): string | null {
  const role = useWorkbookStore((state) => state.role);
  return areaRefusal(role, area);
}

/** The 指标 grid's cell rule: a 单位填报 user edits the 实际值 and 备注 of their 责任单位's tasks' targets only. */
export function useTargetCellRefusal(): (row: TargetRow, colId: string) => string | null {
  const role = useWorkbookStore((state) => state.role);
  const tasks = useTaskStore((state) => state.tasks);
  // the task rows name each task's lead and co-owning 责任单位, as the server's policy reads task_owner
  const owners = useMemo(() => new Map<number, TaskOwners>(tasks.map((task) => [task.id, task])), [tasks]);
  return useCallback(
    (row: TargetRow, colId: string) => targetCellRefusal(role, colId, row.taskId === null ? undefined : owners.get(row.taskId)),
    [role, owners],
  );
}

/** A button's props for a write of `area`: disabled, its title saying why, when this person may not make it. */
export function useButtonRights(area: WriteArea): { disabled?: true; title?: string } {
  const refusal = useAreaRefusal(area);
  return refusal === null ? {} : { disabled: true, title: refusal };
}
