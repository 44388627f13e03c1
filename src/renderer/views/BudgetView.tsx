import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, CellFocusedEvent, ColDef, GetRowIdParams, RowSelectionOptions, SelectionChangedEvent } from 'ag-grid-community';
import type { BudgetLineField, BudgetLineRow } from '../../shared/budget';
import { gridLocale, gridTheme } from '../grid/setup';
import { styleNonce } from '../services/api';
import { useBudgetStore } from '../stores/budget-store';
import { AddLineDialog } from './budget/AddLineDialog';
import { BreakbackDialog } from './budget/BreakbackDialog';
import { budgetColumns } from './budget/columns';
import { FloorPanel } from './budget/FloorPanel';
import { FloorSettingsDialog } from './budget/FloorSettingsDialog';
import { GoalSeekDialog } from './budget/GoalSeekDialog';
import { type BudgetDialog, ScenarioToolbar } from './budget/ScenarioToolbar';
import { SensitivityDialog } from './budget/SensitivityDialog';

/** Resolves after the tasks already queued (React's render of a store change among them). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

const DEFAULT_COLUMN: ColDef<BudgetLineRow> = { resizable: true, sortable: true, filter: true };
const ROW_SELECTION: RowSelectionOptions<BudgetLineRow> = { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true };
const rowIdOf = (p: GetRowIdParams<BudgetLineRow>): string => String(p.data.id);

const FIELD_BY_COLUMN: Record<string, BudgetLineField> = {
  code: 'code',
  name: 'name',
  livelihood: 'livelihood',
  amount: 'amount',
  quantity: 'quantity',
  rate: 'rate',
  taskNumber: 'taskNumber',
  note: 'note',
};

/** 预算与情景: the lines of the chosen baseline or scenario, the floor panel beside them, the what-if tools above. */
export function BudgetView(): React.JSX.Element {
  const view = useBudgetStore((state) => state.view);
  const [dialog, setDialog] = useState<BudgetDialog>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [focusedLineId, setFocusedLineId] = useState<number | null>(null);
  const gridRef = useRef<AgGridReact<BudgetLineRow>>(null);

  useEffect(() => {
    if (!view) void useBudgetStore.getState().load();
  }, [view]);

  const inScenario = view?.scenario.kind === 'scenario';
  const editable = !!view && view.scenario.kind !== 'snapshot' && !view.scenario.locked;
  const columnDefs = useMemo(() => budgetColumns({ inScenario, editable }), [inScenario, editable]);

  const onCellEditRequest = useCallback(async (event: CellEditRequestEvent<BudgetLineRow>) => {
    const field = FIELD_BY_COLUMN[event.column.getColId()];
    if (!field || !event.data) return;
    const value = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue);
    const started = performance.now();
    const stored = await useBudgetStore.getState().updateLine(event.data.id, field, value);
    if (!stored) return;
    event.node.setData(stored);
    // User timing, read by the benchmark: the renderer's work for one edit — from the grid's request until the
    // call leaves, and from the answer until the row and the figures are shown (React renders the store's change
    // before the next task) — without the wait for the main process, which the Node benchmark measures.
    await nextTask();
    performance.measure('budget-edit-send', { start: started, end: 'budget-edit-sent' });
    performance.measure('budget-edit-show', { start: 'budget-edit-answered' });
  }, []);

  // stable callbacks and options: AG Grid treats a new function or object as a changed option
  const onSelectionChanged = useCallback((e: SelectionChangedEvent<BudgetLineRow>) => setSelected(e.api.getSelectedRows().map((r) => r.id)), []);
  const onCellFocused = useCallback((e: CellFocusedEvent<BudgetLineRow>) => {
    const row = e.rowIndex === null || e.rowPinned ? undefined : e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
    if (row) setFocusedLineId(row.id);
  }, []);

  const summary = useBudgetStore((state) => state.summary);
  const totalFen = view?.metrics.totalFen ?? 0;
  const totals = useMemo(
    () => [
      {
        id: 0,
        code: '合计',
        name: `${summary.count} 行；民生 ${summary.livelihoodCount} 行`,
        amountFen: totalFen,
        baseAmountFen: summary.baseTotalFen,
        overrides: [],
      } as unknown as BudgetLineRow,
    ],
    [summary, totalFen],
  );

  if (!view) return <div className="view placeholder">正在读取预算…</div>;
  return (
    <div className="view budget-view" data-testid="budget-view">
      <ScenarioToolbar view={view} onOpen={setDialog} selectedLineIds={selected} />
      <div className="budget-body">
        <div className="grid-host">
          <AgGridReact<BudgetLineRow>
            ref={gridRef}
            theme={gridTheme}
            localeText={gridLocale}
            styleNonce={styleNonce()}
            rowData={view.lines}
            columnDefs={columnDefs}
            defaultColDef={DEFAULT_COLUMN}
            getRowId={rowIdOf}
            pinnedBottomRowData={totals}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            stopEditingWhenCellsLoseFocus
            rowSelection={ROW_SELECTION}
            onSelectionChanged={onSelectionChanged}
            onCellFocused={onCellFocused}
            tooltipShowDelay={400}
          />
        </div>
        <FloorPanel metrics={view.metrics} settings={view.settings} onOpenSettings={() => setDialog('settings')} />
      </div>
      {dialog === 'goal-seek' && <GoalSeekDialog view={view} initialLineId={focusedLineId} onClose={() => setDialog(null)} />}
      {dialog === 'breakback' && <BreakbackDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'sensitivity' && <SensitivityDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'settings' && <FloorSettingsDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'add-line' && <AddLineDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
