import { type Db, prepared } from './connection';

/**
 * What a row is called, in words, by table and id — 任务3 …, a target's label, an org's or a scenario's name, an
 * execution report as 地区 年1-月: the change log names the rows it lists this way, and an export titles itself
 * with its plan's title. One statement per table, so every place that names a row names it alike.
 */

type SqlValue = string | number | null;

/** The name of a row of each table as it is now (a deleted row has none). */
const NAME_SQL = {
  task: "SELECT '任务' || number || ' ' || title AS text FROM task WHERE id = ?",
  target: 'SELECT label AS text FROM target WHERE id = ?',
  unit: 'SELECT name AS text FROM unit WHERE id = ?',
  plan: 'SELECT title AS text FROM plan WHERE id = ?',
  domain: 'SELECT name AS text FROM domain WHERE id = ?',
  plan_section: 'SELECT title AS text FROM plan_section WHERE id = ?',
  safeguard: 'SELECT title AS text FROM safeguard WHERE id = ?',
  scenario: 'SELECT name AS text FROM scenario WHERE id = ?',
  budget_line: 'SELECT name AS text FROM budget_line WHERE id = ?',
  budget: 'SELECT name AS text FROM budget WHERE id = ?',
  execution_report:
    "SELECT b.name || ' ' || r.year || '年1-' || r.month || '月' AS text FROM execution_report r JOIN budget b ON b.id = r.budget_id WHERE r.id = ?",
  execution_line: "SELECT code || ' ' || name AS text FROM execution_line WHERE id = ?",
} as const;

export type NamedTable = keyof typeof NAME_SQL;

/** A row's name in words — 任务3 …, a target's label, an org's name — or undefined when the row is not there. */
export function recordName(db: Db, table: NamedTable, id: SqlValue): string | undefined {
  if (id === null) return undefined;
  return (prepared(db, NAME_SQL[table]).get(id) as { text: string } | undefined)?.text;
}
