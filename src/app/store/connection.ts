import Database from 'better-sqlite3';
import { WorkbenchError } from '../../shared/result';

import type { StoreDb, StoreStatement } from './store-db';

/** A workbook file's connection: everything SQLite offers (backups, pragmas, the WAL). */
export type FileDb = Database.Database;
/** What the store's code may use, on a file or on a server (store-db.ts). */
export type Db = StoreDb;

export interface OpenOptions {
  /** path of a better_sqlite3.node built for the current runtime (Electron), when not the default one */
  nativeBinding?: string | undefined;
  readonly?: boolean;
  fileMustExist?: boolean;
}

/**
 * Opens one connection with the durability settings a finance workbook needs, and reads them back:
 * better-sqlite3's build silently turns WAL databases to synchronous=NORMAL, which can lose the last
 * acknowledged transactions on power loss. A connection that will not hold these settings is refused.
 */
export function openDatabase(file: string, options: OpenOptions = {}): FileDb {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (!options.readonly) applyDurability(db);
    else db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function applyDurability(db: FileDb): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const settings = readDurability(db);
  if (settings.journalMode !== 'wal' || settings.synchronous !== 'FULL' || !settings.foreignKeys) {
    throw new WorkbenchError(
      'storage',
      `工作簿无法以安全模式打开（journal_mode=${settings.journalMode}，synchronous=${settings.synchronous}），为防止数据丢失已拒绝打开。`,
    );
  }
}

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export function readDurability(db: FileDb): { journalMode: string; synchronous: string; foreignKeys: boolean } {
  const journalMode = String(db.pragma('journal_mode', { simple: true }));
  const synchronousLevel = Number(db.pragma('synchronous', { simple: true }));
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true })) === 1;
  return { journalMode, synchronous: SYNCHRONOUS_NAMES[synchronousLevel] ?? String(synchronousLevel), foreignKeys };
}

/**
 * SQLite's data_version: it moves whenever another connection (another window, the command line) commits, so a
 * window can tell that the file changed under it. 0 when the connection is already closed.
 */
export function dataVersion(db: Db): number {
  try {
    return Number(db.pragma('data_version', { simple: true }));
  } catch {
    return 0;
  }
}

/** A consistent copy of the open database into `file`, taken with SQLite's online backup API while it keeps working. */
export async function copyOpenDatabase(db: FileDb, file: string): Promise<void> {
  await db.backup(file);
}

const statementCaches = new WeakMap<Db, Map<string, StoreStatement>>();

/**
 * A statement prepared once per connection. Compiling the SQL costs more than running a one-row statement, and
 * an edit at 100,000 lines runs a handful of them; the SQL text must be fixed (identifiers never from input).
 */
export function prepared(db: Db, sql: string): StoreStatement {
  let cache = statementCaches.get(db);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
