import { z } from 'zod';
import type { ChannelName } from './channel-names';
import {
  budgetLineFieldSchema,
  budgetSettingsSchema,
  budgetViewAnswerSchema,
  comparisonSchema,
  floorMetricsSchema,
  lineChangeSchema,
  linesChangeSchema,
  overrideFieldSchema,
  scenarioSummarySchema,
  sensitivityAxisSchema,
  sensitivityTableSchema,
} from './budget';
import {
  changeLogFilterSchema,
  progressSettingsSchema,
  progressStateSchema,
  TARGET_EDITABLE_FIELDS,
  targetListSchema,
  targetRowSchema,
  ORG_EDITABLE_FIELDS,
  orgRowSchema,
} from './grid';
import { exchangeChannels } from './exchange';
import { executionChannels } from './execution';
import { targetLinkChannels } from './target-links';
import { REPORT_KINDS } from './report-kinds';
import { parsedPlanSchema } from './plan';
import { workbookRoleSchema } from './team-roles';

/**
 * The one IPC contract: every channel's name, input schema and output schema. Main validates inputs against
 * it, the preload exposes one function per entry, tests bind the same table to the page.
 * Inputs are strict objects: an unknown key is a validation error, not silently dropped.
 */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(500);
const cellText = z.string().max(20_000);

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'at_risk', 'suspended'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const TASK_EDITABLE_FIELDS = ['title', 'status', 'progressNote', 'remark', 'leadOrgs', 'coOrgs'] as const;
export type TaskEditableField = (typeof TASK_EDITABLE_FIELDS)[number];

export const taskRowSchema = z.object({
  id,
  planId: id,
  number: z.number().int(),
  domainId: id,
  domainOrdinal: z.number().int(),
  domainName: z.string(),
  title: z.string(),
  body: z.string(),
  leadOrgs: z.array(z.string()),
  coOrgs: z.array(z.string()),
  targetCount: z.number().int(),
  targetsMet: z.number().int(),
  /** the worst light of its targets; null without targets */
  progress: progressStateSchema.nullable(),
  status: taskStatusSchema,
  progressNote: z.string(),
  remark: z.string(),
});
export type TaskRow = z.infer<typeof taskRowSchema>;

export const workbookInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  integrity: z.string(),
  journalMode: z.string(),
  synchronous: z.string(),
  foreignKeys: z.boolean(),
});
export type WorkbookInfo = z.infer<typeof workbookInfoSchema>;

export const planSummarySchema = z.object({
  id,
  title: z.string(),
  year: z.number().int().nullable(),
  docNo: z.string(),
  date: z.string(),
  taskCount: z.number().int(),
  targetCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const historyStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string(),
  redoLabel: z.string(),
});
export type HistoryState = z.infer<typeof historyStateSchema>;

const cellValue = z.union([z.string(), z.number(), z.null()]);
export const changeLogEntrySchema = z.object({
  id,
  actionId: id,
  /** what was changed, in words: "任务6 就业创业" */
  what: z.string(),
  /** the table in words: 任务, 指标, 预算行 … */
  tableLabel: z.string(),
  fieldLabel: z.string(),
  at: z.string(),
  actor: z.string(),
  label: z.string(),
  reason: z.string(),
  state: z.enum(['done', 'undone', 'discarded']),
  op: z.enum(['update', 'insert', 'delete', 'insert_range']),
  table: z.string(),
  rowKey: z.string(),
  field: z.string(),
  oldValue: cellValue,
  newValue: cellValue,
  /** the values in words: in the target's unit (15.5万人, 97.5%), money in 万元, codes as labels */
  oldText: z.string(),
  newText: z.string(),
});
export type ChangeLogEntry = z.infer<typeof changeLogEntrySchema>;

