import { useCallback, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, GetRowIdParams, ValueFormatterParams } from 'ag-grid-community';
import { TASK_STATUSES, type TaskEditableField, type TaskRow } from '../../shared/contract';
import { gridLocale, gridTheme } from '../grid/setup';
import { TASK_STATUS_LABELS } from '../labels';
import { styleNonce } from '../services/api';
import { useTaskStore } from '../stores/task-store';

const EDITABLE_FIELDS: readonly string[] = ['title', 'status', 'progressNote', 'remark'];

const joinUnits = (params: ValueFormatterParams<TaskRow, string[]>): string => (params.value ?? []).join('、');

export function TasksView(): React.JSX.Element {
  const tasks = useTaskStore((state) => state.tasks);
  const updateTask = useTaskStore((state) => state.updateTask);
  const gridRef = useRef<AgGridReact<TaskRow>>(null);

  const columnDefs = useMemo<ColDef<TaskRow>[]>(
    () => [
      { field: 'number', headerName: '编号', width: 64, pinned: 'left', type: 'numericColumn', filter: false },
      { field: 'domainName', headerName: '领域', width: 120, tooltipField: 'domainName' },
      { field: 'title', headerName: '任务', width: 150, tooltipField: 'title', editable: true },
      {
        field: 'body',
        headerName: '内容摘要',
        flex: 1,
        minWidth: 160,
        tooltipField: 'body',
      },
      { field: 'leadUnits', headerName: '牵头单位', width: 130, valueFormatter: joinUnits, tooltipValueGetter: (p) => (p.data?.leadUnits ?? []).join('、') },
      { field: 'coUnits', headerName: '配合单位', width: 150, valueFormatter: joinUnits, tooltipValueGetter: (p) => (p.data?.coUnits ?? []).join('、') },
      { field: 'targetCount', headerName: '指标数', width: 72, type: 'numericColumn', filter: false },
      { field: 'progressNote', headerName: '完成情况', width: 112, editable: true },
      {
        field: 'status',
        headerName: '状态',
        width: 76,
        editable: true,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...TASK_STATUSES] },
        valueFormatter: (params) => TASK_STATUS_LABELS[params.value as TaskRow['status']] ?? String(params.value ?? ''),
      },
      { field: 'remark', headerName: '备注', width: 110, editable: true },
    ],
    [],
  );

  // The store is the truth: the grid asks for a change, the workbook stores it, the row shows what was stored.
  const onCellEditRequest = useCallback(
    async (event: CellEditRequestEvent<TaskRow>) => {
      const field = event.colDef.field;
      if (!field || !EDITABLE_FIELDS.includes(field) || !event.data) return;
      const value = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue);
      const updated = await updateTask(event.data.id, field as TaskEditableField, value);
      if (updated) event.node.setData(updated);
    },
    [updateTask],
  );

  const getRowId = useCallback((params: GetRowIdParams<TaskRow>) => String(params.data.id), []);

  return (
    <div className="view grid-view" data-testid="tasks-view">
      <AgGridReact<TaskRow>
        ref={gridRef}
        theme={gridTheme}
        localeText={gridLocale}
        styleNonce={styleNonce()}
        rowData={tasks}
        columnDefs={columnDefs}
        defaultColDef={{ resizable: true, sortable: true, filter: true }}
        getRowId={getRowId}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        singleClickEdit={false}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={400}
        enableBrowserTooltips={false}
      />
    </div>
  );
}
