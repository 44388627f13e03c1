import pg from 'pg';
import { WorkbenchError } from '../../../shared/result';
import type { ServerAddress } from './server-address';

/**
 * How every connection to a team workbook's server is made — the one-off jobs' async client (upload, local copy,
 * grant) and the store's synchronous one (sync-worker.ts) alike: where, who, SSL, the statement time limit, and
 * numbers read as better-sqlite3 reads SQLite's. Plain data, so the settings can cross to the worker thread.
 */
export interface ConnectionSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  /** typed in the desktop's dialog or kept by the app (server-passwords.ts); unset, the driver reads PGPASSWORD or ~/.pgpass */
  password?: string | undefined;
  ssl?: { rejectUnauthorized: boolean } | undefined;
  /** shown in pg_stat_activity: who else is in the workbook */
  applicationName: string;
  /** ms; a statement that runs longer is cancelled instead of holding the workbook */
  statementTimeout: number;
}

export interface ConnectOptions {
  password?: string | undefined;
  applicationName?: string;
  statementTimeout?: number;
}

export function connectionSettings(address: ServerAddress, options: ConnectOptions = {}): ConnectionSettings {
  return {
    host: address.host,
    port: address.port,
    database: address.database,
    user: address.user,
    password: options.password,
    ssl: address.sslmode && address.sslmode !== 'disable' ? { rejectUnauthorized: address.sslmode === 'verify-full' } : undefined,
    applicationName: options.applicationName ?? 'minsheng-workbench',
    statementTimeout: options.statementTimeout ?? 60_000,
  };
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * bigint columns (ids, money in 分) and numeric (sum() of them) as JavaScript numbers, as better-sqlite3 gives
 * SQLite's integers, so the same code reads both homes. A value a number cannot hold exactly is refused, never
 * rounded.
 */
function exactNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))
    throw new WorkbenchError('storage', `服务器上的数值 ${text} 超出了本软件能精确处理的范围`);
  return value;
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC ? exactNumber : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function clientConfig(settings: ConnectionSettings): pg.ClientConfig {
  return {
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(settings.ssl ? { ssl: settings.ssl } : {}),
    application_name: settings.applicationName,
    statement_timeout: settings.statementTimeout,
    connectionTimeoutMillis: 10_000,
    // a line that drops silently (no reset) is found by TCP keepalive rather than at the next statement's time limit
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types,
  };
}
