import { z } from 'zod';

/** Shapes of the budget and scenario channels (amounts are integer 分 everywhere across the boundary). */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const fen = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const overrideFieldSchema = z.enum(['amount', 'quantity', 'rate']);
export const overrideOpSchema = z.enum(['set', 'add', 'pct']);

export const budgetSettingsSchema = z.object({
  floor: z.number(),
  livelihoodClasses: z.array(z.string()),
  preset: z.enum(['narrow', 'broad', 'custom']),
  source: z.string(),
});
export type BudgetSettings = z.infer<typeof budgetSettingsSchema>;

export const scenarioSummarySchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['baseline', 'scenario', 'snapshot']),
  baselineId: id.nullable(),
  locked: z.boolean(),
  isExample: z.boolean(),
  note: z.string(),
  createdAt: z.string(),
  overrideCount: z.number().int(),
  lineCount: z.number().int(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

export const floorMetricsSchema = z.object({
  status: z.enum(['meets', 'below', 'no_spending', 'invalid_floor']),
  message: z.string(),
  totalFen: fen,
  livelihoodFen: fen,
  share: z.number().nullable(),
  floor: z.number(),
  meetsFloor: z.boolean(),
  headroomFen: fen,
  maxNonLivelihoodAdditionFen: fen,
  minLivelihoodIncreaseFen: fen,
  maxLivelihoodCutFen: fen,
});

export const budgetLineRowSchema = z.object({
  id,
  ord: z.number().int(),
  code: z.string(),
  name: z.string(),
  classCode: z.string(),
  className: z.string(),
  livelihood: z.boolean(),
  livelihoodOverride: z.boolean().nullable(),
  domainId: id.nullable(),
  taskId: id.nullable(),
  taskNumber: z.number().int().nullable(),
  targetId: id.nullable(),
  targetLabel: z.string(),
  note: z.string(),
  amountFen: fen,
  baseAmountFen: fen,
  hasDriver: z.boolean(),
  quantity: z.number().nullable(),
  baseQuantity: z.number().nullable(),
  rateFen: z.number().nullable(),
  baseRateFen: z.number().nullable(),
  overrides: z.array(z.object({ field: overrideFieldSchema, op: overrideOpSchema, value: z.number() })),
});
export type BudgetLineRow = z.infer<typeof budgetLineRowSchema>;

export const budgetViewSchema = z.object({
  scenario: scenarioSummarySchema,
  scenarios: z.array(scenarioSummarySchema),
  settings: budgetSettingsSchema,
  lines: z.array(budgetLineRowSchema),
  metrics: floorMetricsSchema,
});
export type BudgetView = z.infer<typeof budgetViewSchema>;

export const lineChangeSchema = z.object({ line: budgetLineRowSchema, metrics: floorMetricsSchema });

/** The rows an action changed, the scenario's figures after it, and how many overrides the scenario now holds. */
export const linesChangeSchema = z.object({
  lines: z.array(budgetLineRowSchema),
  metrics: floorMetricsSchema,
  overrideCount: z.number().int(),
});
export type LinesChange = z.infer<typeof linesChangeSchema>;

export const BUDGET_LINE_FIELDS = ['amount', 'quantity', 'rate', 'code', 'name', 'livelihood', 'taskNumber', 'note'] as const;
export const budgetLineFieldSchema = z.enum(BUDGET_LINE_FIELDS);
export type BudgetLineField = z.infer<typeof budgetLineFieldSchema>;

export const sensitivityGroupSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('livelihood') }),
  z.strictObject({ kind: z.literal('non_livelihood') }),
  z.strictObject({ kind: z.literal('class'), classCode: z.string().regex(/^\d{3}$/) }),
]);
export type SensitivityGroupInput = z.infer<typeof sensitivityGroupSchema>;

const steps = z.array(z.number().min(-0.99).max(10)).min(1).max(25);
export const sensitivityAxisSchema = z.strictObject({ group: sensitivityGroupSchema, steps });

export const sensitivityTableSchema = z.object({
  floor: z.number(),
  rowSteps: z.array(z.number()),
  colSteps: z.array(z.number()),
  share: z.array(z.array(z.number().nullable())),
  meets: z.array(z.array(z.boolean())),
});
export type SensitivityResult = z.infer<typeof sensitivityTableSchema>;

const compareRowSchema = z.object({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  classCode: z.string(),
  className: z.string(),
  livelihood: z.boolean(),
  amounts: z.array(fen.nullable()),
  deltas: z.array(fen.nullable()),
  deltaRatios: z.array(z.number().nullable()),
  targetId: id.nullable(),
  targetLabel: z.string(),
});
export type CompareRowData = z.infer<typeof compareRowSchema>;

export const comparisonSchema = z.object({
  scenarios: z.array(scenarioSummarySchema),
  metrics: z.array(floorMetricsSchema),
  lines: z.array(compareRowSchema),
  classes: z.array(compareRowSchema),
  fallingTargetLines: z.array(compareRowSchema),
});
export type Comparison = z.infer<typeof comparisonSchema>;
