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

const { overrides: lineOverridesSchema, ...lineScalarShape } = budgetLineRowSchema.shape;
type LineScalarShape = typeof lineScalarShape;
type LineColumnsShape = { [K in keyof LineScalarShape]: z.ZodArray<LineScalarShape[K]> };
const lineColumnsShape = Object.fromEntries(
  Object.entries(lineScalarShape).map(([key, schema]) => [key, z.array(schema)]),
) as unknown as LineColumnsShape;

/**
 * A whole scenario's grid rows as columns — one array per field, the few lines with overrides listed by row — the
 * way the budget view crosses the process boundary. 100,000 rows as objects cost the main process about 0.24 s to
 * serialise and 0.08 s to validate, and the page as much again to take apart; as columns about a third of each.
 * `budgetLinesFromTable` makes the rows again.
 */
export const budgetLineTableSchema = z
  .object({ ...lineColumnsShape, overrides: z.array(z.tuple([z.number().int().nonnegative(), lineOverridesSchema])) })
  .refine((table) => Object.keys(lineScalarShape).every((key) => table[key as keyof LineScalarShape].length === table.id.length), {
    message: '预算行各列的长度不一致',
  })
  .refine((table) => table.overrides.every(([row], i) => row < table.id.length && (i === 0 || row > (table.overrides[i - 1]?.[0] ?? -1))), {
    message: '预算行的调整项应按行号递增，且在行数之内',
  });
export type BudgetLineTable = z.infer<typeof budgetLineTableSchema>;

const noOverrides: BudgetLineRow['overrides'] = [];

/** The rows of a line table, each one literal with every field (100,000 rows stay in V8's fast object shapes). */
export function budgetLinesFromTable(table: BudgetLineTable): BudgetLineRow[] {
  const overridesAt = new Map(table.overrides);
  const rows = new Array<BudgetLineRow>(table.id.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = {
      id: table.id[i] as number,
      ord: table.ord[i] as number,
      code: table.code[i] as string,
      name: table.name[i] as string,
      classCode: table.classCode[i] as string,
      className: table.className[i] as string,
      livelihood: table.livelihood[i] as boolean,
      livelihoodOverride: table.livelihoodOverride[i] ?? null,
      domainId: table.domainId[i] ?? null,
      taskId: table.taskId[i] ?? null,
      taskNumber: table.taskNumber[i] ?? null,
      targetId: table.targetId[i] ?? null,
      targetLabel: table.targetLabel[i] as string,
      note: table.note[i] as string,
      amountFen: table.amountFen[i] as number,
      baseAmountFen: table.baseAmountFen[i] as number,
      hasDriver: table.hasDriver[i] as boolean,
      quantity: table.quantity[i] ?? null,
      baseQuantity: table.baseQuantity[i] ?? null,
      rateFen: table.rateFen[i] ?? null,
      baseRateFen: table.baseRateFen[i] ?? null,
      overrides: overridesAt.get(i) ?? noOverrides,
    };
  }
  return rows;
}

const budgetViewFields = {
  scenario: scenarioSummarySchema,
  scenarios: z.array(scenarioSummarySchema),
  settings: budgetSettingsSchema,
  metrics: floorMetricsSchema,
};

/** The budget view as the page holds it. */
export const budgetViewSchema = z.object({ ...budgetViewFields, lines: z.array(budgetLineRowSchema) });
export type BudgetView = z.infer<typeof budgetViewSchema>;

/** The budget view as the channel answers it: the lines as a table (see budgetLineTableSchema). */
export const budgetViewAnswerSchema = z.object({ ...budgetViewFields, lines: budgetLineTableSchema });
export type BudgetViewAnswer = z.infer<typeof budgetViewAnswerSchema>;

/** The view with its rows made again from the table. */
export function budgetViewFromAnswer(answer: BudgetViewAnswer): BudgetView {
  return { ...answer, lines: budgetLinesFromTable(answer.lines) };
}

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