/** A plan file read in the parser process for the import preview; the plan waits in main under `token`. */
export const planFilePreviewSchema = z.object({
  token: z.string(),
  name: z.string(),
  /** "docx" "doc" "pdf" "xlsx" "xls" "csv" "text" */
  format: z.string(),
  formatName: z.string(),
  encoding: z.string(),
  plan: parsedPlanSchema,
});
export type PlanFilePreview = z.infer<typeof planFilePreviewSchema>;

const orgName = z.string().min(1).max(100);
/** The user's correction of a task's owners in the import preview. */
export const ownerFixSchema = z.strictObject({
  taskNumber: z.number().int().min(0).max(100_000),
  lead: z.array(orgName).max(20),
  co: z.array(orgName).max(100),
});
export type OwnerFix = z.infer<typeof ownerFixSchema>;

const noInput = z.strictObject({});

const reportTableSchema = z.object({
  caption: z.string().optional(),
  headers: z.array(z.string()),
  numeric: z.array(z.boolean()),
  rows: z.array(z.array(z.string())),
  total: z.array(z.string()).optional(),
});
export const reportModelSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  subtitle: z.string(),
  unitNote: z.string(),
  notes: z.array(z.string()),
  /** printed in the margin of every page (the example-data label), '' for none */
  runningNote: z.string().optional(),
  tables: z.array(reportTableSchema),
  chart: z
    .object({
      scenarios: z.array(z.string()),
      shares: z.array(z.number().nullable()),
      floor: z.number(),
      classes: z.array(z.object({ name: z.string(), amounts: z.array(z.number()) })),
    })
    .optional(),
});
export type ReportModelData = z.infer<typeof reportModelSchema>;

const workbookOpenedSchema = z.object({ path: z.string(), note: z.string() });

/**
 * A team workbook's address and the password typed for this one call (empty: the one the app knows for the
 * address): the password crosses to the app process and is given to the driver; it is written only encrypted by the
 * OS key store, when 记住密码 asks for it (the address cannot hold one: it is refused there).
 */
const serverAddressText = z.string().min(1).max(1000);
const serverLogin = z.strictObject({ address: serverAddressText, password: z.string().max(200) });
/** keyStore: null when 记住密码 can be offered, else why not; saved: kept in the key store, typed in this run, or none */
const serverPasswordStateSchema = z.object({ keyStore: z.string().nullable(), saved: z.enum(['kept', 'this-run']).nullable() });
const transferSummarySchema = z.object({ tables: z.number().int(), rows: z.number().int(), digest: z.string() });

export const backupEntrySchema = z.object({
  file: z.string(),
  at: z.string(),
  reason: z.string(),
  reasonLabel: z.string(),
  size: z.number().int(),
  schemaVersion: z.number().int(),
  hash: z.string(),
  verified: z.boolean(),
  problem: z.string(),
});
export type BackupEntryRow = z.infer<typeof backupEntrySchema>;

