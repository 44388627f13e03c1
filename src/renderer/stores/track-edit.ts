import type { ChannelName } from '../../shared/channel-names';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import { call } from '../services/api';
import { useUiStore } from './ui-store';

/**
 * Every write from the page: shown as 保存中/已保存 in the status bar, errors to the message bar (the undo button's
 * label comes with the write's answer, see history-store). Resolves to the work's answer, or undefined when the
 * workbook refused the write.
 */
export function trackedWork<T>(work: () => Promise<T>): Promise<T | undefined> {
  return useUiStore.getState().track(work);
}

/** A write through one channel (see trackedWork); null when refused. */
export async function trackedWrite<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K> | null> {
  return (await trackedWork(() => call(channel, input))) ?? null;
}

/** The reason typed in the grid toolbar, if any, goes with every edit. */
export function withReason<T extends object>(input: T): T & { reason?: string } {
  const reason = useUiStore.getState().editReason.trim();
  return reason ? { ...input, reason } : input;
}
