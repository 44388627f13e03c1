import { z } from 'zod';

/**
 * The structured form of an implementation plan: what the parser produces, what the preview shows and
 * what `plan-import` stores. Shared so the IPC boundary validates exactly this shape.
 */

export const COMPARATORS = ['>=', '<=', '=', 'range'] as const;
export const comparatorSchema = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof comparatorSchema>;

export const OWNER_ROLES = ['lead', 'co'] as const;
export const ownerRoleSchema = z.enum(OWNER_ROLES);
export type OwnerRole = z.infer<typeof ownerRoleSchema>;

export const ownerSchema = z.object({ org: z.string(), role: ownerRoleSchema });
export type Owner = z.infer<typeof ownerSchema>;

export const parsedTargetSchema = z.object({
  label: z.string(),
  comparator: comparatorSchema,
  /** the number as written (3.35 in "3.35万人"); null for a range */
  value: z.number().nullable(),
  /** the unit as written ("万人", "%", "/10万") */
  unit: z.string(),
  /** value in its base unit (33500 人, 0.98 for 98%) */
  baseValue: z.number().nullable(),
  /** "人", "张", "元", "ratio" for rates, "" for a bare count */
  baseUnit: z.string(),
  approx: z.boolean(),
  /** range bounds in the base unit */
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** "由45元提高到50元": 45 in the base unit */
  baseline: z.number().nullable(),
  /** "较2016年提高3%": the change is relative to that year, not an absolute level */
  relativeToYear: z.number().int().nullable(),
  /** the sentence it came from */
  text: z.string(),
  /** the phrase that was read as the target ("不低于800场") */
  raw: z.string(),
  /** character offset of the phrase in the whole document */
  offset: z.number().int(),
});
export type ParsedTarget = z.infer<typeof parsedTargetSchema>;

export const parsedDomainSchema = z.object({
  ordinal: z.number().int(),
  name: z.string(),
  owners: z.array(ownerSchema),
});
export type ParsedDomain = z.infer<typeof parsedDomainSchema>;

export const parsedTaskSchema = z.object({
  number: z.number().int(),
  /** the number as written ("6." "（二）" "一是"); differs from `number` when numbering restarted per part */
  label: z.string().optional(),
  title: z.string(),
  /** the ordinal of its domain */
  domain: z.number().int(),
  text: z.string(),
  owners: z.array(ownerSchema),
  targets: z.array(parsedTargetSchema),
  /** where it came from: "第12行", "第3页 第5行", "表1 第4行", "工作表“任务” 第6行" */
  place: z.string().optional(),
});
export type ParsedTask = z.infer<typeof parsedTaskSchema>;

export const parsedSectionSchema = z.object({
  ordinal: z.number().int(),
  title: z.string(),
  kind: z.enum(['approach', 'key_work', 'tasks', 'safeguards', 'other']),
  text: z.string(),
});
export type ParsedSection = z.infer<typeof parsedSectionSchema>;

export const parsedPlanSchema = z.object({
  title: z.string(),
  issuer: z.string(),
  docNo: z.string(),
  /** ISO date "2017-07-26" or "" */
  date: z.string(),
  year: z.number().int().nullable(),
  preamble: z.string(),
  sections: z.array(parsedSectionSchema),
  domains: z.array(parsedDomainSchema),
  tasks: z.array(parsedTaskSchema),
  keyWork: z.object({ text: z.string(), targets: z.array(parsedTargetSchema) }),
  safeguards: z.array(z.object({ title: z.string(), text: z.string(), owners: z.array(ownerSchema) })),
  orgs: z.array(z.object({ name: z.string(), aliases: z.array(z.string()) })),
  conflicts: z.array(z.object({ label: z.string(), values: z.array(z.number()), places: z.array(z.string()) })),
  warnings: z.array(z.string()),
});
export type ParsedPlan = z.infer<typeof parsedPlanSchema>;
