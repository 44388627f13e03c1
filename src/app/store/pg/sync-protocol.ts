import type { ConnectionSettings } from './client-config';
/**
 * The messages between the store's thread and the worker that holds a team workbook's PostgreSQL connection
 * (sync-server.ts waits for each answer; sync-worker.ts runs the driver, which only speaks asynchronously).
 */

export interface SyncConnectionConfig extends ConnectionSettings {
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
/**
 * Int32 slot 1: how many commits other connections have announced on the workbook's channel (LISTEN), plus one
 * whenever the listening connection was lost and came back (what was announced meanwhile is unknown).
 */
export const OTHERS_COMMITTED = 1;
/**
 * Int32 slot 2: the worker's heartbeat, raised every HEARTBEAT_MS while its event loop runs. A worker that stops
 * beating (killed, or stuck in a loop) will never answer: the store stops waiting for it long before the statement
 * time limit.
 */
export const HEARTBEAT = 2;
export const HEARTBEAT_MS = 250;
/**
 * Int32 slot 3: 1 once the worker's connection has failed or ended (a server restart, a cut line) — known to the
 * store without sending it a statement, so that the window turns read-only and the connection is retried.
 */
export const CONNECTION_LOST = 3;
/** the shared buffer: ANSWERED, OTHERS_COMMITTED, HEARTBEAT, CONNECTION_LOST */
export const SHARED_SLOTS = 4;

/**
 * The start of every connection's application_name in a team workbook, followed by who and where: pg_stat_activity
 * then tells who else is in it. PostgreSQL keeps application_name ASCII (anything else becomes ?) and 63 bytes
 * long, so "李四@PC07" is carried as base64url of its UTF-8 — 4 characters per Chinese character.
 */
export function presencePrefix(schema: string): string {
  return `mswb ${schema} `;
}

export function presenceName(schema: string, who: string): string {
  return `${presencePrefix(schema)}${Buffer.from(who, 'utf8').toString('base64url')}`.slice(0, 63);
}

/** Who a presence name stands for; null when it was cut short (a very long name) and cannot be read back. */
export function presenceOf(schema: string, applicationName: string): string | null {
  const encoded = applicationName.slice(presencePrefix(schema).length);
  const who = Buffer.from(encoded, 'base64url').toString('utf8');
  return who && !who.includes('\uFFFD') && Buffer.from(who, 'utf8').toString('base64url') === encoded ? who : null;
}

/** The workbook's change channel: every commit that wrote sends NOTIFY on it (server-db.ts). */
export function changeChannel(schema: string): string {
  return `minsheng_${schema}`;
}
