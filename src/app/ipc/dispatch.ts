import { CHANNEL_ACCESS } from '../../shared/channel-access';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/channel-names';
import { contract } from '../../shared/contract';
import type { Result } from '../../shared/result';
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
        details: parsed.error.issues.map((issue) => ({ where: issuePlace(issue.path), message: issue.message })),
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
