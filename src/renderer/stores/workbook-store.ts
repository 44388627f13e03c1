import { create } from 'zustand';
import { call } from '../services/api';
import { notifyWorkbookChanged } from './history-events';
import { useUiStore } from './ui-store';

/** How often the page asks whether another process has changed the workbook or taken it (milliseconds). */
export const WORKBOOK_STATUS_POLL_MS = 3000;

interface WorkbookState {
  /** this window may not write: someone else has the workbook (or took it with 强制打开) */
  readOnly: boolean;
  /** who has it since when, and what to do */
  notice: string;
  externalChanges: number;
  refresh(): Promise<void>;
  /** 强制打开, after the user has read what it risks. */
  forceOpen(): Promise<void>;
}

/**
 * Whether this window is the workbook's writer, and whether another process has committed since it opened — then
 * every view reloads, so a colleague's (or the command line's) change is on the screen, not a stale copy.
 */
export const useWorkbookStore = create<WorkbookState>((set, get) => ({
  readOnly: false,
  notice: '',
  externalChanges: 0,
  refresh: async () => {
    let status;
    try {
      status = await call('workbook-status', {});
    } catch {
      return;
    }
    const changed = status.externalChanges !== get().externalChanges;
    set({ readOnly: status.readOnly, notice: status.notice, externalChanges: status.externalChanges });
    if (changed && status.externalChanges > 0) {
      await notifyWorkbookChanged();
      useUiStore.getState().showInfo('另一个窗口或程序修改了工作簿，已重新读取最新内容。');
    }
  },
  forceOpen: async () => {
    const answer = await useUiStore.getState().ask({
      title: '强制打开',
      message: `${get().notice}\n强制打开后，对方的窗口将不能再保存修改（已保存的不受影响），对方正在输入、尚未保存的内容会丢失；两人在同一时间修改也可能互相覆盖。只有确认对方已经不再使用（例如其电脑已关机或程序已无响应）时才强制打开。`,
      confirmLabel: '强制打开',
    });
    if (answer === null) return;
    const result = await useUiStore.getState().track(() => call('workbook-force-open', {}));
    if (!result) return;
    set({ externalChanges: 0 });
    await get().refresh();
    await notifyWorkbookChanged();
    useUiStore.getState().showInfo(result.note);
  },
}));

/** Starts asking; returns the function that stops. */
export function watchWorkbookStatus(): () => void {
  void useWorkbookStore.getState().refresh();
  const timer = window.setInterval(() => void useWorkbookStore.getState().refresh(), WORKBOOK_STATUS_POLL_MS);
  return () => window.clearInterval(timer);
}
