import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../shared/contract';
import { BackupsDialog } from './components/BackupsDialog';
import { call } from './services/api';
import { notifyWorkbookChanged } from './stores/history-events';
import { RecoveryView } from './views/RecoveryView';
import { ReportsView } from './views/ReportsView';
import { HelpView } from './views/HelpView';
import { ImportPlanDialog } from './components/ImportPlanDialog';
import { MessageBar } from './components/MessageBar';
import { NavBar } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { onMenuCommand } from './services/api';
import { useTaskStore } from './stores/task-store';
import { useUiStore } from './stores/ui-store';
import { QuestionDialog } from './components/QuestionDialog';
import { BudgetImportDialog } from './exchange/BudgetImportDialog';
import { ImportWorkbookDialog } from './exchange/ImportWorkbookDialog';
import { PacketExportDialog, PacketImportDialog } from './exchange/PacketDialogs';
import { exportWorkbookFile } from './exchange/run-exchange';
import { useBudgetStore } from './stores/budget-store';
import { BudgetView } from './views/BudgetView';
import { CompareView } from './views/CompareView';
import { HistoryView } from './views/HistoryView';
import { MatrixView } from './views/MatrixView';
import { OwnersView } from './views/OwnersView';
import { TargetsView } from './views/TargetsView';
import { commitPendingEdits } from './grid/pending-edits';
import { TasksView } from './views/TasksView';

function isTextEntry(element: Element | null): boolean {
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || (element as HTMLElement | null)?.isContentEditable === true;
}

type Recovery = ChannelOutput<'recovery-state'>;

/** Starts the app, or the recovery screen when the workbook could not be opened. */
export function App(): React.JSX.Element {
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  const check = (): void => {
    call('recovery-state', {}).then(setRecovery, (error: unknown) => useUiStore.getState().showError(error));
  };
  useEffect(check, []);
  if (!recovery) return <div className="placeholder">正在打开工作簿…</div>;
  if (recovery.damaged) return <RecoveryView state={recovery} onRestored={check} />;
  return <Workbench locationWarning={recovery.locationWarning} />;
}

function Workbench({ locationWarning }: { locationWarning: string }): React.JSX.Element {
  const view = useUiStore((state) => state.view);
  const importOpen = useUiStore((state) => state.importOpen);
  const exchange = useUiStore((state) => state.exchange);

  const backupsOpen = useUiStore((state) => state.backupsOpen);
  useEffect(() => {
    void useTaskStore.getState().load();
    // the budget's rows are read when a budget view opens; the first screen needs only the share
    void useBudgetStore.getState().loadMetrics();
    // what the last workbook switch wants the user to know (e.g. "opened a local copy of the USB file")
    const notice = sessionStorage.getItem('minsheng.notice');
    if (notice) {
      sessionStorage.removeItem('minsheng.notice');
      useUiStore.getState().showInfo(notice);
    }
  }, []);
  useEffect(() => {
    if (locationWarning) useUiStore.getState().showWarning(locationWarning, '复制到本机', async () => {
      const result = await useUiStore.getState().track(() => call('workbook-copy-local', {}));
      if (result) {
        await notifyWorkbookChanged();
        useUiStore.getState().showInfo(`已复制到本机并改用：${result.path}`);
      }
    });
  }, [locationWarning]);

  useEffect(() => {
    // Ctrl+Z / Ctrl+Y undo the last workbook action, except while typing in a cell editor or a field,
    // where they undo the typing.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || isTextEntry(document.activeElement)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void useTaskStore.getState().undo();
      } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
        event.preventDefault();
        void useTaskStore.getState().redo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    // an open cell editor is saved before the window goes away
    window.addEventListener('beforeunload', commitPendingEdits);
    const stopMenu = onMenuCommand((command) => {
      if (command === 'undo' && !isTextEntry(document.activeElement)) void useTaskStore.getState().undo();
      if (command === 'undo' && isTextEntry(document.activeElement)) document.execCommand('undo');
      if (command === 'redo') void useTaskStore.getState().redo();
      commitPendingEdits();
      if (command === 'import-plan') useUiStore.getState().setImportOpen(true);
      if (command === 'export-xlsx') void exportWorkbookFile();
      if (command === 'backups') useUiStore.getState().setBackupsOpen(true);
      if (command === 'help') useUiStore.getState().setView('help');
      if (command === 'import-xlsx' || command === 'import-budget' || command === 'export-packets' || command === 'import-packet') {
        useUiStore.getState().setExchange(command);
      }
      if (command === 'navigate-tasks') useUiStore.getState().setView('tasks');
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('beforeunload', commitPendingEdits);
      stopMenu();
    };
  }, []);

  return (
    <div className="app">
      <NavBar />
      <main className="main">
        <MessageBar />
        {view === 'tasks' && <TasksView />}
        {view === 'history' && <HistoryView />}
        {view === 'targets' && <TargetsView />}
        {view === 'owners' && <OwnersView />}
        {view === 'matrix' && <MatrixView />}
        {view === 'budget' && <BudgetView />}
        {view === 'compare' && <CompareView />}
        {view === 'reports' && <ReportsView />}
        {view === 'help' && <HelpView />}
      </main>
      <StatusBar />
      {importOpen && <ImportPlanDialog />}
      {exchange === 'import-xlsx' && <ImportWorkbookDialog />}
      {exchange === 'import-budget' && <BudgetImportDialog />}
      {exchange === 'export-packets' && <PacketExportDialog />}
      {exchange === 'import-packet' && <PacketImportDialog />}
      {backupsOpen && <BackupsDialog />}
      <QuestionDialog />
    </div>
  );
}
