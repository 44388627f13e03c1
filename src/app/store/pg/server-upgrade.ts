import { WorkbenchError } from '../../../shared/result';
import { latestVersion, type Migration } from '../migrations';
import { writeLockName } from './server-db';
import { type ServerClient, serverError, type ServerPlace } from './server-connection';
import { applyAccessRules } from './server-roles';
import { presenceOf, presencePrefix } from './sync-protocol';
import { appliedServerVersions, runServerMigrations, upgradableVersion, workbookExists } from './server-schema';

/**
 * Upgrading a team workbook to this version of the app's schema: the server form of the migrations it has not had
 * (db/migrations-pg), in one transaction that holds the workbook's write lock — no colleague's edit interleaves,
 * and a failure leaves the workbook as it was. The access rules are applied again afterwards, so that a table a
 * migration adds is granted to the workbook's roles like the others (rather than by ALTER DEFAULT PRIVILEGES, which
 * would follow whoever creates tables in the schema, not the workbook's rules).
 *
 * Only on purpose and by the workbook's owner (ALTER TABLE needs ownership): opening never upgrades, so colleagues
 * still on the previous version of the app are refused ("由更新版本创建") instead of misreading a changed schema.
 */

export interface UpgradeOutcome {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Colleagues with the workbook open were let in by a version check at their open, which is not repeated: their
 * app, perhaps the previous version, would go on writing against the changed schema. They close it first.
 */
async function refuseWhileInUse(client: ServerClient, name: string): Promise<void> {
  const prefix = presencePrefix(name);
  const result = await client.query(
    `SELECT DISTINCT application_name AS name, usename AS role FROM pg_stat_activity
     WHERE datname = current_database() AND left(application_name, $1) = $2 AND pid <> pg_backend_pid()`,
    [prefix.length, prefix],
  );
  const users = [...new Set((result.rows as { name: string; role: string }[]).map((row) => presenceOf(name, row.name) ?? row.role))];
  if (users.length > 0)
    throw new WorkbenchError(
      'conflict',
      `${users.join('、')} 正在使用团队工作簿“${name}”。升级会改变数据结构，请他们先关闭该工作簿再升级；团队工作簿未做任何修改。`,
    );
}

export async function upgradeServerWorkbook(client: ServerClient, name: string, migrations: readonly Migration[]): Promise<UpgradeOutcome> {
  await client.query('BEGIN');
  try {
    if (!(await workbookExists(client, name))) throw new WorkbenchError('not_found', `服务器上没有名为“${name}”的团队工作簿。`);
    // an ALTER waits for every reader of its table, and everyone's reads would queue behind it meanwhile
    await client.query("SET LOCAL lock_timeout = '10s'");
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [writeLockName(name)]);
    await refuseWhileInUse(client, name);
    const from = upgradableVersion(name, await appliedServerVersions(client, name), migrations);
    const pending = migrations.filter((migration) => migration.version > from);
    if (pending.length > 0) {
      await client.query(`SET LOCAL search_path TO ${name}`);
      await runServerMigrations(client, pending);
      await applyAccessRules(client, name);
    }
    await client.query('COMMIT');
    return { from, to: latestVersion(migrations), applied: pending.map((migration) => `${migration.version} ${migration.name}`) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof WorkbenchError) throw error;
    const explained = serverError(error, client as ServerPlace);
    const owner =
      (error as { code?: string }).code === '42501' ? '只有团队工作簿的所有者（上传它的数据库用户）或数据库管理员可以升级。' : '';
    throw new WorkbenchError(explained.kind, `升级未完成，团队工作簿未做任何修改：${owner}${explained.message}`);
  }
}
