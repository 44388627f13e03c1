import type { HistoryState } from './contract';

/**
 * How every call across the IPC boundary answers. Electron keeps only `message` of a thrown error,
 * so errors travel as data with a kind the UI can branch on and details it can show.
 */
export const ERROR_KINDS = [
  'validation', // input did not match the channel's schema
  'bad_input', // well-formed input that the domain refuses (a value that cannot be stored)
  'not_found',
  'conflict',
  'storage', // SQLite refused (disk full, locked, corrupt)
  'forbidden', // sender is not the app's own page
  'unknown_channel',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * A refusal: the workbook looked at the request and declined it (a value it cannot store, a name taken, a
 * locked scenario). Nothing was written and nothing failed — unlike `storage`/`internal`, where a write was
 * attempted and did not happen.
 */
const REFUSAL_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['validation', 'bad_input', 'not_found', 'conflict', 'forbidden']);
export function isRefusal(kind: ErrorKind): boolean {
  return REFUSAL_KINDS.has(kind);
}

export interface ErrorDetail {
  /** where the problem is, e.g. "第3行 第2列" or a field path */
  where?: string;
  message: string;
}

export interface WorkbenchErrorData {
  kind: ErrorKind;
  /** a sentence in Simplified Chinese that the UI may show as is */
  message: string;
  details: ErrorDetail[];
}

/**
 * What a write changed, sent with its answer: the tables (so each view reloads only when something it shows
 * changed) and the undo/redo state after it (so the page needs no second request to relabel 撤销/重做).
 */
export interface WorkbookChanges {
  tables: string[];
  history: HistoryState;
}

export type Result<T> = { ok: true; value: T; changes?: WorkbookChanges } | { ok: false; error: WorkbenchErrorData };

/** Thrown inside handlers and services; turned into `{ ok: false }` at the boundary. */
export class WorkbenchError extends Error {
  readonly kind: ErrorKind;
  readonly details: ErrorDetail[];
  constructor(kind: ErrorKind, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'WorkbenchError';
    this.kind = kind;
    this.details = details;
  }
  toData(): WorkbenchErrorData {
    return { kind: this.kind, message: this.message, details: this.details };
  }
}
