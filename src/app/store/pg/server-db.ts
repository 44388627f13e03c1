import { WorkbenchError } from '../../../shared/result';
import type { StoreDb, StoreStatement } from '../store-db';
import { toServerSql } from './server-sql';
import { changeChannel, presenceOf, presencePrefix } from './sync-protocol';
import type { QueryAnswer, SyncServerConnection } from './sync-server';

/**
 * A team workbook as the store sees a workbook file (store-db.ts): the same repositories, journal and edit
 * planners run on it unchanged. Each statement is put in its PostgreSQL form once (server-sql.ts); results come
 * back as better-sqlite3 gives them (a true/false as 1/0, a bigint as a number), an INSERT into a table with an
 * id answers the new id as lastInsertRowid, and the journal's old and new values (any number, text or null in
 * SQLite) are written to their jsonb columns as JSON.
 *
 * A workbook has one writer at a time, as a file has: a transaction's first write takes the workbook's write lock
 * (a transaction-scoped advisory lock), and everything it then reads is as the previous writer committed it. So
 * the journal's read-compare-write of a cell, MAX(id) + 1 for new rows, and the stale-cell check (edits/stale-cells.ts)
 * each see one settled workbook; writers wait for each other for the milliseconds an action takes, and readers never
 * wait. (Under REPEATABLE READ instead, two edits of different cells of one row collided, and a snapshot taken before
 * the lock was granted read MAX(id) as it was before the other writer's rows.)
 *
 * SQLite's change stamps, which the budget model cache and the journal's conflict check read, have a meaning
 * here too: `total_changes()` counts the rows this connection has written, those a cascade changed included;
 * `PRAGMA data_version` counts the commits others have announced on the workbook's channel (sync-worker.ts).
 */

interface TableFacts {
  columns: Map<string, string>;
}

type Binding = { position: number } | { name: string };

export class ServerDb implements StoreDb {
  readonly shared = true;
  private depth = 0;
  private closed = false;
  /** this transaction holds the workbook's write lock */
  private writeLocked = false;
  /** per table, the id the next row inserted without one gets in this transaction (MAX(id) + 1, then counted on) */
  private readonly nextIds = new Map<string, number>();
  /** rows written through this connection (SQLite's total_changes()) */
  private ownChanges = 0;
  private catalog: Map<string, TableFacts> | null = null;

  constructor(readonly connection: SyncServerConnection) {}

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get open(): boolean {
    return !this.closed;
  }

  /** The workbook's tables and their column types, read once: which columns are jsonb, which tables have an id. */
  tables(): Map<string, TableFacts> {
    if (!this.catalog) {
      const rows = this.connection.query(
        'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()',
      ).rows as { table_name: string; column_name: string; data_type: string }[];
      const catalog = new Map<string, TableFacts>();
      for (const row of rows) {
        const facts = catalog.get(row.table_name) ?? { columns: new Map<string, string>() };
        facts.columns.set(row.column_name, row.data_type);
        catalog.set(row.table_name, facts);
      }
      this.catalog = catalog;
    }
    return this.catalog;
  }

  prepare(sql: string): StoreStatement {
    const totalChanges = /^\s*SELECT total_changes\(\) AS (\w+)\s*$/i.exec(sql);
    if (totalChanges?.[1]) return new LocalStatement({ [totalChanges[1]]: () => this.ownChanges });
    if (/^\s*PRAGMA data_version\s*$/i.test(sql)) return new LocalStatement({ data_version: () => this.connection.othersCommitted() });
    return new ServerStatementRunner(this, sql);
  }

  run(text: string, values: unknown[], rowMode: 'object' | 'array'): QueryAnswer {
    if (this.closed) throw new WorkbenchError('storage', '团队工作簿已关闭。');
    if (this.depth === 0) this.connection.replaceIfLost();
    // a DELETE's row count leaves out the rows its foreign keys cascaded to, which SQLite's total_changes() counts
    // and the journal's undo relies on to see that it would take someone else's rows with it
    if (WRITE.test(text)) this.lockForWriting();
    const cascades = this.depth > 0 && /^\s*DELETE\b/i.test(text);
    const before = cascades ? this.tuplesWritten() : 0;
    const answer = this.connection.query(text, values, rowMode);
    if (cascades) this.ownChanges += this.tuplesWritten() - before;
    else if (['INSERT', 'UPDATE', 'DELETE'].includes(answer.command)) this.ownChanges += answer.rowCount;
    return answer;
  }

  /** Takes the workbook's write lock for the rest of this transaction (once); outside one, a statement is its own. */
  private lockForWriting(): void {
    if (this.depth === 0 || this.writeLocked) return;
    this.connection.query('SELECT pg_advisory_xact_lock(hashtext($1))', [writeLockName(this.connection.address.workbook)]);
    this.writeLocked = true;
  }

