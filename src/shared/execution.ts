import { z } from 'zod';
import { budgetSettingsSchema, floorMetricsSchema, scenarioSummarySchema } from './budget';

/**
 * Shapes of the budget execution channels: several budgets per workbook (达州市本级, 通川区, …), their monthly
 * execution tables, the year-end projections against the 70% floor, and the county comparison.
 * Amounts are integer 分 across the boundary.
 */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const fen = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const token = z.string().regex(/^[0-9a-f-]{36}$/);
const detail = z.object({ where: z.string().optional(), message: z.string() });
const year = z.number().int().min(1990).max(2100);
const month = z.number().int().min(1).max(12);
const column = z.number().int().min(0).max(200);
const classCode = z.string().regex(/^\d{3}$/);

export const PROJECTION_METHOD_IDS = ['planned', 'last_year', 'straight_line'] as const;
export const projectionMethodSchema = z.enum(PROJECTION_METHOD_IDS);
export const executionLightSchema = z.enum(['done', 'green', 'yellow', 'red', 'no_budget']);

export const periodSchema = z.object({ year, month });
export type PeriodData = z.infer<typeof periodSchema>;

export const executionBudgetSchema = z.object({
  id,
  name: z.string(),
  /** its own 民生 classes; null when it follows the workbook's setting */
  ownClasses: z.array(z.string()).nullable(),
  isExample: z.boolean(),
  note: z.string(),
  reportCount: z.number().int(),
  latest: periodSchema.nullable(),
});
export type ExecutionBudget = z.infer<typeof executionBudgetSchema>;

export const executionReportSchema = z.object({
  id,
  budgetId: id,
  year,
  month,
  label: z.string(),
  source: z.string(),
  isExample: z.boolean(),
  lineCount: z.number().int(),
  createdAt: z.string(),
});
export type ExecutionReport = z.infer<typeof executionReportSchema>;

const projectedSchema = z.object({ planned: fen.nullable(), last_year: fen.nullable(), straight_line: fen.nullable() });
const scheduleFields = {
  executionRate: z.number().nullable(),
  behindPoints: z.number().nullable(),
  light: executionLightSchema,
  projected: projectedSchema,
};

export const executionLineRowSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  level: z.string(),
  classCode: z.string(),
  livelihood: z.boolean(),
  initialBudgetFen: fen.nullable(),
  adjustedBudgetFen: fen.nullable(),
  monthFen: fen.nullable(),
  cumulativeFen: fen,
  budgetFen: fen.nullable(),
  note: z.string(),
  ...scheduleFields,
});
export type ExecutionLineRow = z.infer<typeof executionLineRowSchema>;

export const executionClassRowSchema = z.object({
  /** the class code as a number, for the grid's row id */
  id,
  classCode: z.string(),
  className: z.string(),
  livelihood: z.boolean(),
  lineCount: z.number().int(),
  initialBudgetFen: fen,
  budgetFen: fen,
  monthFen: fen,
  cumulativeFen: fen,
  linesWithoutBudget: z.number().int(),
  ...scheduleFields,
});
export type ExecutionClassRow = z.infer<typeof executionClassRowSchema>;

export const methodProjectionSchema = z.object({
  method: projectionMethodSchema,
  label: z.string(),
  description: z.string(),
  available: z.boolean(),
  reason: z.string(),
  totalFen: fen,
  livelihoodFen: fen,
  nonLivelihoodFen: fen,
  share: z.number().nullable(),
  meetsFloor: z.boolean(),
  yearEnd: floorMetricsSchema,
  furtherLivelihoodNeededFen: fen,
  perMonthNeededFen: fen.nullable(),
  expectedFurtherLivelihoodFen: fen,
  shortfallFen: fen,
});
export type MethodProjectionData = z.infer<typeof methodProjectionSchema>;

