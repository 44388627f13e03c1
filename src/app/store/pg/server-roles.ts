import { createHash } from 'node:crypto';
import { WorkbenchError } from '../../../shared/result';
import { REGISTRY_SCHEMA } from './server-schema';
import type { ServerClient } from './server-connection';
import { workbookNameProblem } from './server-address';
import { REPORTED_TARGET_FIELDS, ROLE_KINDS, type RoleKind } from '../../../shared/team-roles';

/**
 * Who may do what in a team workbook, kept by the database itself so that no client — not a modified app, not
 * hand-made IPC input, not psql — can do more than its role allows:
 *
 * | role | 中文 | may |
 * |---|---|---|
 * | reader | 只读 | read everything |
 * | reporter | 单位填报 | read; change 实际值 and 备注 of the targets of tasks its 责任单位 leads or helps with (the packet's rule: row-level security) |
 * | editor | 编辑 | read; change plan and budget values (tasks, targets, owners, aliases, lines, scenario overrides, settings) |
 * | admin | 管理员 | everything: structure, budgets, scenarios |
 *
 * Each is a group role per workbook (`mswb_<database hash>_<workbook>_<kind>`, NOLOGIN); a person logs in with a role of their own
 * that `grantMember` makes a member of one group, and `minsheng.member` records the person's name and, for 单位填报,
 * the 责任单位. Every writer also writes the journal (action, change_log), which is how its edits are undone and
 * listed in 变更记录.
 */
// the kinds and their names are shared with the page, which offers each role only what these grants allow
export { ROLE_KINDS, ROLE_LABELS, type RoleKind } from '../../../shared/team-roles';

const LOGIN_ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A workbook's group role. Roles belong to the whole server, not to one database, so the name carries the
 * database too (a short hash of its name): a workbook of the same name in another database has roles of its own.
 */
export function groupRole(database: string, workbook: string, kind: RoleKind): string {
  return `mswb_${createHash('sha256').update(database).digest('hex').slice(0, 6)}_${workbook}_${kind}`;
}

async function currentDatabase(client: ServerClient): Promise<string> {
  return ((await client.query('SELECT current_database() AS name')).rows[0] as { name: string }).name;
}

const JOURNAL = ['action', 'change_log'];
/** what 编辑 may change: the plan's and the budget's values, not its structure */
const EDITOR_UPDATES = ['task', 'target', 'unit', 'budget_line', 'setting', 'target_link'];
const EDITOR_WRITES = ['task_owner', 'unit_alias', 'scenario_override', 'target_link'];

/**
 * Whether a role's grants (applyAccessRules below) let it change `columns` of `table` this way — the same lists, so
 * a review can say beforehand what the database would refuse. A 单位填报's rows are further limited to its own
 * tasks' targets by row-level security, which this does not see.
 */
export function grantsAllow(kind: RoleKind, table: string, op: 'update' | 'insert' | 'delete', columns: readonly string[]): boolean {
  switch (kind) {
    case 'admin':
      return true;
    case 'reader':
      return false;
    case 'reporter':
      return (
        op === 'update' && table === 'target' && columns.every((column) => (REPORTED_TARGET_FIELDS as readonly string[]).includes(column))
      );
    case 'editor':
      return EDITOR_WRITES.includes(table) || (op === 'update' && EDITOR_UPDATES.includes(table));
  }
}

/**
 * Creates the four group roles of a workbook (or reuses them), their grants and the row-level security of targets.
 * Runs in the caller's transaction (an upload's); the caller must be allowed to create roles.
 */
