import { z } from 'zod';
import type { Db } from './connection';
import { settingValue } from './setting-repository';

/**
 * Where a local copy (另存为本地副本) came from: the team workbook, and the newest action of its history at the
 * moment of the copy. Stored in the copy's own `setting` table, so it travels with the file; bringing the copy's
 * changes back (bring-back/) reads the copy's journal from that action on, and checks the server still has the
 * same history up to it.
 */

export const COPY_ORIGIN_KEY = 'team.local_copy_of';

const copyOriginSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  workbook: z.string(),
  /** the newest action at the copy: 0 for a workbook without history */
  lastAction: z.number().int().min(0),
  /** that action's time and session, which identify it on the server */
  lastActionAt: z.string(),
  lastActionSession: z.string(),
  takenAt: z.string(),
});

export type CopyOrigin = z.infer<typeof copyOriginSchema>;

export function readCopyOrigin(db: Db): CopyOrigin | null {
  const text = settingValue(db, COPY_ORIGIN_KEY);
  if (text === undefined) return null;
  try {
    const parsed = copyOriginSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written once, into the new copy's file before it gets its name (not a journaled edit: it is the copy's birth). */
export function copyOriginText(origin: CopyOrigin): string {
  return JSON.stringify(copyOriginSchema.parse(origin));
}
