import { useButtonRights } from '../stores/role-rights';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExecutionClassRow, ExecutionLineRow } from '../../shared/execution';
import { EXECUTION_LINE_FIELDS } from '../../shared/fields/execution-line-fields';
import { isEditableKey } from '../../shared/fields/field-spec';
import { Chart } from '../components/Chart';
import { type SheetEdit, SheetGrid } from '../grid/SheetGrid';
import { call } from '../services/api';
import { useExecutionStore } from '../stores/execution-store';
import { useUiStore } from '../stores/ui-store';
import { BudgetClassesDialog } from './execution/BudgetClassesDialog';
import { classColumns, classGroup, lineColumns, totalsRow } from './execution/columns';
import { type ExecutionDialog, ExecutionToolbar } from './execution/ExecutionToolbar';
import { ExecutionSummary } from './execution/ExecutionSummary';
import { ScenarioFromExecutionDialog } from './execution/ScenarioFromExecutionDialog';
import { shareChart } from './execution/share-chart';

const lineSearch = (row: ExecutionLineRow): string => `${row.code} ${row.name} ${row.note}`;
const classSearch = (row: ExecutionClassRow): string => `${row.classCode} ${row.className}`;
const refuseEdits = async (): Promise<null> => null;
const lineTotals = (rows: readonly ExecutionLineRow[]) => totalsRow(rows, 'lines');
const classTotals = (rows: readonly ExecutionClassRow[]) => totalsRow(rows, 'classes');

/**
 * 预算执行: one budget's execution for one period — the 民生 share so far against the floor, the year end by each
 * method with what 民生 still needs, the monthly shares with the projected band, and the table by class or by
 * line with lights for what trails the time schedule; the same table takes hand entry.
 */
export function ExecutionView(): React.JSX.Element {
  const view = useExecutionStore((state) => state.view);
  const version = useExecutionStore((state) => state.version);
  const [byLine, setByLine] = useState(false);
  const [entry, setEntry] = useState(false);
  const [dialog, setDialog] = useState<ExecutionDialog>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const structure = useButtonRights('structure');

  useEffect(() => {
    if (!view) void useExecutionStore.getState().load();
  }, [view]);

  const chart = useMemo(() => (view?.projection ? shareChart(view) : null), [view]);
  // columns and totals follow the figures, the grid's rows only a reload (see SheetGrid's rowsVersion)
  const classCols = useMemo(() => (view ? classColumns(view) : []), [view]);
  const lineCols = useMemo(() => (view ? lineColumns(view, entry) : []), [view, entry]);
  const group = useMemo(() => (view ? classGroup(view) : undefined), [view]);

  const onEdits = useCallback(async (edits: SheetEdit<ExecutionLineRow>[], label: string | undefined) => {
    const mapped = edits.flatMap((edit) => {
      const field = edit.colId;
      return isEditableKey(EXECUTION_LINE_FIELDS, field) ? [{ lineId: edit.row.id, field, value: edit.value }] : [];
    });
    return mapped.length ? useExecutionStore.getState().updateCells(mapped, label) : null;
  }, []);

  if (!view) return <div className="view placeholder">正在读取预算执行数据…</div>;
  const store = useExecutionStore.getState();
  const addLine = async (): Promise<void> => {
    if (!view.report) return;
    const text = await useUiStore.getState().ask({
      title: '新增科目',
      message: '科目编码和名称，用空格隔开，如“2080501 行政单位离退休”：',
      defaultValue: '',
      confirmLabel: '新增',
    });
    const match = text ? /^\s*(\d{3,12})\s+(.+)$/.exec(text) : null;
    if (text && !match) useUiStore.getState().showError(new Error(`“${text}”：请写“科目编码 科目名称”，如“2080501 行政单位离退休”。`));
    const reportId = view.report.id;
    if (match) await store.mutate(() => call('execution-line-add', { reportId, code: match[1] ?? '', name: match[2] ?? '' }));
  };
  const deleteLine = async (): Promise<void> => {
    const line = view.lines.find((l) => l.id === selected);
    if (!view.report || !line) return;
    const reportId = view.report.id;
    if (
      (await useUiStore
        .getState()
        .ask({ title: '删除科目', message: `删除“${line.code} ${line.name}”？可用“撤销”恢复。`, confirmLabel: '删除' })) !== null
    ) {
      await store.mutate(() => call('execution-lines-delete', { reportId, lineIds: [line.id] }));
    }
  };

  const toggles = (
    <>
      <label>
        <input type="radio" checked={!byLine && !entry} onChange={() => setByLine(false)} disabled={entry} />
        按类
      </label>
      <label>
        <input type="radio" checked={byLine || entry} onChange={() => setByLine(true)} />
        按科目
      </label>
      {entry && (
        <>
          <span className="toolbar-sep" />
          <button type="button" onClick={() => void addLine()} {...structure}>
            新增科目…
          </button>
          <button type="button" onClick={() => void deleteLine()} disabled={selected === null} {...structure}>
            删除科目
          </button>
        </>
      )}
    </>
  );

  return (
    <div className="view execution-view" data-testid="execution-view">
      <ExecutionToolbar view={view} entry={entry} onEntry={setEntry} onOpen={setDialog} />
      {!view.report ? (
        <div className="placeholder" data-testid="execution-empty">
          <p>“{view.budget?.name ?? '本工作簿'}”还没有预算执行数据。</p>
          <p>
            用“导入执行表…”读入财政部门每月的《一般公共预算支出执行情况表》（Excel 或 CSV，可一个工作表一个月），或用“新建月份…”手工录入。
          </p>
        </div>
      ) : (
        <>
          <div className="execution-top">
            <ExecutionSummary view={view} />
            {chart && <Chart option={chart} testId="execution-chart" />}
          </div>
          <div className="execution-grid">
            {byLine || entry ? (
              <SheetGrid<ExecutionLineRow>
                key={entry ? 'entry' : 'lines'}
                viewId={entry ? 'execution-entry' : 'execution-lines'}
                testId="execution-lines"
                rows={view.lines}
                rowsVersion={version}
                columns={lineCols}
                onEdits={entry ? onEdits : refuseEdits}
                // execution reports are not among 编辑's grants: 管理员's only
                writeArea="structure"
                {...(entry || !group ? {} : { group })}
                totals={lineTotals}
                searchText={lineSearch}
                toolbar={toggles}
                onCellFocused={(row) => setSelected(row?.id ?? null)}
              />
            ) : (
              <SheetGrid<ExecutionClassRow>
                key="classes"
                viewId="execution-classes"
                testId="execution-classes"
                rows={view.classes}
                rowsVersion={version}
                columns={classCols}
                onEdits={refuseEdits}
                totals={classTotals}
                searchText={classSearch}
                toolbar={toggles}
              />
            )}
          </div>
        </>
      )}
      {dialog === 'classes' && <BudgetClassesDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'scenario' && <ScenarioFromExecutionDialog view={view} onClose={() => setDialog(null)} />}
    </div>
  );
}
