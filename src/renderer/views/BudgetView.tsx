import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BudgetLineRow } from '../../shared/budget';
import { ReasonField } from '../components/ReasonField';
import { budgetEditTiming } from '../services/bench-timing';
import { type SheetEdit, SheetGrid, type SheetGridHandle } from '../grid/SheetGrid';
import { type LineEdit, useBudgetStore } from '../stores/budget-store';
import { AddLineDialog } from './budget/AddLineDialog';
import { BreakbackDialog } from './budget/BreakbackDialog';
import type { NumericField } from './budget/cells';
import { budgetColumns } from './budget/columns';
import { isEditableKey } from '../../shared/fields/field-spec';
import { BUDGET_FIELDS } from '../../shared/fields/budget-fields';
import { FloorPanel } from './budget/FloorPanel';
import { FloorSettingsDialog } from './budget/FloorSettingsDialog';
import { GoalSeekDialog } from './budget/GoalSeekDialog';
import { ScaleDialog } from './budget/ScaleDialog';
import { type BudgetDialog, ScenarioToolbar } from './budget/ScenarioToolbar';
import { SensitivityDialog } from './budget/SensitivityDialog';

const lineName = (line: BudgetLineRow): string => `${line.code} ${line.name}`;
const searchText = (line: BudgetLineRow): string => `${line.code} ${line.name} ${line.className} ${line.targetLabel} ${line.note}`;

/** 预算与情景: the lines of the chosen baseline or scenario, the floor panel beside them, the what-if tools above. */
export function BudgetView(): React.JSX.Element {
  const view = useBudgetStore((state) => state.view);
  const version = useBudgetStore((state) => state.version);
  const summary = useBudgetStore((state) => state.summary);
  const [dialog, setDialog] = useState<BudgetDialog>(null);
  const [selection, setSelection] = useState<BudgetLineRow[]>([]);
  const [focusedLineId, setFocusedLineId] = useState<number | null>(null);
  const grid = useRef<SheetGridHandle<BudgetLineRow>>(null);

  useEffect(() => {
    if (!view) void useBudgetStore.getState().ensureView();
  }, [view]);

  const inScenario = view?.scenario.kind === 'scenario';
  const editable = !!view && view.scenario.kind !== 'snapshot' && !view.scenario.locked;
  // ↺ in a cell goes through the grid like a Delete of that one cell: one action, the row replaced in place
  const revert = useCallback((row: BudgetLineRow, field: NumericField) => void grid.current?.edit([{ row, colId: field, value: '' }]), []);
  const columns = useMemo(() => budgetColumns({ inScenario, editable, revert }), [inScenario, editable, revert]);

  const onEdits = useCallback(
    async (edits: SheetEdit<BudgetLineRow>[], label: string | undefined) => {
      const started = performance.now();
      const lines: LineEdit[] = edits.flatMap((edit) => {
        const field = edit.colId;
        return isEditableKey(BUDGET_FIELDS, field) ? [{ lineId: edit.row.id, field, value: edit.value }] : [];
      });
      if (lines.length === 0) return null;
      // in a scenario an emptied cell goes back to the baseline: say so in the change log
      const reverting = inScenario && lines.every((line) => line.value.trim() === '');
      const described = reverting ? (lines.length === 1 ? undefined : `${lines.length}个单元格恢复基线`) : label;
      const stored = await useBudgetStore.getState().updateLines(lines, described);
      if (stored) budgetEditTiming.shown(started);
      return stored;
    },
    [inScenario],
  );

  const totalFen = view?.metrics.totalFen ?? 0;
  // the 合计 row from the figures kept edit by edit (in 分, under the column ids), never a pass over every line
  const totalsRow = useMemo(
    () => ({
      code: '合计',
      name: `${summary.count} 行；民生 ${summary.livelihoodCount} 行`,
      amount: totalFen,
      baseAmount: summary.baseTotalFen,
    }),
    [summary, totalFen],
  );
  const selectedLines = useCallback(() => grid.current?.selectedRows() ?? [], []);
  const open = (next: BudgetDialog): void => {
    if (next === 'scale') setSelection(selectedLines());
    setDialog(next);
  };

  if (!view) return <div className="view placeholder">正在读取预算…</div>;
  return (
    <div className="view budget-view" data-testid="budget-view">
      <ScenarioToolbar view={view} onOpen={open} selectedLines={selectedLines} />
      <div className="budget-body">
        <SheetGrid<BudgetLineRow>
          viewId="budget"
          testId="budget-sheet"
          rows={view.lines}
          rowsVersion={version}
          columns={columns}
          onEdits={onEdits}
          totalsRow={totalsRow}
          searchText={searchText}
          rowLabel={lineName}
          handleRef={grid}
          onCellFocused={(row) => {
            if (row) setFocusedLineId(row.id);
          }}
          toolbar={<ReasonField />}
          hint={`Shift+单击/方向键选区 · Ctrl+C/V · Ctrl+D 向下填充 · Ctrl+Enter 填满选区 · Delete ${inScenario ? '恢复基线' : '清除'}`}
        />
        <FloorPanel metrics={view.metrics} settings={view.settings} onOpenSettings={() => setDialog('settings')} />
      </div>
      {dialog === 'goal-seek' && <GoalSeekDialog view={view} initialLineId={focusedLineId} onClose={() => setDialog(null)} />}
      {dialog === 'breakback' && <BreakbackDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'sensitivity' && <SensitivityDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'settings' && <FloorSettingsDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'add-line' && <AddLineDialog onClose={() => setDialog(null)} />}
      {dialog === 'scale' && (
        <ScaleDialog
          view={view}
          selection={selection}
          onClose={() => setDialog(null)}
          onStored={(rows) => grid.current?.showStored(rows)}
        />
      )}
    </div>
  );
}
