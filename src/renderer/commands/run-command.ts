import type { CommandId, ViewCommand } from '../../shared/commands';
import { VIEWS } from '../../shared/views';
import { exportWorkbookFile } from '../exchange/run-exchange';
import { commitPendingEdits } from '../services/pending-edits';
import { call } from '../services/api';
import { switchWorkbook } from '../services/switch-workbook';
import { commandRefusal } from '../../shared/team-roles';
import { useHistoryStore } from '../stores/history-store';
import { useWorkbookStore } from '../stores/workbook-store';
import { useUiStore } from '../stores/ui-store';
import { isTextEntry } from './focus-target';

/** What each command of the shared table does in the page, whichever way it came (menu bar, key, native menu). */

/** Resolves once no write is in flight: a committed cell edit starts its write on the next turn. */
function writesSettled(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (useUiStore.getState().saveState !== 'saving') return resolve();
      const stop = useUiStore.subscribe((state) => {
        if (state.saveState === 'saving') return;
        stop();
        resolve();
      });
    }, 0);
  });
}

/** Ctrl+S: each edit is written as it is made; saving means committing the open cell editor and saying so. */
async function save(): Promise<void> {
  commitPendingEdits();
  await writesSettled();
  useUiStore.getState().confirmSaved();
}

/** Ctrl+F: the current view's quick search, its text selected for retyping. */
function find(): void {
  const field = document.querySelector<HTMLInputElement>('.main input.quick-search');
  if (!field) {
    useUiStore.getState().showInfo('此页面没有查找框。');
    return;
  }
  field.focus();
  field.select();
}

/** Ctrl+P: reports are printed from 报告, where the report and its scenarios are chosen first. */
function print(): void {
  const ui = useUiStore.getState();
  if (ui.view === 'reports') {
    window.print();
    return;
  }
  ui.setView('reports');
  ui.showInfo('选好要打印的报告后，再按 Ctrl+P 或点“打印…”。');
}

/** 撤销/重做 while typing in a field undo the typing (the native menu's click leaves the focus there). */
function undoOrRedo(which: 'undo' | 'redo'): void {
  if (isTextEntry(document.activeElement)) {
    document.execCommand(which);
    return;
  }
  void useHistoryStore.getState()[which]();
}

const viewCommands = Object.fromEntries(
  VIEWS.filter((view) => view.id !== 'help').map((view) => [`view-${view.id}`, () => useUiStore.getState().setView(view.id)]),
) as Record<ViewCommand, () => void>;

const ACTIONS: Record<CommandId, () => void> = {
  'workbook-new': () => void switchWorkbook(() => call('workbook-new', {})),
  'workbook-open': () => void switchWorkbook(() => call('workbook-open', {})),
  save: () => void save(),
  'workbook-save-as': () => void switchWorkbook(() => call('workbook-save-as', {})),
  'import-plan': () => useUiStore.getState().setImportOpen(true),
  plans: () => useUiStore.getState().setPlansOpen(true),
  'import-xlsx': () => useUiStore.getState().setExchange('import-xlsx'),
  'import-budget': () => useUiStore.getState().setExchange('import-budget'),
  'import-execution': () => useUiStore.getState().setExchange('import-execution'),
  'export-xlsx': () => void exportWorkbookFile(),
  'export-packets': () => useUiStore.getState().setExchange('export-packets'),
  'import-packet': () => useUiStore.getState().setExchange('import-packet'),
  backups: () => useUiStore.getState().setBackupsOpen(true),
  'team-workbooks': () => useUiStore.getState().setTeamOpen(true),
  'local-copy-return': () => useUiStore.getState().setExchange('local-copy-return'),
  print: () => {
    commitPendingEdits();
    print();
  },
  undo: () => undoOrRedo('undo'),
  redo: () => undoOrRedo('redo'),
  find,
  ...viewCommands,
  help: () => useUiStore.getState().setView('help'),
  about: () => useUiStore.getState().setAboutOpen(true),
};

export function runCommand(command: CommandId): void {
  // a key or the native menu (built once, for every workbook) may still ask for what this person's role may not do
  const refusal = commandRefusal(useWorkbookStore.getState().role, command);
  if (refusal !== null) {
    useUiStore.getState().showInfo(refusal);
    return;
  }
  ACTIONS[command]();
}

/** Opens one of the recently used workbooks (文件 → 最近打开). */
export const openRecent = (path: string): Promise<void> => switchWorkbook(() => call('workbook-open-recent', { path }));
