import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import type { HandlerContext, Handlers } from '../../app/handlers/context';
import { isAppUrl } from '../security/policy';
import { dispatch } from '../../app/ipc/dispatch';

/** A message is trusted only from the top frame of the app's own page; iframes and other origins are refused. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, getContext: () => HandlerContext): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { kind: 'forbidden', message: '拒绝来自非本应用页面的请求。', details: [] } };
      }
      return dispatch(handlers, getContext(), channel, input);
    });
  }
}
