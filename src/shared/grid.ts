import { z } from 'zod';
import { comparatorSchema } from './plan';

/** Shapes of the plan grids: targets with progress, orgs, matrix, batch cell edits, change-log filters. */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const progressStateSchema = z.enum(['met', 'green', 'yellow', 'red', 'no_data']);

export const progressSettingsSchema = z.object({
  /** yyyy-mm-dd, '' = today */
  asOf: z.string(),
  yellowPoints: z.number(),
  redPoints: z.number(),
  year: z.number().int().nullable(),
  /** share of the plan year elapsed on the as-of date */
  elapsed: z.number(),
  /** the as-of date actually used */
  effectiveAsOf: z.string(),
});
export type ProgressSettings = z.infer<typeof progressSettingsSchema>;

export const TARGET_EDITABLE_FIELDS = ['label', 'comparator', 'value', 'baseline', 'actual', 'dueDate', 'note'] as const;
export type TargetEditableField = (typeof TARGET_EDITABLE_FIELDS)[number];

/** Where a target's actual comes from when it is not typed: a budget scenario's livelihood share. */
export const TARGET_LINK_SOURCES = ['budget_share'] as const;
export const targetLinkSchema = z.object({
  source: z.enum(TARGET_LINK_SOURCES),
  /** null follows the current baseline */
  scenarioId: id.nullable(),
});
export type TargetLink = z.infer<typeof targetLinkSchema>;

export const targetRowSchema = z.object({
  id,
  planId: id,
  taskId: id.nullable(),
  taskNumber: z.number().int().nullable(),
  taskTitle: z.string(),
  domainOrdinal: z.number().int(),
  domainName: z.string(),
  ord: z.number().int(),
  label: z.string(),
  comparator: comparatorSchema,
  value: z.number().nullable(),
  unit: z.string(),
  /** the value in base units (人, ratio, 元): the only figure of the row not in the unit as written */
  baseValue: z.number().nullable(),
  baseUnit: z.string(),
  approx: z.boolean(),
  /** a range's bounds, the base year's value and the actual: all in the unit as written, like `value` */
  min: z.number().nullable(),
  max: z.number().nullable(),
  baseline: z.number().nullable(),
  actual: z.number().nullable(),
  dueDate: z.string(),
  note: z.string(),
  sourceText: z.string(),
  leadOrgs: z.array(z.string()),
  completion: z.number().nullable(),
  progress: progressStateSchema,
  behindPoints: z.number().nullable(),
  /** "较2016年提高3%": the base year; the base year's value is the row's baseline */
  relativeToYear: z.number().int().nullable(),
  /** for a relative target, the level to reach in the written unit (null until the base year's value is known) */
  relativeLevel: z.number().nullable(),
  /** a linked actual fills itself from here */
  link: targetLinkSchema.nullable(),
  /** where the actual comes from, in words ('' when typed) */
  actualSource: z.string(),
});
export type TargetRow = z.infer<typeof targetRowSchema>;

export const targetListSchema = z.object({ targets: z.array(targetRowSchema), progress: progressSettingsSchema });

export const ORG_EDITABLE_FIELDS = ['name', 'aliases', 'contact', 'phone'] as const;
export type OrgEditableField = (typeof ORG_EDITABLE_FIELDS)[number];

export const orgRowSchema = z.object({
  id,
  name: z.string(),
  aliases: z.array(z.string()),
  leadCount: z.number().int(),
  coCount: z.number().int(),
  contact: z.string(),
  phone: z.string(),
  targetsTotal: z.number().int(),
  targetsMet: z.number().int(),
  targetsRed: z.number().int(),
  targetsYellow: z.number().int(),
});
export type OrgRow = z.infer<typeof orgRowSchema>;

export const changeLogFilterSchema = z.strictObject({
  limit: z.number().int().min(1).max(5000).optional(),
  taskId: id.optional(),
  orgId: id.optional(),
  /** yyyy-mm-dd, inclusive */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