  /** The id of a row inserted without one (the journal's bulk insert): counted on from MAX(id) + 1 under the lock. */
  nextRowId(table: string): number {
    this.lockForWriting();
    let next = this.nextIds.get(table);
    if (next === undefined) {
      const answer = this.connection.query(`SELECT COALESCE(MAX(id), 0) + 1 AS id FROM ${table}`);
      next = Number((answer.rows[0] as { id: number }).id);
    }
    this.nextIds.set(table, next + 1);
    return next;
  }

  /** A row inserted with its own id: the count for rows without one goes on past it. */
  noteInsertedId(table: string, id: number): void {
    const next = this.nextIds.get(table);
    if (next !== undefined && id >= next) this.nextIds.set(table, id + 1);
  }

  /** Rows this transaction has inserted, updated or deleted so far, cascades included. */
  private tuplesWritten(): number {
    const answer = this.connection.query(
      'SELECT COALESCE(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) AS n FROM pg_stat_xact_user_tables WHERE schemaname = current_schema()',
    );
    return Number((answer.rows[0] as { n: number }).n);
  }

  transaction<T>(fn: () => T): () => T {
    return () => {
      const level = this.depth;
      const savepoint = `s${level}`;
      this.run(level === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`, [], 'object');
      if (level === 0) this.writeLocked = false;
      this.depth++;
      const changesBefore = this.ownChanges;
      try {
        const result = fn();
        // delivered when the commit is, and only then: the others' windows reread (sync-worker.ts listens)
        if (level === 0 && this.ownChanges !== changesBefore)
          this.run('SELECT pg_notify($1, $2)', [changeChannel(this.connection.address.workbook), ''], 'object');
        if (level > 0) {
          this.run(`RELEASE SAVEPOINT ${savepoint}`, [], 'object');
          return result;
        }
        try {
          this.run('COMMIT', [], 'object');
        } catch (error) {
          // the COMMIT may have reached the server before the line went: whether it took is not known here
          if (error instanceof WorkbenchError && error.message.startsWith('连接中断'))
            throw new WorkbenchError(
              'storage',
              '连接中断：提交修改时与服务器的连接断开，无法确定这次修改是否已保存。请重新打开团队工作簿核对后再改。',
            );
          throw error;
        }
        return result;
      } catch (error) {
        try {
          this.run(level === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`, [], 'object');
        } catch {
          // the connection went with the transaction: nothing of it was committed
        }
        throw error;
      } finally {
        this.depth = level;
        if (level === 0) {
          this.writeLocked = false;
          this.nextIds.clear();
        }
      }
    };
  }

  /** The few pragmas the store's shared code asks, in their server meaning; any other is a mistake to surface. */
  pragma(source: string): unknown {
    const pragma = source.trim().toLowerCase();
    if (pragma === 'data_version') return this.connection.othersCommitted();
    if (pragma.startsWith('wal_checkpoint')) return undefined;
    if (pragma === 'foreign_keys') return 1;
    if (pragma === 'defer_foreign_keys = on') return this.run('SET CONSTRAINTS ALL DEFERRED', [], 'object');
    throw new Error(`pragma ${source} has no meaning for a team workbook`);
  }

  /**
   * Who else has this workbook open now: "李四@财政局-PC07", from the connections' application names (the
   * database role when a name was too long to carry). This window's own connections carry its own name. The page
   * asks every 0.8 s: the server is asked at most every 5 s, never to reconnect (a lost server would hold the app
   * process while it tried), and a failed question keeps the last answer.
   */
  others(now = Date.now()): string[] {
    if (!this.connection.connected || now - this.othersAskedAt < 5000) return this.othersKnown;
    this.othersAskedAt = now;
    try {
      this.othersKnown = this.askOthers();
    } catch {
      // the next edit says what is wrong with the connection
    }
    return this.othersKnown;
  }

  private othersKnown: string[] = [];
  private othersAskedAt = Number.NEGATIVE_INFINITY;

  private askOthers(): string[] {
    const schema = this.connection.address.workbook;
    const rows = this.run(
      `SELECT DISTINCT application_name AS name, usename AS role FROM pg_stat_activity
       WHERE datname = current_database() AND left(application_name, $1) = $2 AND application_name <> $3`,
      [presencePrefix(schema).length, presencePrefix(schema), this.connection.applicationName],
      'object',
    ).rows as { name: string; role: string }[];
    return [...new Set(rows.map((row) => presenceOf(schema, row.name) ?? row.role))].sort();
  }

  exec(sql: string): unknown {
    return this.run(sql, [], 'object');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
  }
}

const INSERT = /^\s*INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)\s*$/i;
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

/** The name of a workbook's write lock; every client of the workbook takes the same one. */
export function writeLockName(workbook: string): string {
  return `minsheng write ${workbook}`;
}

