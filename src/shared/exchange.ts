import { z } from 'zod';
import { scenarioSummarySchema } from './budget';

/** Shapes of the Excel/WPS exchange channels. Files are chosen in main; the page never sends a path. */

const token = z.string().regex(/^[0-9a-f-]{36}$/);
const detail = z.object({ where: z.string().optional(), message: z.string() });

export const sheetSummarySchema = z.object({
  sheet: z.string(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  notes: z.array(z.string()),
});

export const changeLineSchema = z.object({ where: z.string(), before: z.string(), after: z.string() });

export const roundTripPreviewSchema = z.object({
  token,
  fileName: z.string(),
  count: z.number().int(),
  summary: z.array(sheetSummarySchema),
  /** the first changes, for the preview list */
  changes: z.array(changeLineSchema),
  problems: z.array(detail),
});
export type RoundTripPreview = z.infer<typeof roundTripPreviewSchema>;

export const budgetMappingSchema = z.strictObject({
  sheet: z.string().max(100),
  headerRow: z.number().int().min(0).max(1000),
  codeColumn: z.number().int().min(0).max(200),
  nameColumn: z.number().int().min(0).max(200),
  amountColumn: z.number().int().min(0).max(200),
  unit: z.enum(['yuan', 'wan', 'yi']),
});
export type BudgetMappingInput = z.infer<typeof budgetMappingSchema>;

export const budgetInspectSchema = z.object({
  token,
  fileName: z.string(),
  encoding: z.string(),
  sheets: z.array(z.object({ name: z.string(), rowCount: z.number().int(), preview: z.array(z.array(z.string())) })),
  guess: budgetMappingSchema.nullable(),
});
export type BudgetInspect = z.infer<typeof budgetInspectSchema>;

export const budgetMappedSchema = z.object({
  count: z.number().int(),
  totalFen: z.number().int(),
  skipped: z.number().int(),
  lines: z.array(z.object({ code: z.string(), name: z.string(), amountFen: z.number().int() })),
  problems: z.array(detail),
});
export type BudgetMapped = z.infer<typeof budgetMappedSchema>;

export const packetChangeSchema = z.object({
  id: z.number().int(),
  targetId: z.number().int(),
  label: z.string(),
  taskNumber: z.number().int().nullable(),
  field: z.enum(['actual', 'note']),
  before: z.string(),
  after: z.string(),
  where: z.string(),
});
export type PacketChangeRow = z.infer<typeof packetChangeSchema>;

export const packetPreviewSchema = z.object({
  token,
  fileName: z.string(),
  orgName: z.string(),
  changes: z.array(packetChangeSchema),
  problems: z.array(detail),
});
export type PacketPreview = z.infer<typeof packetPreviewSchema>;

/** One change of a local copy (另存为本地副本) held against the team workbook, for the user to accept or reject. */
export const localCopyChangeSchema = z.object({
  id: z.number().int(),
  what: z.string(),
  tableLabel: z.string(),
  fieldLabel: z.string(),
  /** at the copy, in the copy now, in the team workbook now */
  beforeText: z.string(),
  afterText: z.string(),
  serverText: z.string(),
  /**
   * clean: nobody changed it on the server since the copy; conflict: somebody did (serverBy); same: the server has
   * it already; gone: the server's record was deleted; left-out: a new or deleted task, target, line… that cannot
   * come back by itself
   */
  state: z.enum(['clean', 'conflict', 'same', 'gone', 'left-out']),
  serverBy: z.string().optional(),
  /** why a change is gone or left out (需手工处理) */
  reason: z.string().optional(),
});
export type LocalCopyChange = z.infer<typeof localCopyChangeSchema>;

export const localCopyReviewSchema = z.object({
  token,
  fileName: z.string(),
  takenAt: z.string(),
  changes: z.array(localCopyChangeSchema),
});
export type LocalCopyReview = z.infer<typeof localCopyReviewSchema>;

export const exchangeChannels = {
  'xlsx-export': { input: z.strictObject({}), output: z.object({ path: z.string(), sheets: z.array(z.string()) }).nullable() },
  'xlsx-import-preview': { input: z.strictObject({}), output: roundTripPreviewSchema.nullable() },
  'xlsx-import-apply': { input: z.strictObject({ token }), output: z.object({ applied: z.number().int() }) },
  'budget-import-inspect': { input: z.strictObject({}), output: budgetInspectSchema.nullable() },
  'budget-import-preview': { input: z.strictObject({ token, mapping: budgetMappingSchema }), output: budgetMappedSchema },
  'budget-import-apply': {
    input: z.strictObject({ token, mapping: budgetMappingSchema, baselineName: z.string().max(60) }),
    output: scenarioSummarySchema,
  },
  'packet-export': {
    input: z.strictObject({ orgId: z.number().int().positive().optional() }),
    output: z.object({ files: z.array(z.string()) }).nullable(),
  },
  'packet-import-preview': { input: z.strictObject({}), output: packetPreviewSchema.nullable() },
  'packet-import-apply': {
    input: z.strictObject({ token, acceptIds: z.array(z.number().int().positive()).max(100_000) }),
    output: z.object({ applied: z.number().int() }),
  },
  /** `again`: review the same copy once more (after an apply was refused because the server changed meanwhile) */
  'local-copy-review': { input: z.strictObject({ again: token.optional() }), output: localCopyReviewSchema.nullable() },
  'local-copy-apply': {
    input: z.strictObject({ token, acceptIds: z.array(z.number().int().nonnegative()).max(100_000) }),
    output: z.object({ applied: z.number().int() }),
  },
} as const;
