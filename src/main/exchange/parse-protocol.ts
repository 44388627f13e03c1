import type { SpreadsheetData } from '../../core/exchange/sheet-data';

/** The messages between the app and the spreadsheet parser process. */

export interface ParseRequest {
  path: string;
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
}

export type ParseReply = { ok: true; data: SpreadsheetData } | { ok: false; reason: string };

export interface SpreadsheetParser {
  /** Parses the file in a separate process; rejects with a WorkbenchError in Chinese on any failure. */
  parse(path: string): Promise<SpreadsheetData>;
}

export const PARSE_LIMITS = {
  maxFileBytes: 60 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 200,
  /** the parser process is killed after this long */
  timeoutMs: 30_000,
  /** and may not grow its heap past this */
  maxHeapMb: 768,
};
