import { CHANNEL_ACCESS } from '../../shared/channel-access';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/channel-names';
import { contract } from '../../shared/contract';
import { type Result, WorkbenchError, type WorkbenchErrorData } from '../../shared/result';
import type { HandlerContext, Handlers } from '../handlers/context';

function isChannelName(name: string): name is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(name);
}

const SQLITE_MESSAGES: [RegExp, WorkbenchErrorData['kind'], string][] = [
  [/^SQLITE_FULL/, 'storage', '磁盘空间不足，本次操作已撤回，数据未改变。请清理磁盘后重试。'],
  [/^SQLITE_READONLY/, 'conflict', '工作簿当前只能读不能写（可能正被他人使用，或文件、文件夹是只读的），本次修改没有保存。'],
  [/^SQLITE_(BUSY|LOCKED)/, 'storage', '工作簿正被其他程序占用，本次操作已撤回。请稍后重试。'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'storage', '工作簿文件已损坏，本次操作已撤回。请关闭后重新打开工作簿：软件会检查文件，并列出可用于恢复的备份。'],
  [/^SQLITE_IOERR/, 'storage', '读写工作簿文件时出错（磁盘、U盘或网络故障），本次操作已撤回。请检查后重试。'],
  [/^SQLITE_CANTOPEN/, 'storage', '无法打开工作簿文件，请检查文件是否存在、是否有读写权限。'],
  [/^SQLITE_CONSTRAINT/, 'bad_input', '数据不符合约束（例如名称重复，或引用的记录已不存在），本次操作已撤回。'],
  [/^SQLITE_/, 'storage', '工作簿读写失败，本次操作已撤回。请重试；如果反复出现，请从备份恢复。'],
];

const FILE_MESSAGES: Record<string, (path: string) => string> = {
  ENOENT: (path) => `找不到文件或文件夹：${path}。请检查路径后重试。`,
  EACCES: (path) => `没有权限访问：${path}。请检查文件权限，或换一个位置。`,
  EPERM: (path) => `没有权限访问：${path}。请检查文件权限，或换一个位置。`,
  EROFS: (path) => `位置是只读的：${path}。请换一个可写的位置。`,
  ENOSPC: () => '磁盘空间不足，操作未完成，已有数据未改变。请清理磁盘后重试。',
  EFBIG: () => '文件超过了该磁盘或系统允许的大小，操作未完成，已有数据未改变。请换一个位置后重试。',
  EISDIR: (path) => `“${path}”是一个文件夹，请选择文件。`,
  EBUSY: (path) => `文件正被其他程序占用：${path}。请关闭占用它的程序（如 Excel）后重试。`,
};

/** Turns anything thrown into an error the page can show, in Chinese (never SQLite's or the OS's own words). */
export function toErrorData(error: unknown): WorkbenchErrorData {
  if (error instanceof WorkbenchError) return error.toData();
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const known = SQLITE_MESSAGES.find(([pattern]) => pattern.test(code));
    if (known) return { kind: known[1], message: known[2], details: [] };
    const file = FILE_MESSAGES[code];
    if (file) return { kind: 'storage', message: file(String((error as { path?: unknown }).path ?? '')), details: [] };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `内部错误：${message}`, details: [] };
}

/**
 * The single entry for every transport (ipcMain, Playwright binding, CLI): checks the channel, validates
 * the input against the contract, runs the handler, validates what it returns, and answers as data.
 */
export async function dispatch(
  handlers: Handlers,
  context: HandlerContext,
  channel: string,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return { ok: false, error: { kind: 'unknown_channel', message: `未知的请求：${channel}`, details: [] } };
  }
  const spec = contract[channel];
  // only a missing input means "no arguments"; null or any other non-object is refused by the schema
  const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        kind: 'validation',
        message: '请求内容不合法，未做任何修改。',
        details: parsed.error.issues.map((issue) => ({ where: issue.path.join('.'), message: issue.message })),
      },
    };
  }
  if (CHANNEL_ACCESS[channel] === 'write') {
    // before the handler: no file dialog, no backup, no preview for a change that cannot be saved
    const refusal = context.session.writeRefusal();
    if (refusal) return { ok: false, error: { kind: 'conflict', message: refusal, details: [] } };
  }
  try {
    const handler = handlers[channel] as (input: unknown, context: HandlerContext) => unknown;
    const value = await handler(parsed.data, context);
    return { ok: true, value: spec.output.parse(value) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
