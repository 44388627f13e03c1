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

/** What a row of each journaled table is, in words: 任务, 指标, 情景调整 … */
export const TABLE_LABELS: Record<string, string> = {
  task: '任务',
  target: '指标',
  unit: '责任单位',
  unit_alias: '单位别名',
  task_owner: '任务分工',
  domain_owner: '领域分工',
  safeguard_owner: '保障措施分工',
  domain: '领域',
  setting: '设置',
  scenario: '情景',
  budget_line: '预算行',
  scenario_override: '情景调整',
  plan: '计划',
  plan_section: '计划章节',
  safeguard: '保障措施',
  plan_conflict: '计划中的数值冲突',
  budget: '地区预算',
  execution_report: '执行报表',
  execution_line: '执行数',
  target_link: '指标关联',
};

/** A row of `table` in words, for a message: 任务“任务3 …”, 任务分工, or 记录 for a table without a name. */
export function rowInWords(db: Db, table: string, key: Readonly<Record<string, SqlValue>>): string {
  const label = TABLE_LABELS[table] ?? '记录';
  const name = table in NAME_SQL && key.id !== undefined ? recordName(db, table as NamedTable, key.id) : undefined;
  return name ? `${label}“${name}”` : label;
}
