import { create } from 'zustand';
import { isRefusal, WorkbenchError } from '../../shared/result';
import { commitPendingEdits } from '../services/pending-edits';
import type { ViewId } from '../../shared/views';

export { VIEWS, type ViewId } from '../../shared/views';

/**
 * saved: everything written; saving: a write in flight; unchanged: the last input was refused (nothing was
 * written, nothing is lost); failed: a write was attempted and did not happen (disk full, file locked).
 */
export type SaveState = 'saved' | 'saving' | 'unchanged' | 'failed';

export type ExchangeDialog =
  'import-xlsx' | 'import-budget' | 'export-packets' | 'import-packet' | 'import-execution' | 'local-copy-return';

/** A question the app asks in its own dialog (Electron does not implement window.prompt). */
export interface Question {
  title: string;
  message: string;
  /** present for a question with a text answer */
  defaultValue?: string;
  confirmLabel: string;
  resolve(answer: string | null): void;
}

interface UiState {
  view: ViewId;
  saveState: SaveState;
  /** the last error, shown in the message bar until dismissed */
  message: { tone: 'error' | 'info' | 'warning'; text: string; details: string[]; action?: { label: string; run(): Promise<void> } } | null;
  importOpen: boolean;
  backupsOpen: boolean;
  setBackupsOpen(open: boolean): void;
  /** 团队工作簿: upload to a PostgreSQL server, take a local copy from one */
  teamOpen: boolean;
  setTeamOpen(open: boolean): void;
  /** 计划管理 (the plans in the workbook; delete one) */
  plansOpen: boolean;
  setPlansOpen(open: boolean): void;
  /** the open Excel/WPS exchange dialog, if any */
  exchange: ExchangeDialog | null;
  setExchange(dialog: ExchangeDialog | null): void;
  /** the optional reason recorded with the next edits, typed in a grid toolbar */
  editReason: string;
  setEditReason(reason: string): void;
  question: Question | null;
  /** Asks for confirmation (resolves '' or null) or for a text (resolves the text or null). */
  ask(question: Omit<Question, 'resolve'>): Promise<string | null>;
  setView(view: ViewId): void;
  setImportOpen(open: boolean): void;
  /** 关于 (from the 帮助 menu) */
  aboutOpen: boolean;
  setAboutOpen(open: boolean): void;
  /** when Ctrl+S last confirmed that everything is written (the status bar flashes 已保存) */
  savedConfirmedAt: number;
  /** Ctrl+S: every edit is written as it is made, so this says so, unless the last write failed or was refused. */
  confirmSaved(): void;
  /**
   * Wraps a write: the status bar shows 保存中 / 已保存, 未修改 when the input was refused, 保存失败 only when a
   * write failed; errors reach the message bar.
   */
  track<T>(work: () => Promise<T>): Promise<T | undefined>;
  showError(error: unknown): void;
  showInfo(text: string): void;
  /** A warning with one offered action (e.g. 复制到本机). */
  showWarning(text: string, actionLabel: string, run: () => Promise<void>): void;
  dismissMessage(): void;
}

/**
 * A refusal is news only while its message is up: once it is closed or the user moves on, the status bar says
 * what is true of the workbook again — everything is saved. A failed write stays until a write succeeds.
 */
function settledSaveState(current: SaveState): { saveState?: SaveState } {
  return current === 'unchanged' ? { saveState: 'saved' } : {};
}

export const useUiStore = create<UiState>((set, get) => ({
  // a link straight to a report (#report=…) opens the 报告 view
  view: typeof window !== 'undefined' && window.location.hash.includes('report=') ? 'reports' : 'tasks',
  saveState: 'saved',
  message: null,
  importOpen: false,
  exchange: null,
  backupsOpen: false,
  setBackupsOpen: (backupsOpen) => {
    commitPendingEdits();
    set({ backupsOpen });
  },
  teamOpen: false,
  setTeamOpen: (teamOpen) => {
    // an upload copies the workbook as it is: the cell being typed goes in first
    commitPendingEdits();
    set({ teamOpen });
  },
  plansOpen: false,
  setPlansOpen: (plansOpen) => {
    commitPendingEdits();
    set({ plansOpen });
  },
  setExchange: (exchange) => {
    commitPendingEdits();
    set({ exchange });
  },
  editReason: '',
  setEditReason: (editReason) => set({ editReason }),
  question: null,
  ask: (question) =>
    new Promise((resolve) => {
      set({
        question: {
          ...question,
          resolve: (answer) => {
            set({ question: null });
            resolve(answer);
          },
        },
      });
    }),
  setView: (view) => {
    commitPendingEdits();
    set({ view, ...settledSaveState(get().saveState) });
  },
  setImportOpen: (importOpen) => {
    commitPendingEdits();
    set({ importOpen });
  },
  aboutOpen: false,
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  savedConfirmedAt: 0,
  confirmSaved: () => {
    if (get().saveState === 'saved') set({ savedConfirmedAt: Date.now() });
  },
  track: async (work) => {
    const before = get().saveState;
    set({ saveState: 'saving' });
    try {
      const result = await work();
      set({ saveState: 'saved' });
      return result;
    } catch (error) {
      const refused = error instanceof WorkbenchError && isRefusal(error.kind);
      // a refusal after a failed write does not hide the failure: that write is still not saved
      set({ saveState: refused && before !== 'failed' ? 'unchanged' : 'failed' });
      get().showError(error);
      return undefined;
    }
  },
  showError: (error) => {
    if (!(error instanceof WorkbenchError)) {
      // a defect in the page, not a message written for the user: log it, say it plainly
      console.error(error);
      set({ message: { tone: 'error', text: '程序内部出错，本次操作未完成。请重试；如仍出错，请联系技术支持。', details: [] } });
      return;
    }
    const text = error.message;
    // a detail the sentence already says (a single refused cell) is not listed again
    const details = error.details.filter((d) => !text.includes(d.message)).map((d) => (d.where ? `${d.where}：${d.message}` : d.message));
    set({ message: { tone: 'error', text, details } });
  },
  showInfo: (text) => set({ message: { tone: 'info', text, details: [] } }),
  showWarning: (text, label, run) => set({ message: { tone: 'warning', text, details: [], action: { label, run } } }),
  dismissMessage: () => set({ message: null, ...settledSaveState(get().saveState) }),
}));
