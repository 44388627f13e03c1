import { useCallback, useEffect, useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { TASK_STATUSES, type TaskRow } from '../../shared/contract';
import { isEditableKey } from '../../shared/fields/field-spec';
import { TASK_FIELDS, type TaskFieldKey } from '../../shared/fields/task-fields';
import { ProgressAsOf } from '../components/ProgressAsOf';
import { fieldColumn } from '../grid/field-column';
import { fitContent } from '../grid/fit-content';
import { isLateOrMissing, progressColumn, progressLabel } from '../grid/progress-column';
import { type RowToggle, type SheetEdit, SheetGrid } from '../grid/SheetGrid';
import type { GroupSpec } from '../grid/grouping';
import { OrgPickerEditor } from '../grid/OrgPickerEditor';
import { TASK_STATUS_LABELS } from '../../shared/task-status';
import { useTaskStore } from '../stores/task-store';
import { useOrgStore } from '../stores/org-store';
import { ReasonField } from '../components/ReasonField';

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

const joinOrgs = (orgs: string[] | undefined): string => (orgs ?? []).join('、');

function taskColumns(): ColDef<TaskRow>[] {
  const column = (key: TaskFieldKey, def: ColDef<TaskRow>): ColDef<TaskRow> => fieldColumn(TASK_FIELDS, key, def);
  const orgColumn = (field: 'leadOrgs' | 'coOrgs', width: number): ColDef<TaskRow> =>
    column(field, {
      width,
      valueGetter: (p) => joinOrgs(p.data?.[field]),
      tooltipValueGetter: (p) => joinOrgs(p.data?.[field]),
      cellEditor: OrgPickerEditor,
      cellEditorPopup: true,
    });
  return [
    column('number', { field: 'number', width: 62, pinned: 'left', type: 'numericColumn' }),
    column('title', { field: 'title', width: 140, pinned: 'left', tooltipField: 'title' }),
    column('body', { field: 'body', flex: 2, minWidth: 150, tooltipField: 'body' }),
    // the lead org is read whole; the co-orgs are a list, given a share of a wide window and a tooltip
    fitContent(orgColumn('leadOrgs', 120), { minWidth: 90, maxWidth: 280 }),
    { ...orgColumn('coOrgs', 130), flex: 1, minWidth: 130 },
    column('targetCount', {
      colId: 'targets',
      width: 78,
      type: 'numericColumn',
      valueGetter: (p) => p.data?.targetCount ?? null,
      valueFormatter: (p) => (p.data && p.data.targetCount > 0 ? `${p.data.targetsMet}/${p.data.targetCount}` : String(p.value ?? '')),
      headerTooltip: '已达成/指标总数',
    }),
    column('progress', {
      width: 92,
      valueGetter: (p) => p.data?.progress ?? null,
      ...progressColumn,
      headerTooltip: '由各指标汇总：取最差的一项',
    }),
    column('progressNote', { field: 'progressNote', width: 120, tooltipField: 'progressNote' }),
    column('status', {
      field: 'status',
      width: 76,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s]) },
      valueGetter: (p) => (p.data ? TASK_STATUS_LABELS[p.data.status] : ''),
    }),
    column('remark', { field: 'remark', width: 110, tooltipField: 'remark' }),
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
    if (!useOrgStore.getState().loaded) void useOrgStore.getState().load();
  }, []);

  const onEdits = useCallback(async (edits: SheetEdit<TaskRow>[], label: string | undefined) => {
    const mapped = edits.flatMap((edit) => {
      const field = edit.colId;
      return isEditableKey(TASK_FIELDS, field) ? [{ taskId: edit.row.id, field, value: edit.value }] : [];
    });
    return mapped.length ? useTaskStore.getState().updateCells(mapped, label) : null;
  }, []);

  const searchText = useCallback(
    (row: TaskRow) =>
      `${row.number} ${row.title} ${row.body} ${row.leadOrgs.join(' ')} ${row.coOrgs.join(' ')} ${TASK_STATUS_LABELS[row.status]} ${progressLabel(row.progress)} ${row.remark} ${row.progressNote}`,
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