class ServerStatementRunner implements StoreStatement {
  private readonly text: string;
  private readonly bindings: Binding[];
  /** positions ($n - 1) whose value goes to a jsonb column */
  private readonly jsonParameters = new Set<number>();
  private readonly returnsId: boolean;
  private readonly table: string | null = null;
  /** the table whose id this INSERT leaves out, and gets here (MAX(id) + 1 under the write lock), not from a sequence */
  private readonly assignsIdOf: string | null = null;
  private rowMode: 'object' | 'array' = 'object';

  constructor(
    private readonly db: ServerDb,
    sql: string,
  ) {
    const statement = toServerSql(sql);
    let text = statement.text;
    const insert = INSERT.exec(text);
    let returnsId = false;
    if (insert?.[1] && insert[2] && insert[3]) {
      const facts = db.tables().get(insert[1]);
      const columns = insert[2].split(',').map((column) => column.trim());
      const tuple = insert[3].split(',').map((value) => value.trim());
      const typed = tuple.map((value, index) => {
        const parameter = /^\$(\d+)$/.exec(value);
        if (!parameter?.[1] || facts?.columns.get(columns[index] ?? '') !== 'jsonb') return value;
        this.jsonParameters.add(Number(parameter[1]) - 1);
        return `${value}::jsonb`;
      });
      text = text.replace(`(${insert[3]})`, `(${typed.join(', ')})`);
      returnsId = facts?.columns.has('id') === true;
      this.table = insert[1];
      if (returnsId && !columns.includes('id')) {
        // the id goes last among the parameters: ($1, …, $n) → (…, $n+1)
        this.assignsIdOf = insert[1];
        text = text
          .replace(`(${insert[2]})`, `(${insert[2]}, id)`)
          .replace(`(${typed.join(', ')})`, `(${typed.join(', ')}, $${statement.parameters.length + 1})`);
      }
      if (returnsId) text += ' RETURNING id';
    }
    this.text = text;
    this.bindings = statement.parameters;
    this.returnsId = returnsId;
  }

  raw(toggle = true): this {
    this.rowMode = toggle ? 'array' : 'object';
    return this;
  }

  private values(args: unknown[]): unknown[] {
    const single = args.length === 1 ? args[0] : undefined;
    const named = single !== null && typeof single === 'object' && !Array.isArray(single) ? (single as Record<string, unknown>) : null;
    const positional = args.flat();
    return this.bindings.map((binding, index) => {
      const value = 'name' in binding ? named?.[binding.name] : positional[binding.position];
      if (value === undefined)
        throw new Error(`missing value for parameter ${'name' in binding ? `@${binding.name}` : binding.position + 1}`);
      if (this.jsonParameters.has(index)) return value === null ? null : JSON.stringify(value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'bigint') return value.toString();
      return value;
    });
  }

  private query(args: unknown[], rowMode = this.rowMode): QueryAnswer {
    const values = this.values(args);
    if (this.assignsIdOf) values.push(this.db.nextRowId(this.assignsIdOf));
    const answer = this.db.run(this.text, values, rowMode);
    return { ...answer, rows: answer.rows.map(sqliteValues) };
  }

  all(...args: unknown[]): unknown[] {
    return this.query(args).rows;
  }

  get(...args: unknown[]): unknown {
    return this.query(args).rows[0];
  }

  run(...args: unknown[]): { changes: number; lastInsertRowid: number } {
    const answer = this.query(args, 'object');
    const last = answer.rows.at(-1) as { id?: number } | undefined;
    const id = this.returnsId ? Number(last?.id ?? 0) : 0;
    if (this.table && this.returnsId && !this.assignsIdOf) this.db.noteInsertedId(this.table, id);
    return { changes: answer.rowCount, lastInsertRowid: id };
  }

  columns(): { name: string }[] {
    const probe = this.db.run(
      `SELECT * FROM (${this.text}) AS probe LIMIT 0`,
      this.bindings.map(() => null),
      'object',
    );
    return probe.fields.map((name) => ({ name }));
  }
}

/** A one-row answer the connection knows without asking the server (its change counters). */
class LocalStatement implements StoreStatement {
  constructor(private readonly values: Record<string, () => number>) {}
  private row(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.values).map(([name, value]) => [name, value()]));
  }
  all(): unknown[] {
    return [this.row()];
  }
  get(): unknown {
    return this.row();
  }
  run(): { changes: number; lastInsertRowid: number } {
    return { changes: 0, lastInsertRowid: 0 };
  }
  raw(): this {
    return this;
  }
  columns(): { name: string }[] {
    return Object.keys(this.values).map((name) => ({ name }));
  }
}

/** A row as better-sqlite3 gives it: booleans (EXISTS, comparisons) as 1/0. */
function sqliteValues(row: unknown): unknown {
  if (Array.isArray(row)) return row.map((value: unknown) => (typeof value === 'boolean' ? Number(value) : value));
  const out = row as Record<string, unknown>;
  for (const key of Object.keys(out)) if (typeof out[key] === 'boolean') out[key] = Number(out[key]);
  return out;
}
