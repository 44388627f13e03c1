import { z } from 'zod';
import { targetRowSchema } from './grid';

/** The channel that links a target's actual to a figure the workbook already has (a budget share). */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const targetLinkInputSchema = z.discriminatedUnion('source', [
  /** the livelihood share of one scenario; without scenarioId, of the current baseline */
  z.strictObject({ source: z.literal('budget_share'), scenarioId: id.optional() }),
  /** no link: the actual is typed again */
  z.strictObject({ source: z.literal('typed') }),
]);
export type TargetLinkInput = z.infer<typeof targetLinkInputSchema>;

export const targetLinkChannels = {
  'target-link-set': {
    input: z.strictObject({ targetId: id, link: targetLinkInputSchema, reason: z.string().max(500).optional() }),
    output: targetRowSchema,
  },
};