export const executionProjectionSchema = z.object({
  month,
  remainingMonths: z.number().int(),
  floor: z.number(),
  ytd: z.object({ totalFen: fen, livelihoodFen: fen, share: z.number().nullable(), meetsFloor: z.boolean() }),
  methods: z.array(methodProjectionSchema),
  range: z.object({ low: z.number().nullable(), high: z.number().nullable(), meetsInAll: z.boolean(), meetsInNone: z.boolean() }),
});
export type ExecutionProjectionData = z.infer<typeof executionProjectionSchema>;

const monthly = z.array(z.number().nullable()).length(12);

export const executionViewSchema = z.object({
  budgets: z.array(executionBudgetSchema),
  budget: executionBudgetSchema.nullable(),
  reports: z.array(executionReportSchema),
  report: executionReportSchema.nullable(),
  settings: budgetSettingsSchema,
  schedule: z.object({ elapsed: z.number(), asOf: z.string(), yellowPoints: z.number(), redPoints: z.number() }),
  budgetTotalFen: fen,
  executionRate: z.number().nullable(),
  projection: executionProjectionSchema.nullable(),
  classes: z.array(executionClassRowSchema),
  lines: z.array(executionLineRowSchema),
  chart: z.object({ actual: monthly, lastYear: monthly, bandLow: monthly, bandHigh: monthly }),
  /** last year's months on record (the profile method needs the report's month and December) */
  lastYear: z.object({ year: z.number().int(), months: z.array(month) }).nullable(),
});
export type ExecutionView = z.infer<typeof executionViewSchema>;

export const compareRowSchema = z.object({
  budgetId: z.number().int(),
  name: z.string(),
  isExample: z.boolean(),
  reported: z.boolean(),
  source: z.string(),
  totalFen: fen,
  livelihoodFen: fen,
  budgetTotalFen: fen,
  executionRate: z.number().nullable(),
  share: z.number().nullable(),
  meetsFloor: z.boolean(),
  headroomFen: fen,
  projectedLow: z.number().nullable(),
  projectedHigh: z.number().nullable(),
  meetsInAll: z.boolean(),
  meetsInNone: z.boolean(),
  methods: z.array(
    z.object({
      method: projectionMethodSchema,
      available: z.boolean(),
      share: z.number().nullable(),
      meetsFloor: z.boolean(),
      furtherLivelihoodNeededFen: fen,
      perMonthNeededFen: fen.nullable(),
    }),
  ),
  /** the most any available method asks of 民生 per remaining month */
  worstPerMonthNeededFen: fen.nullable(),
  rank: z.number().int().nullable(),
});
export type CompareRow = z.infer<typeof compareRowSchema>;

export const executionCompareSchema = z.object({
  periods: z.array(periodSchema),
  period: periodSchema.nullable(),
  floor: z.number(),
  rows: z.array(compareRowSchema),
  total: compareRowSchema.nullable(),
  notes: z.array(z.string()),
});
export type ExecutionCompare = z.infer<typeof executionCompareSchema>;

export const executionMappingSchema = z.strictObject({
  sheet: z.string().max(100),
  headerRow: z.number().int().min(0).max(1000),
  codeColumn: column,
  nameColumn: column,
  initialBudgetColumn: column.nullable(),
  adjustedBudgetColumn: column.nullable(),
  monthColumn: column.nullable(),
  cumulativeColumn: column.nullable(),
  unit: z.enum(['yuan', 'wan', 'yi']),
  year: year.nullable(),
  month: month.nullable(),
});
export type ExecutionMappingInput = z.infer<typeof executionMappingSchema>;

export const executionInspectSchema = z.object({
  token,
  fileName: z.string(),
  encoding: z.string(),
  sheets: z.array(z.object({ name: z.string(), rowCount: z.number().int(), preview: z.array(z.array(z.string())) })),
  /** one per sheet; null where the sheet does not look like an execution table */
  guesses: z.array(executionMappingSchema.nullable()),
});
export type ExecutionInspect = z.infer<typeof executionInspectSchema>;

const previewLineSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  budgetFen: fen.nullable(),
  cumulativeFen: fen,
  note: z.string(),
});
const differenceSchema = z.object({ code: z.string(), name: z.string(), before: fen.nullable(), after: fen.nullable() });

