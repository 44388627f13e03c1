import type { Handlers } from './context';
import { changeLogList, historyRedo, historyState, historyUndo } from './history';
import { planImport, planList, planParse, planPickFile } from './plans';
import { taskList, taskUpdate } from './tasks';
import { workbookInfo } from './workbook';

/** The handler table: one plain function per channel, the same for Electron, the CLI and the tests. */
export const handlers: Handlers = {
  'workbook-info': workbookInfo,
  'plan-list': planList,
  'task-list': taskList,
  'task-update': taskUpdate,
  'history-undo': historyUndo,
  'history-redo': historyRedo,
  'history-state': historyState,
  'change-log-list': changeLogList,
  'plan-parse': planParse,
  'plan-import': planImport,
  'plan-pick-file': planPickFile,
};

export type { HandlerContext, DialogService, Handlers } from './context';
