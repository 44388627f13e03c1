import pg from 'pg';
import { WorkbenchError } from '../../../shared/result';
import { clientConfig, type ConnectOptions, connectionSettings } from './client-config';
import type { ServerAddress } from './server-address';

export type ServerClient = pg.Client;

/** Opens one connection and turns the driver's refusals into sentences an office can act on. */
export async function connectServer(address: ServerAddress, options: ConnectOptions = {}): Promise<ServerClient> {
  const client = new pg.Client(clientConfig(connectionSettings(address, options)));
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
  '23503': () => '要保存的内容所属的记录已不存在（可能是他人刚刚删除了它），本次修改未保存。请核对后重试。',
  // REPEATABLE READ: someone else changed the same rows while this action ran; it was undone whole
  '40001': () => '同一内容刚被其他人修改，本次修改未保存。请核对最新内容后重试。',
  '40P01': () => '同一内容刚被其他人修改，本次修改未保存。请核对最新内容后重试。',
  '57P01': () => '连接中断：数据库服务器正在关闭或重启，请稍后重试。',
  '57P02': () => '连接中断：数据库服务器异常重启，请稍后重试。',
  '57P03': () => '连接中断：数据库服务器正在启动或关闭，暂不接受连接，请稍后重试。',
};

/**
 * The SQLSTATE of a login the server refused for its password (a wrong password, or no such role: the server does
 * not say which). A password the app remembered is forgotten on it (either-home.ts), so the dialog asks again
 * instead of failing the same way at every open. A connection pg_hba.conf does not let in (28000) is not the
 * password's fault — from another network the same password works — so it is kept.
 */
const LOGIN_REFUSED = new Set(['28P01']);

/** The server refused the login (see LOGIN_REFUSED); a WorkbenchError like any other to everyone else. */
export class LoginRefused extends WorkbenchError {}

/** A driver or server error as a WorkbenchError naming the server, in Chinese. */
export function serverError(error: unknown, address: ServerPlace): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const code = (error as { code?: string }).code ?? '';
  const explain = EXPLAINED[code];
  if (explain && LOGIN_REFUSED.has(code)) return new LoginRefused('storage', explain(address));
  // the driver's words when the server asks for a password and none was given (no PGPASSWORD, no ~/.pgpass entry)
  if (/client password must be a (non-empty )?string/.test(String((error as Error | null)?.message ?? '')))
    return new WorkbenchError(
      'storage',
      `服务器要求数据库用户“${address.user}”输入密码：请在对话框中输入密码（命令行请设置 PGPASSWORD 或 ~/.pgpass）。`,
    );
  if (explain)
    return new WorkbenchError(
      code === '42501' ? 'forbidden' : code.startsWith('40') || code === '23505' || code === '23503' ? 'conflict' : 'storage',
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
