/**
 * The names of every IPC channel, with no dependencies, so the sandboxed preload can import them
 * without bundling zod. `contract.ts` is checked against this list at compile time.
 */
export const CHANNEL_NAMES = [
  'workbook-info',
  'plan-list',
  'task-list',
  'task-update',
  'task-owner-set',
  'target-list',
  'target-update',
  'progress-settings-update',
  'unit-list',
  'unit-update',
  'unit-add',
  'unit-merge',
  'history-undo',
  'history-redo',
  'history-state',
  'change-log-list',
  'plan-parse',
  'plan-import',
  'plan-pick-file',
  'budget-view',
  'budget-metrics',
  'budget-line-update',
  'budget-line-revert',
  'budget-line-add',
  'budget-line-delete',
  'budget-settings-update',
  'scenario-select',
  'scenario-create',
  'scenario-delete',
  'scenario-lock',
  'scenario-promote',
  'goal-seek',
  'breakback',
  'sensitivity',
  'scenario-compare',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
