import { WorkbenchError } from '../../shared/result';
import type { HistoryState } from '../../shared/contract';
import { type Db, prepared } from './connection';

/**
 * Every user action runs in one transaction that records, field by field, what it changed. Those rows are
 * the change log and the undo record at once, so undo/redo survives a restart and the log cannot disagree
 * with what undo does.
 */

type SqlValue = string | number | null;
type RowKey = Record<string, number | string>;

/** Tables a user action may touch, with their primary-key columns. Identifiers never come from input. */
const JOURNALED_TABLES: Record<string, readonly string[]> = {
  task: ['id'],
  target: ['id'],
  unit: ['id'],
  unit_alias: ['alias'],
  task_owner: ['task_id', 'unit_id'],
  domain_owner: ['domain_id', 'unit_id'],
  safeguard_owner: ['safeguard_id', 'unit_id'],
  domain: ['id'],
  setting: ['key'],
  scenario: ['id'],
  budget_line: ['id'],
  scenario_override: ['scenario_id', 'line_id', 'field'],
  target_link: ['target_id'],
};

function keyColumns(table: string): readonly string[] {
  const columns = JOURNALED_TABLES[table];
  if (!columns) throw new Error(`table ${table} is not journaled`);
  return columns;
}

function whereClause(table: string): string {
  return keyColumns(table).map((column) => `${column} = @${column}`).join(' AND ');
}

export interface Recorder {
  /** Sets one field; records old → new. Returns false when the value did not change. */
  update(table: string, key: RowKey, field: string, value: SqlValue): boolean;
  insert(table: string, row: Record<string, SqlValue>): void;
  /**
   * Inserts many rows of a table keyed by an integer `id` that SQLite assigns (max + 1, so consecutive), as one
   * compact change naming the id range: an imported budget of 100,000 lines would otherwise write 100,000 change
   * rows and JSON strings. `fill` calls `insert` once per row, values in the order of `columns`; each row is
   * bound at once, so the caller may refill one array. The rows are copied into the record only if the action
   * is undone, so that redo can put them back. Returns the ids inserted.
   */
  insertMany(table: string, columns: readonly string[], fill: (insert: (row: readonly SqlValue[]) => void) => void): { from: number; to: number } | null;
  delete(table: string, key: RowKey): void;
}

interface ChangeRow {
  id?: number;
  op: 'update' | 'insert' | 'delete' | 'insert_range';
  table_name: string;
  row_key: string;
  field: string;
  old_value: SqlValue;
  new_value: SqlValue;
  row_json: string | null;
}

export class Journal {
  private readonly columnsByTable = new Map<string, Set<string>>();
  /** bumps on every recorded action, undo and redo: "has anything changed since" for backups and caches */
  revision = 0;

  constructor(
    private readonly db: Db,
    private readonly actor: string,
  ) {}

  private assertColumn(table: string, field: string): void {
    let columns = this.columnsByTable.get(table);
    if (!columns) {
      keyColumns(table);
      const info = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      columns = new Set(info.map((column) => column.name));
      this.columnsByTable.set(table, columns);
    }
    if (!columns.has(field)) throw new Error(`unknown column ${table}.${field}`);
  }

  /** Runs `work` as one undoable action. Nothing is recorded when it changes nothing. */
  record<T>(label: string, reason: string, work: (recorder: Recorder) => T): T {
    const db = this.db;
    return db.transaction(() => {
      const actionId = Number(
        prepared(db, 'INSERT INTO action (at, actor, label, reason) VALUES (?, ?, ?, ?)')
          .run(new Date().toISOString(), this.actor, label, reason).lastInsertRowid,
      );
      let seq = 0;
      const log = prepared(db, `INSERT INTO change_log
        (action_id, seq, op, table_name, row_key, field, old_value, new_value, row_json)
        VALUES (@action_id, @seq, @op, @table_name, @row_key, @field, @old_value, @new_value, @row_json)`);
      const write = (change: ChangeRow): void => {
        log.run({ action_id: actionId, seq: seq++, ...change });
      };
      const recorder: Recorder = {
        update: (table, key, field, value) => {
          this.assertColumn(table, field);
          const current = prepared(db, `SELECT ${field} AS value FROM ${table} WHERE ${whereClause(table)}`).get(key) as
            | { value: SqlValue }
            | undefined;
          if (!current) throw new WorkbenchError('not_found', `要修改的记录不存在（${table} ${JSON.stringify(key)}）`);
          if (current.value === value) return false;
          prepared(db, `UPDATE ${table} SET ${field} = @__value WHERE ${whereClause(table)}`).run({ ...key, __value: value });
          write({ op: 'update', table_name: table, row_key: JSON.stringify(key), field, old_value: current.value, new_value: value, row_json: null });
          return true;
        },
        insert: (table, row) => {
          const columns = Object.keys(row);
          columns.forEach((column) => this.assertColumn(table, column));
          prepared(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
          const key = Object.fromEntries(keyColumns(table).map((column) => [column, row[column] ?? null]));
          write({ op: 'insert', table_name: table, row_key: JSON.stringify(key), field: '', old_value: null, new_value: null, row_json: JSON.stringify(row) });
        },
        insertMany: (table, columns, fill) => {
          if (keyColumns(table).join() !== 'id' || columns.includes('id')) throw new Error(`insertMany needs ${table} keyed by an assigned id`);
          columns.forEach((column) => this.assertColumn(table, column));
          const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
          let first: number | null = null;
          let last = 0;
          fill((row) => {
            const id = Number(insert.run(row).lastInsertRowid);
            // SQLite gives max(id) + 1 inside one transaction; anything else would make the range lie
            if (first !== null && id !== last + 1) throw new Error(`insertMany: ${table} ids are not consecutive (${id} after ${last})`);
            first ??= id;
            last = id;
          });
          if (first === null) return null;
          write({ op: 'insert_range', table_name: table, row_key: JSON.stringify({ from: first, to: last }), field: '', old_value: null, new_value: null, row_json: null });
          return { from: first, to: last };
        },
        delete: (table, key) => {
          const row = prepared(db, `SELECT * FROM ${table} WHERE ${whereClause(table)}`).get(key) as Record<string, SqlValue> | undefined;
          if (!row) return;
          prepared(db, `DELETE FROM ${table} WHERE ${whereClause(table)}`).run(key);
          write({ op: 'delete', table_name: table, row_key: JSON.stringify(key), field: '', old_value: null, new_value: null, row_json: JSON.stringify(row) });
        },
      };
      const result = work(recorder);
      if (seq === 0) {
        prepared(db, 'DELETE FROM action WHERE id = ?').run(actionId);
      } else {
        // a new action makes the undone ones unreachable by redo
        prepared(db, "UPDATE action SET state = 'discarded' WHERE state = 'undone'").run();
        this.revision++;
      }
      return result;
    })();
  }