export async function applyAccessRules(client: ServerClient, workbook: string): Promise<void> {
  const problem = workbookNameProblem(workbook);
  if (problem) throw new WorkbenchError('bad_input', `${problem}。`);
  const database = await currentDatabase(client);
  const role = (kind: RoleKind): string => groupRole(database, workbook, kind);
  for (const kind of ROLE_KINDS) {
    await client.query(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role(kind)}') THEN CREATE ROLE ${role(kind)} NOLOGIN; END IF; END $$`,
    );
  }
  await client.query(`GRANT ${role('reader')} TO ${role('reporter')}, ${role('editor')}`);
  await client.query(`GRANT ${role('editor')} TO ${role('admin')}`);
  const tables = `ALL TABLES IN SCHEMA ${workbook}`;
  await client.query(`GRANT USAGE ON SCHEMA ${workbook} TO ${role('reader')}`);
  await client.query(`GRANT USAGE ON SCHEMA ${REGISTRY_SCHEMA} TO ${role('reader')}`);
  await client.query(`GRANT SELECT ON ${REGISTRY_SCHEMA}.workbook, ${REGISTRY_SCHEMA}.member TO ${role('reader')}`);
  await client.query(`GRANT SELECT ON ${tables} TO ${role('reader')}`);
  // every writer journals its actions: new actions and change rows, an action's state on undo/redo, a bulk
  // insert's rows kept when it is undone — and nothing else of the history, and only its own (policies below)
  for (const writer of [role('reporter'), role('editor')]) {
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${workbook} TO ${writer}`);
    await client.query(`GRANT INSERT ON ${JOURNAL.map((t) => `${workbook}.${t}`).join(', ')} TO ${writer}`);
    await client.query(`GRANT UPDATE (state) ON ${workbook}.action TO ${writer}`);
    await client.query(`GRANT UPDATE (row_json) ON ${workbook}.change_log TO ${writer}`);
  }
  // a member's actions name them with their role ("李四（li_si）", server-workbook.ts): a writer may add and change
  // only actions that name itself, and change rows only of those
  const ownAction = (alias: string): string => `right(${alias}.actor, length(current_user) + 2) = '（' || current_user || '）'`;
  const writers = `${role('reporter')}, ${role('editor')}`;
  await client.query(`ALTER TABLE ${workbook}.action ENABLE ROW LEVEL SECURITY`);
  await client.query(`ALTER TABLE ${workbook}.change_log ENABLE ROW LEVEL SECURITY`);
  for (const table of JOURNAL) await client.query(`DROP POLICY IF EXISTS everyone_reads ON ${workbook}.${table}`);
  for (const table of JOURNAL) await client.query(`CREATE POLICY everyone_reads ON ${workbook}.${table} FOR SELECT USING (true)`);
  for (const policy of ['own_insert', 'own_update']) {
    for (const table of JOURNAL) await client.query(`DROP POLICY IF EXISTS ${policy} ON ${workbook}.${table}`);
  }
  await client.query(`CREATE POLICY own_insert ON ${workbook}.action FOR INSERT TO ${writers} WITH CHECK (${ownAction('action')})`);
  await client.query(
    `CREATE POLICY own_update ON ${workbook}.action FOR UPDATE TO ${writers} USING (${ownAction('action')}) WITH CHECK (${ownAction('action')})`,
  );
  const ownChange = `EXISTS (SELECT 1 FROM ${workbook}.action a WHERE a.id = change_log.action_id AND ${ownAction('a')})`;
  await client.query(`CREATE POLICY own_insert ON ${workbook}.change_log FOR INSERT TO ${writers} WITH CHECK (${ownChange})`);
  await client.query(
    `CREATE POLICY own_update ON ${workbook}.change_log FOR UPDATE TO ${writers} USING (${ownChange}) WITH CHECK (${ownChange})`,
  );
  // the columns the page offers a reporter are these very ones (team-roles.ts)
  await client.query(`GRANT UPDATE (${REPORTED_TARGET_FIELDS.join(', ')}) ON ${workbook}.target TO ${role('reporter')}`);
  await client.query(`GRANT UPDATE ON ${EDITOR_UPDATES.map((t) => `${workbook}.${t}`).join(', ')} TO ${role('editor')}`);
  await client.query(`GRANT INSERT, UPDATE, DELETE ON ${EDITOR_WRITES.map((t) => `${workbook}.${t}`).join(', ')} TO ${role('editor')}`);
  await client.query(`GRANT ALL ON ${tables} TO ${role('admin')}`);
  await client.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA ${workbook} TO ${role('admin')}`);

  // who is a member of which workbook is seen only by the members of that workbook
  await client.query(`ALTER TABLE ${REGISTRY_SCHEMA}.member ENABLE ROW LEVEL SECURITY`);
  await client.query(`DROP POLICY IF EXISTS members_see_their_workbooks ON ${REGISTRY_SCHEMA}.member`);
  await client.query(
    `CREATE POLICY members_see_their_workbooks ON ${REGISTRY_SCHEMA}.member FOR SELECT USING (EXISTS (
       SELECT 1 FROM pg_roles r WHERE pg_has_role(current_user, r.oid, 'MEMBER') AND r.rolname =
         'mswb_' || left(encode(sha256(convert_to(current_database(), 'UTF8')), 'hex'), 6) || '_' || workbook || '_reader'))`,
  );

  // 单位填报 changes only the targets of its own tasks; the others (and the owner) are not limited by rows
  await client.query(`ALTER TABLE ${workbook}.target ENABLE ROW LEVEL SECURITY`);
  await client.query(`DROP POLICY IF EXISTS everyone_reads ON ${workbook}.target`);
  await client.query(`CREATE POLICY everyone_reads ON ${workbook}.target FOR SELECT USING (true)`);
  await client.query(`DROP POLICY IF EXISTS editors_write ON ${workbook}.target`);
  await client.query(`CREATE POLICY editors_write ON ${workbook}.target FOR ALL TO ${role('editor')} USING (true) WITH CHECK (true)`);
  const ownTask = `EXISTS (SELECT 1 FROM ${workbook}.task_owner o JOIN ${REGISTRY_SCHEMA}.member m ON m.org_id = o.unit_id
      WHERE o.task_id = target.task_id AND m.workbook = '${workbook}' AND m.role_name = current_user)`;
  await client.query(`DROP POLICY IF EXISTS reporters_own ON ${workbook}.target`);
  await client.query(
    `CREATE POLICY reporters_own ON ${workbook}.target FOR UPDATE TO ${role('reporter')} USING (${ownTask}) WITH CHECK (${ownTask})`,
  );
}

