import { useCallback, useEffect, useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { TASK_STATUSES, type TaskEditableField, type TaskRow } from '../../shared/contract';
import { ProgressAsOf } from '../components/ProgressAsOf';
import { fitContent } from '../grid/fit-content';
import { isLateOrMissing, progressColumn, progressLabel } from '../grid/progress-column';
import { type RowToggle, type SheetEdit, SheetGrid } from '../grid/SheetGrid';
import type { GroupSpec } from '../grid/grouping';
import { UnitPickerEditor } from '../grid/UnitPickerEditor';
import { TASK_STATUS_LABELS } from '../../shared/task-status';
import { useTaskStore } from '../stores/task-store';
import { useUnitStore } from '../stores/unit-store';
import { ReasonField } from '../components/ReasonField';

const EDITABLE: Record<string, TaskEditableField> = {
  title: 'title',
  status: 'status',
  progressNote: 'progressNote',
  remark: 'remark',
  leadUnits: 'leadUnits',
  coUnits: 'coUnits',
};

export const domainGroup: GroupSpec<{ domainOrdinal: number; domainName: string }> = {
  name: '领域',
  keyOf: (row) => String(row.domainOrdinal),
  orderOf: (row) => row.domainOrdinal,
  labelOf: (row) => row.domainName,
  summaryOf: () => '',
};

const taskGroup: GroupSpec<TaskRow> = {
  ...domainGroup,
  summaryOf: (rows) => {
    const targets = rows.reduce((n, r) => n + r.targetCount, 0);
    const met = rows.reduce((n, r) => n + r.targetsMet, 0);
    const late = rows.filter((r) => r.progress === 'red' || r.progress === 'yellow').length;
    return `${rows.length}项任务 · 指标${targets}个，已达成${met}个${late ? ` · 滞后任务${late}项` : ''}`;
  },
};

const joinUnits = (units: string[] | undefined): string => (units ?? []).join('、');

function taskColumns(): ColDef<TaskRow>[] {
  const unitColumn = (field: 'leadUnits' | 'coUnits', headerName: string, width: number): ColDef<TaskRow> => ({
    colId: field,
    headerName,
    width,
    editable: true,
    valueGetter: (p) => joinUnits(p.data?.[field]),
    tooltipValueGetter: (p) => joinUnits(p.data?.[field]),
    cellEditor: UnitPickerEditor,
    cellEditorPopup: true,
  });
  return [
    { field: 'number', headerName: '编号', width: 62, pinned: 'left', type: 'numericColumn' },
    { field: 'title', headerName: '任务', width: 140, pinned: 'left', tooltipField: 'title', editable: true },
    { field: 'body', headerName: '内容摘要', flex: 2, minWidth: 150, tooltipField: 'body' },
    // the lead unit is read whole; the co-units are a list, given a share of a wide window and a tooltip
    fitContent(unitColumn('leadUnits', '牵头单位', 120), { minWidth: 90, maxWidth: 280 }),
    { ...unitColumn('coUnits', '配合单位', 130), flex: 1, minWidth: 130 },
    {
      colId: 'targets',
      headerName: '指标数',
      width: 78,
      type: 'numericColumn',
      valueGetter: (p) => p.data?.targetCount ?? null,
      valueFormatter: (p) => (p.data && p.data.targetCount > 0 ? `${p.data.targetsMet}/${p.data.targetCount}` : String(p.value ?? '')),
      headerTooltip: '已达成/指标总数',
    },
    { colId: 'progress', headerName: '进度', width: 92, valueGetter: (p) => p.data?.progress ?? null, ...progressColumn, headerTooltip: '由各指标汇总：取最差的一项' },
    { field: 'progressNote', headerName: '完成情况', width: 120, editable: true, tooltipField: 'progressNote' },
    {
      field: 'status',
      headerName: '状态',
      width: 76,
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s]) },
      valueGetter: (p) => (p.data ? TASK_STATUS_LABELS[p.data.status] : ''),
    },
    { field: 'remark', headerName: '备注', width: 110, editable: true, tooltipField: 'remark' },
  ];
}

const totalsOf = (rows: readonly TaskRow[]) => ({
  number: '合计',
  title: `${rows.length}项任务`,
  targetCount: rows.reduce((n, r) => n + r.targetCount, 0),
  targetsMet: rows.reduce((n, r) => n + r.targetsMet, 0),
});

const lateToggle: RowToggle<TaskRow>[] = [
  {
    id: 'late',
    label: '只看滞后/未填报',
    title: '只显示有指标严重滞后、滞后或未填报，或状态为“滞后”的任务',
    test: (row) => isLateOrMissing(row.progress) || row.status === 'at_risk',
  },
];

const taskName = (row: TaskRow): string => `任务${row.number}`;

/** 任务: the plan's numbered tasks, grouped by 领域, edited like a spreadsheet. */
export function TasksView(): React.JSX.Element {
  const tasks = useTaskStore((state) => state.tasks);
  const version = useTaskStore((state) => state.version);
  const columns = useMemo(taskColumns, []);

  useEffect(() => {
    if (!useUnitStore.getState().loaded) void useUnitStore.getState().load();
  }, []);

  const onEdits = useCallback(async (edits: SheetEdit<TaskRow>[], label: string | undefined) => {
    const mapped = edits.flatMap((edit) => {
      const field = EDITABLE[edit.colId];
      return field ? [{ taskId: edit.row.id, field, value: edit.value }] : [];
    });
    return mapped.length ? useTaskStore.getState().updateCells(mapped, label) : null;
  }, []);

  const searchText = useCallback(
    (row: TaskRow) =>
      `${row.number} ${row.title} ${row.body} ${row.leadUnits.join(' ')} ${row.coUnits.join(' ')} ${TASK_STATUS_LABELS[row.status]} ${progressLabel(row.progress)} ${row.remark} ${row.progressNote}`,
    [],
  );

  return (
    <div className="view grid-view" data-testid="tasks-view">
      <SheetGrid<TaskRow>
        viewId="tasks"
        testId="tasks-sheet"
        rows={tasks}
        rowsVersion={version}
        columns={columns}
        onEdits={onEdits}
        group={taskGroup}
        totals={totalsOf}
        searchText={searchText}
        rowLabel={taskName}
        rowToggles={lateToggle}
        toolbar={
          <>
            <ReasonField />
            <ProgressAsOf />
          </>
        }
      />
    </div>
  );
}
