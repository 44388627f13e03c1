import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import type { PlanReading } from '../../core/document/plan-reading';

/** The messages between the app and the file parser process (spreadsheets, and plan documents of any format). */

export type ParseKind = 'spreadsheet' | 'plan';

export interface ParseRequest {
  /** echoed in the reply: a kept parser process answers one request after another */
  id: number;
  path: string;
  /** a spreadsheet to import, or a plan document read into blocks and parsed (see src/core/document) */
  kind?: ParseKind;
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
}

export type ParseOutcome = { ok: true; data: SpreadsheetData } | { ok: true; plan: PlanReading } | { ok: false; reason: string };

export type ParseReply = { id: number } & ParseOutcome;

export interface SpreadsheetParser {
  /** Parses the file in a separate process; rejects with a WorkbenchError in Chinese on any failure. */
  parse(path: string): Promise<SpreadsheetData>;
  /** Reads a plan document of any supported format and parses the plan in it, in the same process and limits. */
  readPlan(path: string): Promise<PlanReading>;
  /**
   * Starts parsing a spreadsheet before anyone asks for it (the CLI, while it loads the rest of itself); the
   * next parse() of the same path takes that result. Same process, limits and errors as parse().
   */
  prefetch?(path: string): void;
}

export interface ParseLimits {
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
  timeoutMs: number;
  maxHeapMb: number;
}

export const PARSE_LIMITS: ParseLimits = {
  maxFileBytes: 60 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 200,
  /** the parser process is killed after this long */
  timeoutMs: 30_000,
  /** and may not grow its heap past this */
  maxHeapMb: 768,
};