export interface Membership {
  /** the person's login role (created by the office: CREATE ROLE li_si LOGIN PASSWORD '…') */
  role: string;
  kind: RoleKind;
  /** for 单位填报: the 责任单位 by its name in the workbook */
  orgName?: string | undefined;
  /** how the journal and the status bar name the person */
  displayName?: string | undefined;
}

/** Makes a login role a member of one of the workbook's groups (and of no other), in one transaction. */
export async function grantMember(client: ServerClient, workbook: string, member: Membership): Promise<void> {
  const problem = workbookNameProblem(workbook);
  if (problem) throw new WorkbenchError('bad_input', `${problem}。`);
  if (!LOGIN_ROLE.test(member.role))
    throw new WorkbenchError('bad_input', `数据库用户名“${member.role}”不可用：请用小写字母、数字和下划线。`);
  await client.query('BEGIN');
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [member.role]);
    if (exists.rowCount !== 1)
      throw new WorkbenchError(
        'not_found',
        `数据库中没有用户“${member.role}”。请先由数据库管理员创建（CREATE ROLE ${member.role} LOGIN PASSWORD '…'）。`,
      );
    let orgId: number | null = null;
    if (member.kind === 'reporter') {
      const org = await client.query(`SELECT id FROM ${workbook}.unit WHERE name = $1`, [member.orgName ?? '']);
      if (org.rowCount !== 1) throw new WorkbenchError('not_found', `团队工作簿“${workbook}”中没有责任单位“${member.orgName ?? ''}”。`);
      orgId = (org.rows[0] as { id: number }).id;
    }
    const database = await currentDatabase(client);
    for (const kind of ROLE_KINDS) await client.query(`REVOKE ${groupRole(database, workbook, kind)} FROM ${member.role}`);
    await client.query(`GRANT ${groupRole(database, workbook, member.kind)} TO ${member.role}`);
    await client.query(
      `INSERT INTO ${REGISTRY_SCHEMA}.member (workbook, role_name, kind, org_id, display_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workbook, role_name) DO UPDATE SET kind = excluded.kind, org_id = excluded.org_id, display_name = excluded.display_name`,
      [workbook, member.role, member.kind, orgId, member.displayName ?? ''],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
