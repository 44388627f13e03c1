import { WorkbenchError } from '../../../shared/result';
import { me, type SessionOrigin } from '../../workbook-lock';
import { Journal } from '../journal';
import type { Migration } from '../migrations';
import type { Workbook } from '../workbook';
import type { ServerAddress } from './server-address';
import { ServerDb } from './server-db';
import { memberRole } from './server-member';
import { REGISTRY_SCHEMA, schemaVerdict } from './server-schema';
import { SyncServerConnection } from './sync-server';
import { presenceName } from './sync-protocol';

export interface OpenServerWorkbookOptions {
  /** typed in the desktop's dialog or kept by the app (server-passwords.ts); unset, the driver reads PGPASSWORD or ~/.pgpass */
  password?: string | undefined;
  origin: SessionOrigin;
  actor?: string;
  serverMigrations: readonly Migration[];
  /** the compiled sync-worker script */
  workerScript: string;
}

/**
 * Opens a team workbook: a connection to its schema, the schema version checked (a newer one is refused, as a
 * newer file is), and a journal that records who (the user), from which machine and which kind of process made
 * each action. There is no lock: the server lets several people write, and each transaction sees one moment.
 */
export function openServerWorkbook(address: ServerAddress, options: OpenServerWorkbookOptions): Workbook {
  const self = me(options.origin, options.actor);
  const connection = new SyncServerConnection(address, {
    password: options.password,
    applicationName: presenceName(address.workbook, `${self.user}@${self.machine}${options.origin === 'cli' ? '（命令行）' : ''}`),
    workerScript: options.workerScript,
  });
  const db = new ServerDb(connection);
  try {
    const present = db.prepare("SELECT to_regclass('schema_migration') IS NOT NULL AS present").get() as { present: number };
    const applied = present.present
      ? (db.prepare('SELECT version FROM schema_migration').all() as { version: number }[]).map((row) => row.version)
      : [];
    if (applied.length === 0 && !present.present) {
      throw new WorkbenchError(
        'not_found',
        `服务器上没有团队工作簿“${address.workbook}”。请确认地址中的 workbook= 名称，或先把本地工作簿上传到服务器。`,
      );
    }
    schemaVerdict(address.workbook, applied, options.serverMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const journal = new Journal(db, actorOf(db, address.workbook, self.user), {
    id: self.session,
    origin: self.origin,
    machine: self.machine,
  });
  return {
    path: address.text,
    db,
    file: null,
    journal,
    others: () => db.others(),
    access: { mode: 'write' },
    role: memberRole(db, address.workbook),
    // while the connection is down (and being retried) the window only reads: an edit would be lost with it
    writeRefusal: () => db.connection.problem(),
    backup: (reason) =>
      reason === 'manual'
        ? Promise.reject(
            new WorkbenchError(
              'conflict',
              '团队工作簿由服务器备份（如 pg_dump），本机不为它做备份；需要一份本地文件时请用“另存为本地副本”。',
            ),
          )
        : Promise.resolve(null),
    close: () => db.close(),
  };
}

/**
 * Who the journal names: a member's display name with the database role they logged in as ("李四（li_si）"), or the
 * machine's user when the role is no member of the workbook (the owner, a superuser).
 */
function actorOf(db: ServerDb, workbook: string, osUser: string): string {
  const registry = db.prepare(`SELECT to_regclass('${REGISTRY_SCHEMA}.member') IS NOT NULL AS present`).get() as { present: number };
  if (!registry.present) return osUser;
  const row = db
    .prepare(
      `SELECT display_name AS name, current_user AS role FROM ${REGISTRY_SCHEMA}.member WHERE workbook = ? AND role_name = current_user`,
    )
    .get(workbook) as { name: string; role: string } | undefined;
  return row ? `${row.name || osUser}（${row.role}）` : osUser;
}
