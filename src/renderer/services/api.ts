import type { ChannelName } from '../../shared/channel-names';
import type { ChannelInput, ChannelOutput, WorkbenchApi } from '../../shared/contract';
import type { MenuCommand } from '../../shared/commands';
import { WorkbenchError, type WorkbookChanges } from '../../shared/result';

declare global {
  interface Window {
    workbench?: WorkbenchApi;
    workbenchEvents?: { onMenuCommand(listener: (command: MenuCommand) => void): () => void };
  }
}

/**
 * The renderer's one way to reach the workbook. Stores call this module, never `window.workbench`, so
 * they can be tested with a spy. Errors arrive as data and are rethrown as WorkbenchError here.
 */
export async function call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const api = window.workbench;
  if (!api) throw new WorkbenchError('internal', '应用接口未加载：请通过民生规划工作台启动本页面。');
  const result = await api[channel](input);
  if (!result.ok) throw new WorkbenchError(result.error.kind, result.error.message, result.error.details);
  if (result.changes) for (const listener of changeListeners) listener(result.changes, channel);
  return result.value;
}

type ChangesListener = (changes: WorkbookChanges, channel: ChannelName) => void;
const changeListeners = new Set<ChangesListener>();

/** Hears what each write changed (its tables and the undo/redo state after it), before the writer gets its answer. */
export function onWorkbookChanges(listener: ChangesListener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.workbenchEvents?.onMenuCommand(listener) ?? (() => undefined);
}

/** The per-load CSP nonce the server put in the page, for AG Grid's injected styles. */
export function styleNonce(): string | undefined {
  const content = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content');
  return content && !content.startsWith('__') ? content : undefined;
}
