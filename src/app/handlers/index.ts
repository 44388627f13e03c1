import { breakbackHandler, goalSeekHandler, scenarioCompare, sensitivityHandler } from './analysis';
import {
  budgetLineAdd,
  budgetLineDelete,
  budgetLineEdits,
  budgetLineRevert,
  budgetLineUpdate,
  budgetMetrics,
  scenarioList,
  budgetScale,
  budgetSettingsUpdate,
  budgetView,
  scenarioSelect,
} from './budget';
import { backupCreate, backupList, backupRestore, recoveryState, workbookCopyLocal } from './backups';
import type { Handlers } from './context';
import { localCopyApply, localCopyReview } from './local-copy-return';
import { serverLocalCopy, serverPasswordForget, serverPasswordState, serverUpload, workbookOpenServer } from './team-workbooks';
import { reportData, reportPdf } from './reports';
import {
  workbookForceOpen,
  workbookNew,
  workbookOpen,
  workbookOpenRecent,
  workbookRecent,
  workbookSaveAs,
  workbookStatus,
} from './workbook-files';
import {
  budgetImportApply,
  budgetImportInspect,
  budgetImportPreview,
  packetExport,
  packetImportApply,
  packetImportPreview,
  xlsxExport,
  xlsxImportApply,
  xlsxImportPreview,
} from './exchange';
import { scenarioCreate, scenarioDelete, scenarioLock, scenarioPromote } from './scenarios';
import { changeLogList, historyRedo, historyState, historyUndo } from './history';
import { planDelete, planFindSame, planImport, planList, planParse, planPickFile } from './plans';
import { progressSettingsUpdate, targetList, targetUpdate } from './targets';
import { targetLinkSet } from './target-links';
import { taskList, taskOwnerSet, taskUpdate } from './tasks';
import { orgAdd, orgList, orgMerge, orgUpdate } from './orgs';
import { workbookInfo } from './workbook';
import {
  executionBudgetCreate,
  executionBudgetDelete,
  executionBudgetUpdate,
  executionCompareHandler,
  executionExamplesDelete,
  executionReportWithdraw,
  executionScenarioCreate,
  executionViewHandler,
} from './execution';
import { executionLineAdd, executionLinesDelete, executionLinesUpdate, executionMonthCreate } from './execution-entry';
import { executionImportApply, executionImportInspect, executionImportPreview } from './execution-import';

/** The handler table: one plain function per channel, the same for Electron, the CLI and the tests. */
export const handlers: Handlers = {
  'workbook-info': workbookInfo,
  'plan-list': planList,
  'task-list': taskList,
  'task-update': taskUpdate,
  'task-owner-set': taskOwnerSet,
  'target-list': targetList,
  'target-update': targetUpdate,
  'progress-settings-update': progressSettingsUpdate,
  'org-list': orgList,
  'org-update': orgUpdate,
  'org-add': orgAdd,
  'org-merge': orgMerge,
  'history-undo': historyUndo,
  'history-redo': historyRedo,
  'history-state': historyState,
  'change-log-list': changeLogList,
  'plan-parse': planParse,
  'plan-import': planImport,
  'plan-pick-file': planPickFile,
  'plan-find-same': planFindSame,
  'plan-delete': planDelete,
  'budget-view': budgetView,
  'budget-metrics': budgetMetrics,
  'scenario-list': scenarioList,
  'budget-line-update': budgetLineUpdate,
  'budget-line-edits': budgetLineEdits,
  'budget-scale': budgetScale,
  'budget-line-revert': budgetLineRevert,
  'budget-line-add': budgetLineAdd,
  'budget-line-delete': budgetLineDelete,
  'budget-settings-update': budgetSettingsUpdate,
  'scenario-select': scenarioSelect,
  'scenario-create': scenarioCreate,
  'scenario-delete': scenarioDelete,
  'scenario-lock': scenarioLock,
  'scenario-promote': scenarioPromote,
  'goal-seek': goalSeekHandler,
  breakback: breakbackHandler,
  sensitivity: sensitivityHandler,
  'scenario-compare': scenarioCompare,
  'xlsx-export': xlsxExport,
  'xlsx-import-preview': xlsxImportPreview,
  'xlsx-import-apply': xlsxImportApply,
  'budget-import-inspect': budgetImportInspect,
  'budget-import-preview': budgetImportPreview,
  'budget-import-apply': budgetImportApply,
  'packet-export': packetExport,
  'packet-import-preview': packetImportPreview,
  'packet-import-apply': packetImportApply,
  'recovery-state': recoveryState,
  'backup-list': backupList,
  'backup-create': backupCreate,
  'backup-restore': backupRestore,
  'workbook-copy-local': workbookCopyLocal,
  'workbook-new': workbookNew,
  'workbook-open': workbookOpen,
  'workbook-open-recent': workbookOpenRecent,
  'workbook-save-as': workbookSaveAs,
  'workbook-recent': workbookRecent,
  'workbook-status': workbookStatus,
  'workbook-force-open': workbookForceOpen,
  'report-data': reportData,
  'report-pdf': reportPdf,
  'execution-view': executionViewHandler,
  'execution-compare': executionCompareHandler,
  'execution-budget-create': executionBudgetCreate,
  'execution-budget-update': executionBudgetUpdate,
  'execution-budget-delete': executionBudgetDelete,
  'execution-examples-delete': executionExamplesDelete,
  'execution-import-inspect': executionImportInspect,
  'execution-import-preview': executionImportPreview,
  'execution-import-apply': executionImportApply,
  'execution-month-create': executionMonthCreate,
  'execution-report-withdraw': executionReportWithdraw,
  'execution-lines-update': executionLinesUpdate,
  'execution-line-add': executionLineAdd,
  'execution-lines-delete': executionLinesDelete,
  'execution-scenario-create': executionScenarioCreate,
  'target-link-set': targetLinkSet,
  'server-upload': serverUpload,
  'server-local-copy': serverLocalCopy,
  'local-copy-review': localCopyReview,
  'local-copy-apply': localCopyApply,
  'workbook-open-server': workbookOpenServer,
  'server-password-state': serverPasswordState,
  'server-password-forget': serverPasswordForget,
};

export type { HandlerContext, DialogService, Handlers } from './context';
