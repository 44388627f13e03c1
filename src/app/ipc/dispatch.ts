import { CHANNEL_ACCESS } from '../../shared/channel-access';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/channel-names';
import { contract } from '../../shared/contract';
import type { Result, WorkbookChanges } from '../../shared/result';
import type { Journal } from '../store/journal';
import type { HandlerContext, Handlers } from '../handlers/context';
import { toErrorData } from './system-errors';

export { toErrorData };
import { issuePlace, installChineseValidationMessages } from './validation-messages';

installChineseValidationMessages();

function isChannelName(name: string): name is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(name);
}

/**
 * The single entry for every transport (ipcMain, Playwright binding, CLI): checks the channel, validates
 * the input against the contract, runs the handler, validates what it returns, and answers as data.
 */
export async function dispatch(handlers: Handlers, context: HandlerContext, channel: string, rawInput: unknown): Promise<Result<unknown>> {
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
        details: parsed.error.issues.map((issue) => ({ where: issuePlace(issue.path), message: issue.message })),
      },
    };
  }
  const writes = CHANNEL_ACCESS[channel] === 'write';
  if (writes) {
    // before the handler: no file dialog, no backup, no preview for a change that cannot be saved
    const refusal = context.session.writeRefusal();
    if (refusal) return { ok: false, error: { kind: 'conflict', message: refusal, details: [] } };
  }
  // not cleared first: a write still running (an import awaiting its file) keeps what it has changed so far, and
  // whichever write answers next carries it. A write that committed and then failed leaves its tables for the next
  // write's answer (its refusal reloads nothing); undo, redo and imports reload every view anyway.
  const journal = writes && context.session.isOpen ? context.session.workbook.journal : null;
  try {
    const handler = handlers[channel] as (input: unknown, context: HandlerContext) => unknown;
    const value = spec.output.parse(await handler(parsed.data, context));
    const changes = journal ? changesSince(journal, context) : undefined;
    return changes ? { ok: true, value, changes } : { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

/**
 * What a write changed in the workbook it started on. A write that switched workbooks (打开, 恢复备份) says nothing
 * here: the page reloads everything after those.
 */
function changesSince(journal: Journal, context: HandlerContext): WorkbookChanges | undefined {
  const tables = journal.takeTouched();
  if (tables.length === 0 || !context.session.isOpen || context.session.workbook.journal !== journal) return undefined;
  return { tables, history: journal.state() };
}
