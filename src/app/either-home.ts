import { loadMigrations } from './store/migrations';
import { isServerAddress, requireServerAddress } from './store/pg/server-address';
import { LoginRefused } from './store/pg/server-connection';
import { openServerWorkbook } from './store/pg/server-workbook';
import type { ServerPasswords } from './server-passwords';
import type { OpenHow, WorkbookOpener } from './session';
import type { SessionOrigin } from './workbook-lock';

export interface ServerHome {
  serverMigrationsDir: string;
  /** the compiled sync-worker script (built beside the app, or bundled from source) */
  workerScript: () => string;
  passwords: Pick<ServerPasswords, 'known' | 'forget'>;
  origin: SessionOrigin;
  actor?: string;
}

/**
 * Opens what a workbook path names: a .mswb file through `openFile`, or a `postgres://` address as a team
 * workbook — with the password given now, one the app knows (typed earlier in this run, or recalled from the key
 * store by the handler that opens), or none (the driver then reads PGPASSWORD or ~/.pgpass, as the command line does).
 * Remembering a password that worked is the opening handler's business (team-workbooks.ts): it knows about 记住密码.
 */
export function eitherHome(openFile: WorkbookOpener, server: ServerHome): WorkbookOpener {
  return (path: string, how: OpenHow = {}) => {
    if (!isServerAddress(path)) return openFile(path, how);
    const address = requireServerAddress(path);
    const remembered = server.passwords.known(address.text);
    const password = how.password ?? remembered;
    try {
      return openServerWorkbook(address, {
        password,
        origin: server.origin,
        ...(server.actor ? { actor: server.actor } : {}),
        serverMigrations: loadMigrations(server.serverMigrationsDir),
        workerScript: server.workerScript(),
      });
    } catch (error) {
      // a remembered password the server refuses (changed since) is dropped, so the next open asks for it instead of
      // failing the same way every time; a mistyped one leaves the remembered one alone
      if (error instanceof LoginRefused && remembered !== undefined && password === remembered) server.passwords.forget(address.text);
      throw error;
    }
  };
}
