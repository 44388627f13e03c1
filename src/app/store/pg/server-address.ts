import type { Refusal } from '../../../core/refusal';
import { WorkbenchError } from '../../../shared/result';
import { isServerAddress, SERVER_ADDRESS_SCHEME } from '../../../shared/workbook-address';

/**
 * Where a team workbook lives: `postgres://user@host:port/database?workbook=name`. The workbook is one
 * PostgreSQL schema in that database (see db/migrations-pg/), so one database can hold an office's several
 * workbooks and `pg_dump -n name` backs up one of them. `host=/path` in the query names a Unix-socket folder
 * instead of a network host, as libpq reads it.
 *
 * The address is what the recent list and the command line remember, so it never holds a password: one in the
 * address is refused rather than quietly stored in plain text (the desktop asks in its dialog and keeps it in
 * memory for the run, or encrypted by the OS key store on 记住密码; the command line reads PGPASSWORD or ~/.pgpass).
 */
export interface ServerAddress {
  host: string;
  port: number;
  database: string;
  user: string;
  /** the PostgreSQL schema holding the workbook */
  workbook: string;
  sslmode: 'disable' | 'require' | 'verify-full' | null;
  /** the address as shown and remembered (no password) */
  text: string;
}

/** a schema name needing no quotes anywhere (pg_dump -n, search_path, grants) */
/** 40 at most: the workbook's role names (server-roles.ts) must fit PostgreSQL's 63 bytes */
const WORKBOOK_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** schemas the server or this app uses for themselves */
const RESERVED = new Set(['public', 'information_schema', 'minsheng']);
const KNOWN_PARAMETERS = new Set(['workbook', 'host', 'sslmode']);
const SSL_MODES = ['disable', 'require', 'verify-full'] as const;

export { isServerAddress };

export function workbookNameProblem(name: string): string | null {
  if (!WORKBOOK_NAME.test(name))
    return `工作簿名“${name}”不可用：请用小写英文字母开头，只含小写字母、数字和下划线，最长 40 个字符（如 dazhou_2027）`;
  if (RESERVED.has(name) || name.startsWith('pg_')) return `工作簿名“${name}”是数据库保留的名称，请换一个`;
  return null;
}

export function parseServerAddress(text: string): ServerAddress | Refusal {
  // a password typed into the address is not shown back on the screen either
  const shown = text.replace(/(:\/\/[^:@/]*):[^@/]*@/, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
  const refuse = (reason: string): Refusal => ({ ok: false, reason: `服务器地址“${shown}”有误：${reason}。` });
  const trimmed = text.trim();
  if (!isServerAddress(trimmed)) return refuse('应以 postgres:// 开头');
  let url: URL;
  try {
    url = new URL(trimmed.replace(SERVER_ADDRESS_SCHEME, 'postgres://'));
  } catch {
    return refuse('无法识别，格式为 postgres://用户名@服务器:端口/数据库?workbook=工作簿名');
  }
  if (url.password || url.searchParams.has('password'))
    return refuse('地址中不能写密码（密码不以明文保存）；命令行请用环境变量 PGPASSWORD 或 ~/.pgpass，桌面程序在对话框中输入');
  const user = decodeURIComponent(url.username);
  if (!user) return refuse('缺少用户名（postgres://用户名@服务器/数据库）');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) return refuse('缺少数据库名（postgres://用户名@服务器/数据库）');
  const unknown = [...url.searchParams.keys()].filter((key) => !KNOWN_PARAMETERS.has(key));
  if (unknown.length > 0) return refuse(`不认识的参数 ${unknown.join('、')}（可用：workbook、host、sslmode）`);
  const workbook = url.searchParams.get('workbook') ?? '';
  if (!workbook) return refuse('缺少工作簿名（在地址末尾加 ?workbook=工作簿名）');
  const nameProblem = workbookNameProblem(workbook);
  if (nameProblem) return refuse(nameProblem);
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !(SSL_MODES as readonly string[]).includes(sslmode)) return refuse(`sslmode 只能是 ${SSL_MODES.join('、')}`);
  const socketFolder = url.searchParams.get('host');
  const port = url.port ? Number(url.port) : 5432;
  const host = socketFolder ?? url.hostname;
  if (!host) return refuse('缺少服务器名或地址');
  const query = new URLSearchParams({ workbook, ...(socketFolder ? { host: socketFolder } : {}), ...(sslmode ? { sslmode } : {}) });
  return {
    host,
    port,
    database,
    user,
    workbook,
    sslmode: sslmode as ServerAddress['sslmode'],
    text: `postgres://${encodeURIComponent(user)}@${url.host}/${encodeURIComponent(database)}?${query.toString()}`,
  };
}

/** The address, or a bad-input error saying what is wrong with it. */
export function requireServerAddress(text: string): ServerAddress {
  const parsed = parseServerAddress(text);
  if ('ok' in parsed) throw new WorkbenchError('bad_input', parsed.reason);
  return parsed;
}