export const executionPreviewSchema = z.object({
  sheets: z.array(
    z.object({
      sheet: z.string(),
      label: z.string(),
      count: z.number().int(),
      totalFen: fen,
      livelihoodFen: fen,
      skipped: z.number().int(),
      notes: z.array(z.string()),
      lines: z.array(previewLineSchema),
      /** the report this one would replace, with the differences by code */
      replaces: z
        .object({
          source: z.string(),
          totalFen: fen,
          lineCount: z.number().int(),
          changedCount: z.number().int(),
          differences: z.array(differenceSchema),
        })
        .nullable(),
    }),
  ),
  problems: z.array(detail),
});
export type ExecutionPreview = z.infer<typeof executionPreviewSchema>;

const mappings = z.array(executionMappingSchema).min(1).max(24);
/** which budget an import goes to: an existing one, or a new one by name */
const target = { budgetId: id.optional(), newBudgetName: z.string().max(60).optional() };

export const EXECUTION_ENTRY_FIELDS = ['code', 'name', 'initialBudget', 'adjustedBudget', 'month', 'cumulative', 'note'] as const;
export const executionEntryFieldSchema = z.enum(EXECUTION_ENTRY_FIELDS);
export type ExecutionEntryField = z.infer<typeof executionEntryFieldSchema>;

export const executionChannels = {
  'execution-view': {
    input: z.strictObject({ budgetId: id.optional(), year: year.optional(), month: month.optional() }),
    output: executionViewSchema,
  },
  'execution-compare': { input: z.strictObject({ year: year.optional(), month: month.optional() }), output: executionCompareSchema },
  'execution-budget-create': { input: z.strictObject({ name: z.string().max(60) }), output: executionBudgetSchema },
  'execution-budget-update': {
    input: z.strictObject({
      budgetId: id,
      name: z.string().max(60).optional(),
      livelihoodClasses: z.array(classCode).max(40).nullable().optional(),
    }),
    output: executionBudgetSchema,
  },
  'execution-budget-delete': { input: z.strictObject({ budgetId: id }), output: z.object({ deleted: id }) },
  'execution-examples-delete': { input: z.strictObject({}), output: z.object({ deleted: z.number().int() }) },
  'execution-import-inspect': { input: z.strictObject({}), output: executionInspectSchema.nullable() },
  'execution-import-preview': { input: z.strictObject({ token, mappings, ...target }), output: executionPreviewSchema },
  'execution-import-apply': {
    input: z.strictObject({ token, mappings, ...target }),
    output: z.object({ budget: executionBudgetSchema, reports: z.array(executionReportSchema), replaced: z.number().int() }),
  },
  'execution-month-create': { input: z.strictObject({ budgetId: id, year, month }), output: executionReportSchema },
  'execution-report-withdraw': { input: z.strictObject({ reportId: id }), output: z.object({ withdrawn: id }) },
  'execution-lines-update': {
    input: z.strictObject({
      reportId: id,
      edits: z
        .array(z.strictObject({ lineId: id, field: executionEntryFieldSchema, value: z.string().max(500) }))
        .min(1)
        .max(20_000),
      reason: z.string().max(500).optional(),
      label: z.string().max(500).optional(),
    }),
    output: z.array(executionLineRowSchema),
  },
  'execution-line-add': {
    input: z.strictObject({ reportId: id, code: z.string().max(12), name: z.string().max(200) }),
    output: executionLineRowSchema,
  },
  'execution-lines-delete': {
    input: z.strictObject({ reportId: id, lineIds: z.array(id).min(1).max(100_000) }),
    output: z.object({ deleted: z.number().int() }),
  },
  'execution-scenario-create': {
    input: z.strictObject({ budgetId: id, year, month, method: projectionMethodSchema.optional() }),
    output: z.object({ baseline: scenarioSummarySchema, scenario: scenarioSummarySchema, method: projectionMethodSchema }),
  },
} as const;
