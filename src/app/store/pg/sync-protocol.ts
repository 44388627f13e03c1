/**
 * The messages between the store's thread and the worker that holds a team workbook's PostgreSQL connection
 * (sync-server.ts waits for each answer; sync-worker.ts runs the driver, which only speaks asynchronously).
 */

export interface SyncConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string | undefined;
  ssl?: { rejectUnauthorized: boolean } | undefined;
  applicationName: string;
  statementTimeout: number;
  /** the workbook's schema: search_path, so that the store's SQL names its tables unqualified */
  schema: string;
}

export interface SyncRequest {
  seq: number;
  text: string;
  values: unknown[];
  rowMode: 'object' | 'array';
}

export type SyncAnswer =
  | { seq: number; ok: true; rows: unknown[]; rowCount: number; fields: string[]; command: string }
  | { seq: number; ok: false; code: string; message: string; lost: boolean };

/** Int32 slot 0 of the shared buffer: the sequence number of the last answer posted (0: connected, -1: failed). */
export const ANSWERED = 0;
