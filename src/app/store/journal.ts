import { localMinute } from '../../core/local-time';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { WorkbenchError } from '../../shared/result';
import type { HistoryState } from '../../shared/contract';
import type { RowChange } from '../../core/edits/row-changes';
import { type Db, prepared } from './connection';
import { rowInWords } from './record-names';

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
  plan: ['id'],
  plan_section: ['id'],
  safeguard: ['id'],
  plan_conflict: ['id'],
  setting: ['key'],
  scenario: ['id'],
  budget_line: ['id'],
  scenario_override: ['scenario_id', 'line_id', 'field'],
  budget: ['id'],
  execution_report: ['id'],
  execution_line: ['id'],
  target_link: ['target_id'],
};

/** A row an undo or redo would overwrite or take with it, found before anything is applied for good. */
/** Thrown out of an action that changed nothing, so that its savepoint is rolled back; carries work's result. */
class NothingRecorded {
  constructor(readonly result: unknown) {}
}

class UndoConflict extends Error {
  constructor(readonly where: string) {
    super(where);
  }
}

const totalChanges = (db: Db): number => (prepared(db, 'SELECT total_changes() AS n').get() as { n: number }).n;

/** The columns that key a journaled table's rows (a change row's row_key holds them, in this order). */
export function keyColumns(table: string): readonly string[] {
  const columns = JOURNALED_TABLES[table];
  if (!columns) throw new Error(`table ${table} is not journaled`);
  return columns;
}

function whereClause(table: string): string {
  return keyColumns(table)
    .map((column) => `${column} = @${column}`)
    .join(' AND ');
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
  insertMany(
    table: string,
    columns: readonly string[],
    fill: (insert: (row: readonly SqlValue[]) => void) => void,
  ): { from: number; to: number } | null;
  delete(table: string, key: RowKey): void;
}

