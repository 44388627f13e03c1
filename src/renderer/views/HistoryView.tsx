import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ChangeLogEntry } from '../../shared/contract';
import { gridLocale, gridTheme } from '../grid/setup';
import { call, styleNonce } from '../services/api';
import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';
import { useUnitStore } from '../stores/unit-store';

const STATE_LABELS: Record<ChangeLogEntry['state'], string> = { done: '有效', undone: '已撤销', discarded: '已撤销' };

const show = (value: ChangeLogEntry['oldValue']): string => (value === null ? '（空）' : String(value));

interface Filters {
  taskId?: number;
  unitId?: number;
  from?: string;
  to?: string;
}

/** 变更记录: every field a user action changed — when, who, what, old → new, why — filterable. */
export function HistoryView(): React.JSX.Element {
  const [entries, setEntries] = useState<ChangeLogEntry[]>([]);
  const [filters, setFilters] = useState<Filters>({});
  const history = useTaskStore((state) => state.history);
  const tasks = useTaskStore((state) => state.tasks);
  const units = useUnitStore((state) => state.units);

  useEffect(() => {
    if (!useUnitStore.getState().loaded) void useUnitStore.getState().load();
  }, []);
  useEffect(() => {
    call('change-log-list', { limit: 2000, ...filters }).then(setEntries, (error: unknown) => useUiStore.getState().showError(error));
  }, [history, filters]);

  const columnDefs = useMemo<ColDef<ChangeLogEntry>[]>(
    () => [
      { field: 'at', headerName: '时间', width: 156, valueFormatter: (p) => new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }) },
      { field: 'actor', headerName: '操作人', width: 90 },
      { field: 'label', headerName: '操作', width: 230, tooltipField: 'label' },
      { colId: 'what', headerName: '对象', width: 220, valueGetter: (p) => (p.data ? `${p.data.tableLabel}：${p.data.what}` : ''), tooltipValueGetter: (p) => (p.data ? `${p.data.tableLabel}：${p.data.what}` : '') },
      { field: 'fieldLabel', headerName: '字段', width: 96 },
      { colId: 'old', headerName: '原值', flex: 1, minWidth: 100, valueGetter: (p) => (p.data?.op === 'update' ? show(p.data.oldValue) : ''), tooltipValueGetter: (p) => (p.data ? show(p.data.oldValue) : '') },
      { colId: 'new', headerName: '新值', flex: 1, minWidth: 100, valueGetter: (p) => (p.data?.op === 'update' ? show(p.data.newValue) : ''), tooltipValueGetter: (p) => (p.data ? show(p.data.newValue) : '') },
      { field: 'reason', headerName: '原因', width: 120, tooltipField: 'reason' },
      { field: 'state', headerName: '状态', width: 72, valueFormatter: (p) => STATE_LABELS[p.value as ChangeLogEntry['state']] },
    ],
    [],
  );
  const set = (patch: Filters): void => setFilters((current) => Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as Filters);

  return (
    <div className="view history-view" data-testid="history-view">
      <div className="toolbar" role="search" aria-label="筛选变更记录">
        <label>
          任务
          <select value={filters.taskId ?? ''} onChange={(e) => set({ taskId: e.target.value ? Number(e.target.value) : undefined })} aria-label="按任务筛选">
            <option value="">全部</option>
            {tasks.map((t) => <option key={t.id} value={t.id}>{t.number}. {t.title}</option>)}
          </select>
        </label>
        <label>
          单位
          <select value={filters.unitId ?? ''} onChange={(e) => set({ unitId: e.target.value ? Number(e.target.value) : undefined })} aria-label="按单位筛选">
            <option value="">全部</option>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>
          从 <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} aria-label="开始日期" />
        </label>
        <label>
          到 <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} aria-label="结束日期" />
        </label>
        <span className="hint">共 {entries.length} 条</span>
      </div>
      <div className="grid-host">
        <AgGridReact<ChangeLogEntry>
          theme={gridTheme}
          localeText={gridLocale}
          styleNonce={styleNonce()}
          rowData={entries}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: true, filter: true }}
          getRowId={(p) => String(p.data.id)}
          tooltipShowDelay={400}
          overlayNoRowsTemplate="<span>没有符合条件的修改记录</span>"
        />
      </div>
    </div>
  );
}
