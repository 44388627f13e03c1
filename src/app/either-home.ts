import { loadMigrations } from './store/migrations';
import { isServerAddress, requireServerAddress } from './store/pg/server-address';
import { openServerWorkbook } from './store/pg/server-workbook';
import type { OpenHow, WorkbookOpener } from './session';
import type { SessionOrigin } from './workbook-lock';

/**
 * The passwords typed for team workbooks in this run of the app, so that switching back to one, or reopening it
 * from 最近打开, does not ask again. Held in memory only and gone when the app closes: never written to disk.
 */
export class ServerPasswords {
  private readonly byAddress = new Map<string, string>();
  get(address: string): string | undefined {
    return this.byAddress.get(address);
  }
  remember(address: string, password: string): void {
    this.byAddress.set(address, password);
  }
}

export interface ServerHome {
  serverMigrationsDir: string;
  /** the compiled sync-worker script (built beside the app, or bundled from source) */
  workerScript: () => string;
  passwords: ServerPasswords;
  origin: SessionOrigin;
  actor?: string;
}

/**
 * Opens what a workbook path names: a .mswb file through `openFile`, or a `postgres://` address as a team
 * workbook — with the password given now (then remembered for this run), one remembered earlier, or none (the
 * driver then reads PGPASSWORD or ~/.pgpass, as the command line does).
 */
export function eitherHome(openFile: WorkbookOpener, server: ServerHome): WorkbookOpener {
  return (path: string, how: OpenHow = {}) => {
    if (!isServerAddress(path)) return openFile(path, how);
    const address = requireServerAddress(path);
    const password = how.password ?? server.passwords.get(address.text);
    const workbook = openServerWorkbook(address, {
      password,
      origin: server.origin,
      ...(server.actor ? { actor: server.actor } : {}),
      serverMigrations: loadMigrations(server.serverMigrationsDir),
      workerScript: server.workerScript(),
    });
    if (how.password !== undefined) server.passwords.remember(address.text, how.password);
    return workbook;
  };
}