/** Writes planned row changes (core's edit planners) in order. */
export function writeChanges(recorder: Recorder, changes: readonly RowChange[]): void {
  for (const change of changes) {
    if (change.kind === 'update') recorder.update(change.table, change.key, change.column, change.value);
    else if (change.kind === 'insert') recorder.insert(change.table, change.row);
    else recorder.delete(change.table, change.key);
  }
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

/** A change someone else made to a cell after this window read it: the change row and who, where, when. */
export interface StaleChange extends ChangeRow {
  actor: string;
  machine: string;
  /** when the action was made (an undo keeps no time of its own) */
  at: string;
  /** the change was taken back by its author's 撤销, or put back by 重做 (`at` is then when it was first made) */
  undone?: boolean;
  redone?: boolean;
}

/** What a window noted when it read a table: the newest action, and the recent ones that stood undone. */
interface ReadMark {
  newest: number;
  /** a JSON list of ids */
  undone: string;
}

/** How far back an undo or redo by someone else is noticed (undo walks back from the newest actions). */
const UNDO_WATCH_ACTIONS = 10_000;

/** Who records actions: one window of the app or one command-line run. */
export interface JournalSession {
  id: string;
  origin: 'app' | 'cli';
  machine: string;
}

export class Journal {
  private readonly columnsByTable = new Map<string, Set<string>>();
  /** bumps on every recorded action, undo and redo: "has anything changed since" for backups and caches */
  revision = 0;
  /** set by the workbook: why this window may not write now (read-only, or the lock was taken), or null */
  writeGuard: () => string | null = () => null;
  /** the sessions whose actions this one may undo: itself, and the earlier windows it continues (see resumable) */
  private readonly own: string[];
  /** the tables committed actions, undos and redos have changed since the last takeTouched() */
  private readonly touched = new Set<string>();
  /** per table, the newest action when this window last read its rows, and the recent ones undone then (see markRead) */
  private readonly readMarks = new Map<string, ReadMark>();

  constructor(
    private readonly db: Db,
    private readonly actor: string,
    readonly session: JournalSession = { id: randomUUID(), origin: 'app', machine: hostname() },
    options: { resume?: boolean; historyFrom?: number } = {},
  ) {
    this.own = [session.id, ...(options.resume ? this.resumableSessions(options.historyFrom ?? 0) : [])];
  }

  /**
   * Undo belongs to the window (or command) that made an action. A window opened after the previous one closed
   * continues its history — same user, same machine, the app (not the command line) — as long as nobody else has
   * written since: walking back from the newest action, every session met is continued until the first action of
   * another user, machine or process kind. Actions from before sessions were recorded (session '') count as the
   * same user's when the actor matches. Nothing at or before `historyFrom` is continued: a local copy's history
   * from the team workbook (copy-origin.ts) is its colleagues' and its own past there, not this window's to undo —
   * an undo there would change cells without a change row, which bringing the copy back could not see.
   */
  private resumableSessions(historyFrom: number): string[] {
    const rows = this.db
      .prepare('SELECT session, origin, actor, machine FROM action WHERE id > ? ORDER BY id DESC LIMIT 10000')
      .all(historyFrom) as {
      session: string;
      origin: string;
      actor: string;
      machine: string;
    }[];
    const sessions: string[] = [];
    for (const row of rows) {
      const same =
        row.actor === this.actor &&
        (row.origin === 'app' || row.origin === '') &&
        (row.machine === this.session.machine || row.machine === '');
      if (!same || this.session.origin !== 'app') break;
      if (!sessions.includes(row.session)) sessions.push(row.session);
    }
    return sessions;
  }

  private ownList(): string {
    return JSON.stringify(this.own);
  }

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
    this.assertWritable();
    const db = this.db;
    const tables = new Set<string>();
    // an action that changed nothing leaves nothing: its savepoint is rolled back (rather than its row deleted,
    // which a team workbook's writers may not do: see server-roles.ts)
    const outcome = db.transaction(() => {
      try {
        return db.transaction(() => this.recordAction(label, reason, work, tables))();
      } catch (error) {
        if (error instanceof NothingRecorded) return error.result as T;
        throw error;
      }
    })();
    // only now: a rolled-back action changed nothing
    for (const table of tables) this.touched.add(table);
    this.settle();
    return outcome;
  }

  /** One action's row, its changes as `work` makes them, and the undone actions it makes unreachable. */
  private recordAction<T>(label: string, reason: string, work: (recorder: Recorder) => T, tables: Set<string>): T {
    const db = this.db;
    const actionId = Number(
      prepared(db, 'INSERT INTO action (at, actor, label, reason, session, origin, machine) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        new Date().toISOString(),
        this.actor,
        label,
        reason,
        this.session.id,
        this.session.origin,
        this.session.machine,
      ).lastInsertRowid,
    );
    let seq = 0;
    const log = prepared(
      db,
      `INSERT INTO change_log
        (action_id, seq, op, table_name, row_key, field, old_value, new_value, row_json)
        VALUES (@action_id, @seq, @op, @table_name, @row_key, @field, @old_value, @new_value, @row_json)`,
    );
    const write = (change: ChangeRow): void => {
      log.run({ action_id: actionId, seq: seq++, ...change });
      tables.add(change.table_name);
    };
    /** a change of a whole row (or range of rows): no field, no old or new value; the row itself when there is one */
    const writeRow = (op: 'insert' | 'insert_range' | 'delete', table: string, key: object, row: object | null): void =>
      write({
        op,
        table_name: table,
        row_key: JSON.stringify(key),
        field: '',
        old_value: null,
        new_value: null,
        row_json: row && JSON.stringify(row),
      });
    const recorder: Recorder = {
      update: (table, key, field, value) => {
        this.assertColumn(table, field);
        const current = prepared(db, `SELECT ${field} AS value FROM ${table} WHERE ${whereClause(table)}`).get(key) as
          { value: SqlValue } | undefined;
        if (!current) throw new WorkbenchError('not_found', `要修改的记录不存在（${table} ${JSON.stringify(key)}）`);
        if (current.value === value) return false;
        const updated = prepared(db, `UPDATE ${table} SET ${field} = @__value WHERE ${whereClause(table)}`).run({
          ...key,
          __value: value,
        });
        // a row the writer may read but not change (a team workbook's row-level security filters it out of the
        // UPDATE without an error) must not be journaled as changed
        if (updated.changes !== 1) throw new WorkbenchError('forbidden', `没有修改${rowInWords(db, table, key)}的权限，未作任何修改。`);
        write({
          op: 'update',
          table_name: table,
          row_key: JSON.stringify(key),
          field,
          old_value: current.value,
          new_value: value,
          row_json: null,
        });
        return true;
      },
      insert: (table, row) => {
        const columns = Object.keys(row);
        columns.forEach((column) => this.assertColumn(table, column));
        prepared(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
        const key = Object.fromEntries(keyColumns(table).map((column) => [column, row[column] ?? null]));
        writeRow('insert', table, key, row);
      },
      insertMany: (table, columns, fill) => {
        if (keyColumns(table).join() !== 'id' || columns.includes('id'))
          throw new Error(`insertMany needs ${table} keyed by an assigned id`);
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
        writeRow('insert_range', table, { from: first, to: last }, null);
        return { from: first, to: last };
      },
      delete: (table, key) => {
        const row = prepared(db, `SELECT * FROM ${table} WHERE ${whereClause(table)}`).get(key) as Record<string, SqlValue> | undefined;
        if (!row) return;
        if (prepared(db, `DELETE FROM ${table} WHERE ${whereClause(table)}`).run(key).changes !== 1)
          throw new WorkbenchError('forbidden', `没有删除${rowInWords(db, table, key)}的权限，未作任何修改。`);
        writeRow('delete', table, key, row);
      },
    };
    const result = work(recorder);
    if (seq === 0) throw new NothingRecorded(result);
    // a new action makes this session's undone ones unreachable by redo (another window's stay its own)
    prepared(db, "UPDATE action SET state = 'discarded' WHERE state = 'undone' AND session IN (SELECT value FROM json_each(?))").run(
      this.ownList(),
    );
    this.revision++;
    return result;
  }

  /**
   * The tables changed since the last call, and forgets them: a write's answer names them so that each view in
   * the page reloads only when something it shows has changed.
   */
  takeTouched(): string[] {
    const tables = [...this.touched];
    this.touched.clear();
    return tables;
  }

  /**
   * After each action the log is copied into the workbook file (a passive checkpoint: it waits for no reader and
   * blocks no one), so the .mswb alone holds every acknowledged edit — a copy made in Explorer or onto a stick while
   * the app is open is complete. Skipped inside an enclosing transaction (its end is the action's end).
   */
  private settle(): void {
    if (this.db.inTransaction) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // another process holds the database busy: the next action, or closing, checkpoints
    }
  }

  private changesOf(actionId: number): ChangeRow[] {
    return this.db
      .prepare('SELECT id, op, table_name, row_key, field, old_value, new_value, row_json FROM change_log WHERE action_id = ? ORDER BY seq')
      .all(actionId) as ChangeRow[];
  }

  /**
   * Whether the rows an action touched are still as it left them (for undo) or as it found them (for redo). A
   * change made since by another window or process would otherwise be overwritten without a word; the answer
   * names the first such row.
   */
  private conflictOf(change: ChangeRow, direction: 'undo' | 'redo'): string | null {
    const db = this.db;
    const table = change.table_name;
    keyColumns(table);
    if (change.op === 'insert_range') {
      const { from, to } = JSON.parse(change.row_key) as { from: number; to: number };
      const present = (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE id BETWEEN ? AND ?`).get(from, to) as { n: number }).n;
      const expected = direction === 'undo' ? to - from + 1 : 0;
      return present === expected ? null : `${table} ${from}–${to}`;
    }
    const key = JSON.parse(change.row_key) as RowKey;
    if (change.op === 'update') {
      this.assertColumn(table, change.field);
      const row = db.prepare(`SELECT ${change.field} AS value FROM ${table} WHERE ${whereClause(table)}`).get(key) as
        { value: SqlValue } | undefined;
      const expected = direction === 'undo' ? change.new_value : change.old_value;
      return row && row.value === expected ? null : `${table} ${change.row_key} ${change.field}`;
    }
    const exists = db.prepare(`SELECT 1 FROM ${table} WHERE ${whereClause(table)}`).get(key) !== undefined;
    const shouldExist = (direction === 'undo') === (change.op === 'insert');
    return exists === shouldExist ? null : `${table} ${change.row_key}`;
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
      const before = totalChanges(db);
      db.prepare(`DELETE FROM ${table} WHERE ${whereClause(table)}`).run(key);
      // a row that other rows now refer to would take them with it (ON DELETE CASCADE): someone has built on it
      if (totalChanges(db) - before > 1) throw new UndoConflict(`${table} ${change.row_key}`);
    }
  }

  /**
   * Replays one action backwards or forwards. The changes are checked first, in the order they will be applied:
   * each must find its row as the action left it, taking into account the changes of the same action already
   * replayed (an action may touch one field twice), so the check runs on the rows as they change.
   */
  private replay(action: { id: number; label: string }, direction: 'undo' | 'redo'): Set<string> {
    const changes = this.changesOf(action.id);
    const ordered = direction === 'undo' ? changes.reverse() : changes;
    for (const change of ordered) {
      try {
        const conflict = this.conflictOf(change, direction);
        if (conflict) throw new UndoConflict(conflict);
        this.apply(change, direction);
      } catch (error) {
        if (!(error instanceof UndoConflict)) throw error;
        const verb = direction === 'undo' ? '撤销' : '重做';
        const by = this.laterChangeBy(change, action.id);
        throw new WorkbenchError(
          'conflict',
          `无法${verb}“${action.label}”：其中的数据在此之后已被${by ?? '其他窗口或程序'}修改（或已被后来的数据引用），${verb}会覆盖或带走别人的修改。数据未做任何改动；如需改回，请直接编辑。`,
          [{ where: error.where, message: '已被修改' }],
        );
      }
    }
    return new Set(changes.map((change) => change.table_name));
  }

  /**
   * Who changed a row after `actionId`, for the refusal of an undo: "李四（财政局-PC07）于 2027-03-02 10:02", or null
   * when no journaled action did (a foreign key, a row removed by a cascade).
   */
  private laterChangeBy(change: ChangeRow, actionId: number): string | null {
    const later = prepared(
      this.db,
      `SELECT a.actor, a.machine, a.at FROM change_log c JOIN action a ON a.id = c.action_id
       WHERE c.table_name = ? AND c.row_key = ? AND a.id > ? AND a.state = 'done' ORDER BY a.id DESC LIMIT 1`,
    ).get(change.table_name, change.row_key, actionId) as { actor: string; machine: string; at: string } | undefined;
    if (!later) return null;
    const at = new Date(later.at);
    const when = Number.isNaN(at.getTime()) ? later.at : localMinute(at);
    return `${later.actor}${later.machine ? `（${later.machine}）` : ''}于 ${when} `;
  }

  private assertWritable(): void {
    const refusal = this.writeGuard();
    if (refusal) throw new WorkbenchError('conflict', refusal);
  }

  /** Undoes this session's newest action (never another window's or process's). */
  undo(): string | null {
    return this.step('undo');
  }

  /** Redoes this session's oldest undone action. */
  redo(): string | null {
    return this.step('redo');
  }

  /** Undo takes back the newest done action, redo replays the oldest undone one; either answers with its label. */
  private step(direction: 'undo' | 'redo'): string | null {
    this.assertWritable();
    const [from, to, order] = direction === 'undo' ? (['done', 'undone', 'DESC'] as const) : (['undone', 'done', 'ASC'] as const);
    let tables = new Set<string>();
    const label = this.db.transaction(() => {
      const action = prepared(
        this.db,
        `SELECT id, label FROM action WHERE state = '${from}' AND session IN (SELECT value FROM json_each(?)) ORDER BY id ${order} LIMIT 1`,
      ).get(this.ownList()) as { id: number; label: string } | undefined;
      if (!action) return null;
      tables = this.replay(action, direction);
      this.db.prepare('UPDATE action SET state = ? WHERE id = ?').run(to, action.id);
      this.revision++;
      return action.label;
    })();
    // only now: a rolled-back undo changed nothing
    for (const table of tables) this.touched.add(table);
    this.settle();
    return label;
  }

  /**
   * Notes that this window is reading `table`'s rows as they are now (called before they are read): an edit it
   * then makes of a cell someone else has changed since is refused as stale (changedSinceRead). Which recent
   * actions stood undone is noted too: an undo or redo changes cells without a new action.
   */
  markRead(table: string): void {
    const newest = (prepared(this.db, 'SELECT MAX(id) AS id FROM action').get() as { id: number | null }).id ?? 0;
    const undone = prepared(this.db, "SELECT id FROM action WHERE id > ? AND state <> 'done' ORDER BY id").all(
      newest - UNDO_WATCH_ACTIONS,
    ) as { id: number }[];
    this.readMarks.set(table, { newest, undone: JSON.stringify(undone.map((row) => row.id)) });
  }

  /**
   * The newest change another window, process or person has made to one cell — or, with `field` '', to any field
   * of the row — since this window last read its table: a new action, or an earlier one undone or redone since.
   * The row's insertion or deletion counts for every field. Null also when this window has not read the table
   * (an import, the command line).
   */
  changedSinceRead(table: string, key: Record<string, SqlValue>, field: string): StaleChange | null {
    const mark = this.readMarks.get(table);
    if (mark === undefined) return null;
    const cell = [table, JSON.stringify(key), field, field] as const;
    const newer = prepared(
      this.db,
      `SELECT c.op, c.table_name, c.row_key, c.field, c.old_value, c.new_value, c.row_json, a.actor, a.machine, a.at
       FROM change_log c JOIN action a ON a.id = c.action_id
       WHERE c.table_name = ? AND c.row_key = ? AND (c.field = ? OR ? = '' OR c.op <> 'update') AND a.id > ? AND a.state = 'done'
         AND NOT (a.session IN (SELECT value FROM json_each(?)))
       ORDER BY a.id DESC LIMIT 1`,
    ).get(...cell, mark.newest, this.ownList()) as StaleChange | undefined;
    if (newer) return newer;
    // an action that was in effect when the rows were read and is undone now (or the other way round): the cell
    // went back to (or forward to) another value; as undo is its author's own, the author is who changed it
    const flipped = prepared(
      this.db,
      `SELECT c.op, c.table_name, c.row_key, c.field, c.new_value AS old_value, c.old_value AS new_value, c.row_json,
              a.actor, a.machine, a.at, a.state
       FROM change_log c JOIN action a ON a.id = c.action_id
       WHERE c.table_name = ? AND c.row_key = ? AND (c.field = ? OR ? = '' OR c.op <> 'update') AND a.id <= ? AND a.id > ?
         AND (a.state = 'done') = (a.id IN (SELECT value FROM json_each(?)))
         AND NOT (a.session IN (SELECT value FROM json_each(?)))
       ORDER BY a.id DESC LIMIT 1`,
    ).get(...cell, mark.newest, mark.newest - UNDO_WATCH_ACTIONS, mark.undone, this.ownList()) as
      (StaleChange & { state: string }) | undefined;
    if (!flipped) return null;
    const { state, ...change } = flipped;
    // redone: the change's own values; undone: back from its new value to its old one (swapped above)
    return state === 'done'
      ? { ...change, old_value: change.new_value, new_value: change.old_value, redone: true }
      : { ...change, undone: true };
  }

  state(): HistoryState {
    const undo = prepared(
      this.db,
      "SELECT label FROM action WHERE state = 'done' AND session IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT 1",
    ).get(this.ownList()) as { label: string } | undefined;
    const redo = prepared(
      this.db,
      "SELECT label FROM action WHERE state = 'undone' AND session IN (SELECT value FROM json_each(?)) ORDER BY id ASC LIMIT 1",
    ).get(this.ownList()) as { label: string } | undefined;
    return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? '', redoLabel: redo?.label ?? '' };
  }
}
