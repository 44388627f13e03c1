import type { TaskStatus } from './contract';

/** How a task status reads everywhere: the grid, exports, imports and paste. */
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: '未开始',
  in_progress: '推进中',
  done: '已完成',
  at_risk: '滞后',
  suspended: '暂停',
};