  private changesOf(actionId: number): ChangeRow[] {
    return this.db
      .prepare('SELECT id, op, table_name, row_key, field, old_value, new_value, row_json FROM change_log WHERE action_id = ? ORDER BY seq')
      .all(actionId) as ChangeRow[];
  }

  /** Undo deletes the range after keeping its rows in the change record; redo inserts them again. */
  private applyRange(change: ChangeRow, direction: 'undo' | 'redo'): void {
    const db = this.db;
    const table = change.table_name;
    keyColumns(table);
    const { from, to } = JSON.parse(change.row_key) as { from: number; to: number };
    if (direction === 'undo') {
      const select = db.prepare(`SELECT * FROM ${table} WHERE id BETWEEN ? AND ? ORDER BY id`).raw();
      const columns = select.columns().map((column) => column.name);
      const rows = select.all(from, to) as SqlValue[][];
      db.prepare('UPDATE change_log SET row_json = ? WHERE id = ?').run(JSON.stringify({ columns, rows }), change.id);
      db.prepare(`DELETE FROM ${table} WHERE id BETWEEN ? AND ?`).run(from, to);
    } else {
      const { columns, rows } = JSON.parse(change.row_json ?? '{"columns":[],"rows":[]}') as { columns: string[]; rows: SqlValue[][] };
      columns.forEach((column) => this.assertColumn(table, column));
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
    }
  }

  private apply(change: ChangeRow, direction: 'undo' | 'redo'): void {
    if (change.op === 'insert_range') return this.applyRange(change, direction);
    const db = this.db;
    const table = change.table_name;
    const key = JSON.parse(change.row_key) as RowKey;
    const reinsert = (direction === 'undo' && change.op === 'delete') || (direction === 'redo' && change.op === 'insert');
    const remove = (direction === 'undo' && change.op === 'insert') || (direction === 'redo' && change.op === 'delete');
    if (change.op === 'update') {
      this.assertColumn(table, change.field);
      const value = direction === 'undo' ? change.old_value : change.new_value;
      db.prepare(`UPDATE ${table} SET ${change.field} = @__value WHERE ${whereClause(table)}`).run({ ...key, __value: value });
    } else if (reinsert) {
      const row = JSON.parse(change.row_json ?? '{}') as Record<string, SqlValue>;
      const columns = Object.keys(row);
      columns.forEach((column) => this.assertColumn(table, column));
      db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
    } else if (remove) {
      db.prepare(`DELETE FROM ${table} WHERE ${whereClause(table)}`).run(key);
    }
  }

  undo(): string | null {
    return this.db.transaction(() => {
      const action = this.db.prepare("SELECT id, label FROM action WHERE state = 'done' ORDER BY id DESC LIMIT 1").get() as
        | { id: number; label: string }
        | undefined;
      if (!action) return null;
      for (const change of this.changesOf(action.id).reverse()) this.apply(change, 'undo');
      this.db.prepare("UPDATE action SET state = 'undone' WHERE id = ?").run(action.id);
      this.revision++;
      return action.label;
    })();
  }

  redo(): string | null {
    return this.db.transaction(() => {
      const action = this.db.prepare("SELECT id, label FROM action WHERE state = 'undone' ORDER BY id ASC LIMIT 1").get() as
        | { id: number; label: string }
        | undefined;
      if (!action) return null;
      for (const change of this.changesOf(action.id)) this.apply(change, 'redo');
      this.db.prepare("UPDATE action SET state = 'done' WHERE id = ?").run(action.id);
      this.revision++;
      return action.label;
    })();
  }

  state(): HistoryState {
    const undo = this.db.prepare("SELECT label FROM action WHERE state = 'done' ORDER BY id DESC LIMIT 1").get() as
      | { label: string }
      | undefined;
    const redo = this.db.prepare("SELECT label FROM action WHERE state = 'undone' ORDER BY id ASC LIMIT 1").get() as
      | { label: string }
      | undefined;
    return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? '', redoLabel: redo?.label ?? '' };
  }
}
