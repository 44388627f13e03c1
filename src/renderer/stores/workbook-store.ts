import { create } from 'zustand';
import { type WorkbookRole, sameRole } from '../../shared/team-roles';
import { isServerAddress } from '../../shared/workbook-address';
import { call } from '../services/api';
import { notifyWorkbookChanged } from './history-events';
import { useUiStore } from './ui-store';

/**
 * How often the page asks whether another process has changed the workbook or taken it (milliseconds): a file's
 * answer reads its lock file, so every 3 s; a team workbook's comes from the change notices the app process has
 * already heard (and who else is in, asked of the server at most every 5 s), so every 0.8 s — a colleague's edit
 * shows within a second.
 */
export const WORKBOOK_STATUS_POLL_MS = { file: 3000, team: 800 } as const;

interface WorkbookState {
  /** this window may not write: someone else has the workbook (or took it with 强制打开) */
  readOnly: boolean;
  /** who has it since when, and what to do */
  notice: string;
  externalChanges: number;
  /** the workbook is a team workbook on a server */
  team: boolean;
  /** who else is in a team workbook now */
  others: string[];
  /** this person's role in a team workbook, as the app process read it from the server; undefined for a file */
  role: WorkbookRole | undefined;
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
  team: false,
  others: [],
  role: undefined,
  refresh: async () => {
    let status;
    try {
      status = await call('workbook-status', {});
    } catch {
      return;
    }
    const changed = status.externalChanges !== get().externalChanges;
    // the same people keep the same array, so the status bar does not redraw at every poll
    const others = status.others.join('、') === get().others.join('、') ? get().others : status.others;
    const team = isServerAddress(status.path);
    // the same role keeps the same object, so the grids and the menu are not rebuilt at every poll
    const role = sameRole(status.role, get().role) ? get().role : status.role;
    set({ readOnly: status.readOnly, notice: status.notice, externalChanges: status.externalChanges, others, team, role });
    if (changed && status.externalChanges > 0) {
      await notifyWorkbookChanged({ elsewhere: true });
      useUiStore
        .getState()
        .showInfo(team ? '其他人刚修改了团队工作簿，已显示最新内容。' : '另一个窗口或程序修改了工作簿，已重新读取最新内容。');
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
  let timer = 0;
  let stopped = false;
  const ask = async (): Promise<void> => {
    try {
      await useWorkbookStore.getState().refresh();
    } finally {
      // the next question is asked whatever became of this one, as an interval would
      if (!stopped)
        timer = window.setTimeout(() => void ask(), WORKBOOK_STATUS_POLL_MS[useWorkbookStore.getState().team ? 'team' : 'file']);
    }
  };
  void ask();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
