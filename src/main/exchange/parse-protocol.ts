import type { SpreadsheetData } from '../../core/exchange/sheet-data';

/** The messages between the app and the spreadsheet parser process. */

export interface ParseRequest {
  /** echoed in the reply: a kept parser process answers one request after another */
  id: number;
  path: string;
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
}

export type ParseOutcome = { ok: true; data: SpreadsheetData } | { ok: false; reason: string };

export type ParseReply = { id: number } & ParseOutcome;

export interface SpreadsheetParser {
  /** Parses the file in a separate process; rejects with a WorkbenchError in Chinese on any failure. */
  parse(path: string): Promise<SpreadsheetData>;
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
