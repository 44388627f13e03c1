/**
 * The store seam: what repositories, the journal and the edit planners may ask of a database. A workbook file
 * (better-sqlite3's Database) is one; a team workbook on PostgreSQL (pg/server-db.ts) is the other. Whatever is
 * only a file's — backups, integrity checks, the WAL — takes `FileDb` (connection.ts) instead.
 */
export interface StoreStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  /** rows as arrays of values, in the order of the selected columns */
  raw(toggle?: boolean): this;
  /** the names of the columns the statement selects */
  columns(): { name: string }[];
}

export interface StoreDb {
  prepare(sql: string): StoreStatement;
  /** `fn` as one transaction (a savepoint when already inside one): committed when it returns, undone when it throws */
  transaction<T>(fn: () => T): () => T;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
  readonly open: boolean;
  close(): unknown;
  /** several people work in it at once (a team workbook): a view preference is this window's, not saved in it */
  readonly shared?: boolean;
}
