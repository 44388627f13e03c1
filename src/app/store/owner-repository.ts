import type { OwnerRole } from '../../shared/plan';
import { type Db, prepared } from './connection';

/**
 * Who is responsible for what: the roles (牵头 lead, 配合 co) of 责任单位 on tasks, domains and safeguards, in the
 * three owner tables that share one shape. Reads only: roles change through the journal's recorder.
 */

export type OwnerTable = 'task_owner' | 'domain_owner' | 'safeguard_owner';

/** The column naming the item an owner table's row belongs to (half of the row's key, with unit_id). */
export const OWNED_COLUMN: Readonly<Record<OwnerTable, string>> = {
  task_owner: 'task_id',
  domain_owner: 'domain_id',
  safeguard_owner: 'safeguard_id',
};

/** An org's role on one item, if it has one. */
export function ownerRole(db: Db, table: OwnerTable, itemId: number, orgId: number): OwnerRole | undefined {
  const row = prepared(db, `SELECT role FROM ${table} WHERE ${OWNED_COLUMN[table]} = ? AND unit_id = ?`).get(itemId, orgId) as
    { role: OwnerRole } | undefined;
  return row?.role;
}

/** Every role an org holds in one owner table. */
export function rolesOfOrg(db: Db, table: OwnerTable, orgId: number): { itemId: number; role: OwnerRole; ord: number }[] {
  return prepared(db, `SELECT ${OWNED_COLUMN[table]} AS itemId, role, ord FROM ${table} WHERE unit_id = ?`).all(orgId) as {
    itemId: number;
    role: OwnerRole;
    ord: number;
  }[];
}

export function taskOwners(db: Db, taskId: number): { orgId: number; role: OwnerRole; ord: number }[] {
  return prepared(db, 'SELECT unit_id AS orgId, role, ord FROM task_owner WHERE task_id = ?').all(taskId) as {
    orgId: number;
    role: OwnerRole;
    ord: number;
  }[];
}

export function hasLeadOrg(db: Db, taskId: number): boolean {
  return prepared(db, "SELECT 1 FROM task_owner WHERE task_id = ? AND role = 'lead'").get(taskId) !== undefined;
}

/** The next position among a task's owners (an org added goes last). */
export function nextOwnerOrd(db: Db, taskId: number): number {
  return (prepared(db, 'SELECT COALESCE(MAX(ord), -1) + 1 AS ord FROM task_owner WHERE task_id = ?').get(taskId) as { ord: number }).ord;
}

/** The tasks an org, by its name, leads or helps with (an org's packet holds their targets). */
export function taskIdsOfOrgNamed(db: Db, orgName: string): number[] {
  const rows = prepared(db, 'SELECT o.task_id AS id FROM task_owner o JOIN unit u ON u.id = o.unit_id WHERE u.name = ?').all(orgName) as {
    id: number;
  }[];
  return rows.map((row) => row.id);
}
