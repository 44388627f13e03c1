import { lazy, Suspense, useEffect, useState } from 'react';
import type { ChannelOutput } from '../shared/contract';
import { call } from './services/api';
import { notifyWorkbookChanged } from './stores/history-events';
import { MessageBar } from './components/MessageBar';
import { NavBar } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { onMenuCommand } from './services/api';
import { useTaskStore } from './stores/task-store';
import { MenuBar } from './components/MenuBar';
import { installShortcuts } from './commands/shortcuts';
import { runCommand } from './commands/run-command';
import { useUiStore } from './stores/ui-store';
import { QuestionDialog } from './components/QuestionDialog';
import { useBudgetStore } from './stores/budget-store';
import { watchWorkbookStatus } from './stores/workbook-store';
import { commitPendingEdits } from './services/pending-edits';
import { TasksView } from './views/TasksView';

/**
 * The first screen is the task grid; every other view and dialog is its own chunk, loaded when first opened
 * (ECharts, the report layouts and the exchange dialogs are not parsed before the first grid is painted).
 */
const RecoveryView = lazy(() => import('./views/RecoveryView').then((m) => ({ default: m.RecoveryView })));
const ReportsView = lazy(() => import('./views/ReportsView').then((m) => ({ default: m.ReportsView })));
const HelpView = lazy(() => import('./views/HelpView').then((m) => ({ default: m.HelpView })));
const BudgetView = lazy(() => import('./views/BudgetView').then((m) => ({ default: m.BudgetView })));
const CompareView = lazy(() => import('./views/CompareView').then((m) => ({ default: m.CompareView })));
const HistoryView = lazy(() => import('./views/HistoryView').then((m) => ({ default: m.HistoryView })));
const MatrixView = lazy(() => import('./views/MatrixView').then((m) => ({ default: m.MatrixView })));
const OwnersView = lazy(() => import('./views/OwnersView').then((m) => ({ default: m.OwnersView })));
const TargetsView = lazy(() => import('./views/TargetsView').then((m) => ({ default: m.TargetsView })));
const AboutDialog = lazy(() => import('./components/AboutDialog').then((m) => ({ default: m.AboutDialog })));
const PlansDialog = lazy(() => import('./components/PlansDialog').then((m) => ({ default: m.PlansDialog })));
const ExecutionView = lazy(() => import('./views/ExecutionView').then((m) => ({ default: m.ExecutionView })));
const CountyCompareView = lazy(() => import('./views/CountyCompareView').then((m) => ({ default: m.CountyCompareView })));
const ExecutionImportDialog = lazy(() => import('./exchange/ExecutionImportDialog').then((m) => ({ default: m.ExecutionImportDialog })));
const BackupsDialog = lazy(() => import('./components/BackupsDialog').then((m) => ({ default: m.BackupsDialog })));
const TeamWorkbookDialog = lazy(() => import('./components/TeamWorkbookDialog').then((m) => ({ default: m.TeamWorkbookDialog })));
const ImportPlanDialog = lazy(() => import('./components/ImportPlanDialog').then((m) => ({ default: m.ImportPlanDialog })));
const BudgetImportDialog = lazy(() => import('./exchange/BudgetImportDialog').then((m) => ({ default: m.BudgetImportDialog })));
const ImportWorkbookDialog = lazy(() => import('./exchange/ImportWorkbookDialog').then((m) => ({ default: m.ImportWorkbookDialog })));
const PacketExportDialog = lazy(() => import('./exchange/PacketDialogs').then((m) => ({ default: m.PacketExportDialog })));
const PacketImportDialog = lazy(() => import('./exchange/PacketDialogs').then((m) => ({ default: m.PacketImportDialog })));
const LocalCopyReviewDialog = lazy(() => import('./exchange/LocalCopyReviewDialog').then((m) => ({ default: m.LocalCopyReviewDialog })));

const loadingView = <div className="view placeholder">正在载入…</div>;

type Recovery = ChannelOutput<'recovery-state'>;

/**
 * Resolves once the browser has painted what is rendered now (a frame, then the task after it) — or after half a
 * second, since a window that starts hidden or minimised draws no frames until it is shown.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 500);
  });
}

/** Starts the app, or the recovery screen when the workbook could not be opened. */
export function App(): React.JSX.Element {
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  const check = (): void => {
    call('recovery-state', {}).then(setRecovery, (error: unknown) => useUiStore.getState().showError(error));
  };
  useEffect(check, []);
  if (!recovery) return <div className="placeholder">正在打开工作簿…</div>;
  if (recovery.damaged) {
    return (
      <Suspense fallback={loadingView}>
        <RecoveryView state={recovery} onRestored={check} />
      </Suspense>
    );
  }
  return <Workbench locationWarning={recovery.locationWarning} notice={recovery.notice} />;
}

