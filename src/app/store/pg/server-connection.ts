import pg from 'pg';
import { WorkbenchError } from '../../../shared/result';
import type { ServerAddress } from './server-address';

export type ServerClient = pg.Client;

const INT8 = 20;

/**
 * bigint columns (ids, money in 分) as JavaScript numbers, as better-sqlite3 gives SQLite's integers, so the same
 * code reads both homes. A value beyond 2^53 cannot be a number exactly: it is refused, never rounded.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new WorkbenchError('storage', `服务器上的整数 ${text} 超出了本软件能精确处理的范围`);
  return value;
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface ConnectOptions {
  /** typed in the desktop's dialog (kept in memory for the run); unset, the driver reads PGPASSWORD or ~/.pgpass */
  password?: string | undefined;
  /** shown in pg_stat_activity: who else is in the workbook */
  applicationName?: string;
  /** ms; a statement that runs longer is cancelled instead of holding the workbook */
  statementTimeout?: number;
}

/** Opens one connection and turns the driver's refusals into sentences an office can act on. */
export async function connectServer(address: ServerAddress, options: ConnectOptions = {}): Promise<ServerClient> {
  const client = new pg.Client({
    host: address.host,
    port: address.port,
    database: address.database,
    user: address.user,
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(address.sslmode && address.sslmode !== 'disable' ? { ssl: { rejectUnauthorized: address.sslmode === 'verify-full' } } : {}),
    application_name: options.applicationName ?? 'minsheng-workbench',
    statement_timeout: options.statementTimeout ?? 60_000,
    connectionTimeoutMillis: 10_000,
    types,
  });
  // a connection that drops while idle emits 'error'; without a listener Node would end the process
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw serverError(error, address);
  }
  return client;
}

/** Where a connection goes: a ServerAddress, or the connected client itself (pg.Client has the same fields). */
export interface ServerPlace {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** PostgreSQL error codes this app explains (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const EXPLAINED: Record<string, (address: ServerPlace) => string> = {
  '28P01': (a) => `数据库用户“${a.user}”的密码错误，或该用户不存在。`,
  '28000': (a) => `服务器不允许用户“${a.user}”从本机连接数据库“${a.database}”（pg_hba.conf）。`,
  '3D000': (a) => `服务器上没有数据库“${a.database}”。`,
  '42501': () => '当前数据库用户没有执行此操作的权限。',
  '57014': () => '服务器处理超时，操作已取消，数据未修改。',
  '23505': () => '要保存的内容与已有的重复（可能是他人刚刚添加了相同的内容），本次修改未保存。请核对后重试。',
  // REPEATABLE READ: someone else changed the same rows while this action ran; it was undone whole
  '40001': () => '同一内容刚被其他人修改，本次修改未保存。请核对最新内容后重试。',
  '40P01': () => '同一内容刚被其他人修改，本次修改未保存。请核对最新内容后重试。',
  '57P01': () => '连接中断：数据库服务器正在关闭或重启，请稍后重试。',
  '57P02': () => '连接中断：数据库服务器异常重启，请稍后重试。',
  '57P03': () => '连接中断：数据库服务器正在启动或关闭，暂不接受连接，请稍后重试。',
};

/** A driver or server error as a WorkbenchError naming the server, in Chinese. */
export function serverError(error: unknown, address: ServerPlace): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const code = (error as { code?: string }).code ?? '';
  const explain = EXPLAINED[code];
  if (explain)
    return new WorkbenchError(
      code === '42501' ? 'forbidden' : code.startsWith('40') || code === '23505' ? 'conflict' : 'storage',
      explain(address),
    );
  if (
    ['ECONNREFUSED', 'ENOENT', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE'].includes(code) ||
    /timeout|terminated/i.test(String(error))
  )
    return new WorkbenchError(
      'storage',
      `连接中断：无法连接数据库服务器 ${address.host}:${address.port}（${code || String(error)}）。请确认服务器已启动、地址和网络正常。`,
    );
  return new WorkbenchError('storage', `数据库服务器报错：${(error as Error).message ?? String(error)}`);
}