export const contract = {
  'workbook-info': { input: noInput, output: workbookInfoSchema },
  'plan-list': { input: noInput, output: z.array(planSummarySchema) },
  'task-list': { input: z.strictObject({ planId: id.optional() }), output: z.array(taskRowSchema) },
  'task-update': {
    input: z.strictObject({
      edits: z
        .array(z.strictObject({ taskId: id, field: z.enum(TASK_EDITABLE_FIELDS), value: cellText }))
        .min(1)
        .max(20_000),
      reason: shortText.optional(),
      label: shortText.optional(),
    }),
    output: z.array(taskRowSchema),
  },
  'task-owner-set': {
    input: z.strictObject({
      changes: z
        .array(z.strictObject({ taskId: id, orgId: id, role: z.enum(['lead', 'co']).nullable() }))
        .min(1)
        .max(20_000),
      reason: shortText.optional(),
      label: shortText.optional(),
    }),
    output: z.array(taskRowSchema),
  },
  'target-list': { input: z.strictObject({ planId: id.optional() }), output: targetListSchema },
  'target-update': {
    input: z.strictObject({
      edits: z
        .array(z.strictObject({ targetId: id, field: z.enum(TARGET_EDITABLE_FIELDS), value: cellText }))
        .min(1)
        .max(20_000),
      reason: shortText.optional(),
      label: shortText.optional(),
    }),
    output: z.array(targetRowSchema),
  },
  'progress-settings-update': {
    input: z.strictObject({
      asOf: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional(),
      yellowPoints: z.number().min(0).max(100).optional(),
      redPoints: z.number().min(0).max(100).optional(),
    }),
    output: progressSettingsSchema,
  },
  'org-list': { input: noInput, output: z.array(orgRowSchema) },
  'org-update': {
    input: z.strictObject({
      edits: z
        .array(z.strictObject({ orgId: id, field: z.enum(ORG_EDITABLE_FIELDS), value: cellText }))
        .min(1)
        .max(20_000),
      reason: shortText.optional(),
      label: shortText.optional(),
    }),
    output: z.array(orgRowSchema),
  },
  'org-add': { input: z.strictObject({ name: z.string().max(100) }), output: orgRowSchema },
  'org-merge': {
    input: z.strictObject({ fromOrgId: id, intoOrgId: id, reason: shortText.optional() }),
    output: z.array(orgRowSchema),
  },
  'history-undo': { input: noInput, output: historyStateSchema },
  'history-redo': { input: noInput, output: historyStateSchema },
  'history-state': { input: noInput, output: historyStateSchema },
  'change-log-list': { input: changeLogFilterSchema, output: z.array(changeLogEntrySchema) },
  'plan-parse': { input: z.strictObject({ text: z.string().max(2_000_000) }), output: parsedPlanSchema },
  'plan-import': {
    // the pasted text, or the token of a file read for the preview; owner corrections made in the preview
    input: z
      .strictObject({
        text: z.string().min(1).max(2_000_000).optional(),
        token: z
          .string()
          .regex(/^[0-9a-f-]{36}$/)
          .optional(),
        sourceName: shortText,
        owners: z.array(ownerFixSchema).max(5_000).optional(),
        /** the user confirmed importing a plan whose content is already in the workbook */
        allowDuplicate: z.boolean().optional(),
      })
      .refine((input) => (input.text === undefined) !== (input.token === undefined), { message: '应提供计划文本或预览凭据之一' }),
    output: z.object({ planId: id, tasks: z.number().int(), targets: z.number().int() }),
  },
  'plan-pick-file': { input: noInput, output: planFilePreviewSchema.nullable() },
  'plan-find-same': {
    input: z
      .strictObject({
        text: z.string().min(1).max(2_000_000).optional(),
        token: z
          .string()
          .regex(/^[0-9a-f-]{36}$/)
          .optional(),
      })
      .refine((input) => (input.text === undefined) !== (input.token === undefined), { message: '应提供计划文本或预览凭据之一' }),
    output: z.object({ id, title: z.string(), sourceName: z.string(), createdAt: z.string(), message: z.string() }).nullable(),
  },
  'plan-delete': { input: z.strictObject({ planId: id }), output: z.array(planSummarySchema) },
  'budget-view': { input: z.strictObject({ scenarioId: id.optional() }), output: budgetViewAnswerSchema },
  'budget-metrics': {
    input: z.strictObject({ scenarioId: id.optional() }),
    output: z.object({ scenario: scenarioSummarySchema, metrics: floorMetricsSchema, settings: budgetSettingsSchema }),
  },
  /** the baselines, scenarios and snapshots, without their lines (a picker's list) */
  'scenario-list': { input: noInput, output: z.array(scenarioSummarySchema) },
  'budget-line-update': {
    input: z.strictObject({ scenarioId: id, lineId: id, field: budgetLineFieldSchema, value: shortText, reason: shortText.optional() }),
    output: lineChangeSchema,
  },
  /** a grid action on budget cells (a typed cell, a pasted block, a fill, Delete, 恢复基线): one undoable action */
  'budget-line-edits': {
    input: z.strictObject({
      scenarioId: id,
      edits: z
        .array(z.strictObject({ lineId: id, field: budgetLineFieldSchema, value: shortText }))
        .min(1)
        .max(100_000),
      reason: shortText.optional(),
      label: shortText.optional(),
    }),
    output: linesChangeSchema,
  },
  /** 按比例调整: the amounts of chosen lines, or of one 功能分类, scaled by a percentage in a scenario */
  'budget-scale': {
    input: z.strictObject({
      scenarioId: id,
      percent: z.string().max(50),
      lineIds: z.array(id).min(1).max(100_000).optional(),
      classCode: z
        .string()
        .regex(/^\d{3}$/)
        .optional(),
      reason: shortText.optional(),
    }),
    output: linesChangeSchema,
  },
  'budget-line-revert': {
    input: z.strictObject({ scenarioId: id, lineId: id, field: overrideFieldSchema.optional() }),
    output: lineChangeSchema,
  },
  'budget-line-add': {
    input: z.strictObject({ scenarioId: id, code: z.string().max(12), name: z.string().max(200), amount: z.string().max(50) }),
    output: lineChangeSchema,
  },
  'budget-line-delete': {
    input: z.strictObject({ scenarioId: id, lineIds: z.array(id).min(1).max(100_000) }),
    output: floorMetricsSchema,
  },
  'budget-settings-update': {
    input: z.strictObject({
      floor: z.number().gt(0).lt(1).optional(),
      livelihoodClasses: z
        .array(z.string().regex(/^\d{3}$/))
        .max(40)
        .optional(),
    }),
    output: budgetSettingsSchema,
  },
  'scenario-select': { input: z.strictObject({ scenarioId: id }), output: scenarioSummarySchema },
  'scenario-create': {
    input: z.strictObject({ name: z.string().max(60), fromScenarioId: id.optional() }),
    output: scenarioSummarySchema,
  },
  'scenario-delete': { input: z.strictObject({ scenarioId: id }), output: z.object({ deleted: id }) },
  'scenario-lock': { input: z.strictObject({ scenarioId: id, locked: z.boolean() }), output: scenarioSummarySchema },
  'scenario-promote': {
    input: z.strictObject({ scenarioId: id }),
    output: z.object({ baseline: scenarioSummarySchema, snapshot: scenarioSummarySchema }),
  },
  'goal-seek': {
    input: z.strictObject({
      scenarioId: id,
      lineId: id,
      variable: overrideFieldSchema,
      share: z.number().gt(0).lt(1),
      saveAs: z.string().max(60),
    }),
    output: z.object({ scenario: scenarioSummarySchema, value: z.number(), amountFen: z.number().int(), metrics: floorMetricsSchema }),
  },
  breakback: {
    input: z.strictObject({
      scenarioId: id,
      lineIds: z.array(id).min(1).max(100_000),
      heldLineIds: z.array(id).max(100_000),
      amount: z.string().max(50).optional(),
      restoreFloor: z.boolean().optional(),
      mode: z.enum(['proportional', 'even']),
      saveAs: z.string().max(60),
    }),
    output: z.object({ scenario: scenarioSummarySchema, deltas: z.array(z.number().int()), metrics: floorMetricsSchema }),
  },
  sensitivity: {
    input: z.strictObject({ scenarioId: id, row: sensitivityAxisSchema, col: sensitivityAxisSchema.optional() }),
    output: sensitivityTableSchema,
  },
  'scenario-compare': { input: z.strictObject({ scenarioIds: z.array(id).min(1).max(8) }), output: comparisonSchema },
  ...exchangeChannels,
  ...executionChannels,
  ...targetLinkChannels,
  'recovery-state': {
    input: noInput,
    output: z.object({
      path: z.string(),
      damaged: z.boolean(),
      /** why the workbook was not opened: 'missing', 'foreign', 'empty', 'truncated', 'damaged', 'newer', 'foreign-wal', … ('' when open) */
      reason: z.string(),
      problem: z.string(),
      locationWarning: z.string(),
      /** what the shell wants said once the page has loaded (a workbook from a USB stick copied in, …), '' when nothing */
      notice: z.string(),
      backups: z.array(backupEntrySchema),
    }),
  },
  'backup-list': { input: noInput, output: z.array(backupEntrySchema) },
  'backup-create': { input: noInput, output: z.array(backupEntrySchema) },
  'workbook-copy-local': { input: noInput, output: z.object({ path: z.string() }) },
  'workbook-new': { input: noInput, output: workbookOpenedSchema.nullable() },
  'workbook-open': { input: noInput, output: workbookOpenedSchema.nullable() },
  'workbook-open-recent': { input: z.strictObject({ path: z.string().min(1).max(1000) }), output: workbookOpenedSchema },
  'workbook-save-as': { input: noInput, output: workbookOpenedSchema.nullable() },
  'workbook-recent': {
    input: noInput,
    output: z.object({ current: z.string(), recent: z.array(z.object({ path: z.string(), exists: z.boolean() })) }),
  },
  'workbook-status': {
    input: noInput,
    output: z.object({
      path: z.string(),
      /** this window may not write: someone else has the workbook, or took it with 强制打开 */
      readOnly: z.boolean(),
      /** who has it since when, and what to do (empty while this window is the writer) */
      notice: z.string(),
      /**
       * changes committed by other processes since this window opened the workbook (SQLite's data_version; for a
       * team workbook, the commits others announced on its change channel)
       */
      externalChanges: z.number().int(),
      /** who else is working in a team workbook now ("李四@PC07"); always empty for a file */
      others: z.array(z.string()),
      /** the person's role in a team workbook, which the page offers edits and commands by (team-roles.ts); absent for a file */
      role: workbookRoleSchema.optional(),
    }),
  },
  'workbook-force-open': { input: noInput, output: workbookOpenedSchema },
  'report-data': {
    input: z.strictObject({
      kind: z.enum(REPORT_KINDS),
      scenarioIds: z.array(id).max(8).optional(),
      // the execution report's budget and period (its latest when left out)
      budgetId: id.optional(),
      year: z.number().int().min(1990).max(2100).optional(),
      month: z.number().int().min(1).max(12).optional(),
    }),
    output: reportModelSchema,
  },
  'report-pdf': {
    input: z.strictObject({ kind: z.enum(REPORT_KINDS) }),
    output: z.object({ path: z.string(), bytes: z.number().int() }).nullable(),
  },
  'backup-restore': {
    input: z.strictObject({
      file: z
        .string()
        .regex(/^[\w.-]+\.mswb$/)
        .max(120),
    }),
    output: z.object({ restored: z.string(), size: z.number().int() }),
  },
  'server-upload': {
    input: serverLogin.extend({ title: z.string().max(100) }),
    output: transferSummarySchema.extend({ address: z.string() }),
  },
  'server-local-copy': { input: serverLogin, output: transferSummarySchema.extend({ file: z.string() }).nullable() },
  'workbook-open-server': { input: serverLogin.extend({ remember: z.boolean().optional() }), output: workbookOpenedSchema },
  'server-password-state': { input: z.strictObject({ address: z.string().max(1000) }), output: serverPasswordStateSchema },
  'server-password-forget': { input: z.strictObject({ address: serverAddressText }), output: serverPasswordStateSchema },
} satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Contract[K]['output']>;

/** The API the preload (and the test harness) puts on `window.workbench`. */
export type WorkbenchApi = {
  [K in ChannelName]: (input: ChannelInput<K>) => Promise<import('./result').Result<ChannelOutput<K>>>;
};