function Workbench({ locationWarning, notice: shellNotice }: { locationWarning: string; notice: string }): React.JSX.Element {
  const view = useUiStore((state) => state.view);
  const importOpen = useUiStore((state) => state.importOpen);
  const exchange = useUiStore((state) => state.exchange);

  const backupsOpen = useUiStore((state) => state.backupsOpen);
  const teamOpen = useUiStore((state) => state.teamOpen);
  const plansOpen = useUiStore((state) => state.plansOpen);
  const aboutOpen = useUiStore((state) => state.aboutOpen);
  // who has the workbook, and whether another process changed it: asked every few seconds
  useEffect(watchWorkbookStatus, []);
  useEffect(() => {
    // a view's data is asked for while its code loads, not after
    if (view === 'budget') void useBudgetStore.getState().ensureView();
    if (view === 'counties') {
      void import('./stores/execution-store').then(({ useExecutionStore }) =>
        useExecutionStore.getState().loadCompare(useExecutionStore.getState().compare?.period ?? undefined),
      );
    }
  }, [view]);
  useEffect(() => {
    // the budget's rows are read when a budget view opens; the status bar needs only the share, and asks for it
    // after the task grid is on screen: in a workbook of a few hundred thousand lines its first reckoning takes the
    // main process a second, which the first screen should not wait behind
    void useTaskStore
      .getState()
      .load()
      .then(afterNextPaint)
      .then(() => useBudgetStore.getState().loadMetrics());
  }, []);
  useEffect(() => {
    // what the last workbook switch wants the user to know (e.g. "opened a local copy of the USB file"): a switch
    // made in the page leaves it in sessionStorage, one made by the shell (a double-clicked file) in the session
    const notice = sessionStorage.getItem('minsheng.notice') || shellNotice;
    if (notice) {
      sessionStorage.removeItem('minsheng.notice');
      useUiStore.getState().showInfo(notice);
    }
  }, [shellNotice]);
  useEffect(() => {
    if (locationWarning)
      useUiStore.getState().showWarning(locationWarning, '复制到本机', async () => {
        const result = await useUiStore.getState().track(() => call('workbook-copy-local', {}));
        if (result) {
          await notifyWorkbookChanged();
          useUiStore.getState().showInfo(`已复制到本机并改用：${result.path}`);
        }
      });
  }, [locationWarning]);

  useEffect(() => {
    const stopShortcuts = installShortcuts();
    // the native menu (src/main/menu.ts) sends the same command ids the page's menu bar and keys run
    const stopMenu = onMenuCommand(runCommand);
    // an open cell editor is saved before the window goes away
    window.addEventListener('beforeunload', commitPendingEdits);
    return () => {
      stopShortcuts();
      stopMenu();
      window.removeEventListener('beforeunload', commitPendingEdits);
    };
  }, []);

  return (
    <div className="app">
      <MenuBar />
      <NavBar />
      <main className="main">
        <MessageBar />
        {view === 'tasks' && <TasksView />}
        <Suspense fallback={loadingView}>
          {view === 'history' && <HistoryView />}
          {view === 'targets' && <TargetsView />}
          {view === 'owners' && <OwnersView />}
          {view === 'matrix' && <MatrixView />}
          {view === 'budget' && <BudgetView />}
          {view === 'compare' && <CompareView />}
          {view === 'execution' && <ExecutionView />}
          {view === 'counties' && <CountyCompareView />}
          {view === 'reports' && <ReportsView />}
          {view === 'help' && <HelpView />}
        </Suspense>
      </main>
      <StatusBar />
      <Suspense fallback={null}>
        {importOpen && <ImportPlanDialog />}
        {exchange === 'import-xlsx' && <ImportWorkbookDialog />}
        {exchange === 'import-budget' && <BudgetImportDialog />}
        {exchange === 'export-packets' && <PacketExportDialog />}
        {exchange === 'import-packet' && <PacketImportDialog />}
        {exchange === 'import-execution' && <ExecutionImportDialog />}
        {exchange === 'local-copy-return' && <LocalCopyReviewDialog />}
        {backupsOpen && <BackupsDialog />}
        {teamOpen && <TeamWorkbookDialog />}
        {plansOpen && <PlansDialog />}
        {aboutOpen && <AboutDialog />}
      </Suspense>
      <QuestionDialog />
    </div>
  );
}
