import { ROLE_KINDS, type RoleKind, type WorkbookRole, workbookRole } from '../../../shared/team-roles';
import type { StoreDb } from '../store-db';
import { groupRole } from './server-roles';
import { REGISTRY_SCHEMA } from './server-schema';

/** Most rights first: an admin's group is also a member of the editor's, and an editor's of the reader's (server-roles.ts). */
const STRONGEST_FIRST: readonly RoleKind[] = [...ROLE_KINDS].reverse();

/**
 * The role the person logged in as has in a team workbook, read once as it opens, so the page offers only what the
 * server would keep. The workbook's owner (the schema's owner, or a member of the owning role) and a superuser hold
 * every right without being in a group, so they count as 管理员. A login in none of the groups and not the owner has
 * no role we can name: undefined, and the page offers everything while the server refuses as it always does.
 */
export function memberRole(db: StoreDb, workbook: string): WorkbookRole | undefined {
  const owner = db
    .prepare(
      `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(current_user, n.nspowner, 'MEMBER') AS owns,
              current_database() AS database
         FROM pg_namespace n WHERE n.nspname = current_schema()`,
    )
    .get() as { owns: number | boolean; database: string } | undefined;
  if (!owner) return undefined;
  if (owner.owns) return workbookRole('admin');
  const groups = STRONGEST_FIRST.map((kind) => groupRole(owner.database, workbook, kind));
  // pg_has_role on a role that does not exist is an error: only the workbook's groups that exist are asked about
  const held = db
    .prepare(`SELECT rolname AS name FROM pg_roles WHERE rolname IN (?, ?, ?, ?) AND pg_has_role(current_user, oid, 'MEMBER')`)
    .all(...groups) as { name: string }[];
  const kind = STRONGEST_FIRST.find((_, i) => held.some((row) => row.name === groups[i]));
  if (!kind) return undefined;
  return workbookRole(kind, kind === 'reporter' ? reporterOrg(db, workbook) : undefined);
}

/** The 责任单位 a 单位填报 member reports for, by its name now (grantMember records it by id). */
function reporterOrg(db: StoreDb, workbook: string): string {
  const row = db
    .prepare(
      `SELECT u.name AS name FROM ${REGISTRY_SCHEMA}.member m JOIN unit u ON u.id = m.org_id WHERE m.workbook = ? AND m.role_name = current_user`,
    )
    .get(workbook) as { name: string } | undefined;
  return row?.name ?? '';
}
