import { z } from 'zod';
import { targetLinkSchema, targetRowSchema } from './grid';

/** The channel that links a target's actual to a figure the workbook already has (a budget share). */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const targetLinkChannels = {
  'target-link-set': {
    input: z.strictObject({
      targetId: id,
      /** null removes the link: the actual is typed again */
      link: targetLinkSchema.strict().nullable(),
      reason: z.string().max(500).optional(),
    }),
    output: targetRowSchema,
  },
};
