import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { ChangeLogEntry } from '../../shared/contract';
import { gridLocale, gridTheme } from '../grid/setup';
import { call, styleNonce } from '../services/api';
import { useHistoryStore } from '../stores/history-store';
import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';
import { useOrgStore } from '../stores/org-store';
import { actionSummary, groupByAction, type HistoryRow, historyRows, singleChange } from './history/history-rows';

const STATE_LABELS: Record<ChangeLogEntry['state'], string> = { done: '有效', undone: '已撤销', discarded: '已撤销' };

interface Filters {
  taskId?: number;
  orgId?: number;
  from?: string;
  to?: string;
}

interface HistoryContext {
  toggle(actionId: number): void;
}

/** The 操作 cell: the action's label with a twisty when it holds several changes; a change row is indented. */
function ActionCell(params: ICellRendererParams<HistoryRow> & { context: HistoryContext }): React.JSX.Element | null {
  const row = params.data;
  if (!row) return null;
  if (row.kind === 'change') return <span className="history-change-mark">{row.last ? '└' : '├'}</span>;
  if (row.changes.length < 2) return <span>{row.label}</span>;
  const { open } = row;
  return (
    <button
      type="button"
      className="history-twisty"
      aria-expanded={open}
      onClick={() => params.context.toggle(row.actionId)}
      title={open ? '收起明细' : '展开明细'}
    >
      <span className="twisty">{open ? '▾' : '▸'}</span>
      {row.label}
    </button>
  );
}

const time = (at: string): string => new Date(at).toLocaleString('zh-CN', { hour12: false });

/** 变更记录: one entry per action — when, who, what, old → new in words, why — with its changes beneath; filterable. */
export function HistoryView(): React.JSX.Element {
  const [entries, setEntries] = useState<ChangeLogEntry[]>([]);
  const [filters, setFilters] = useState<Filters>({});
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const history = useHistoryStore((state) => state.history);
  const tasks = useTaskStore((state) => state.tasks);
  const orgs = useOrgStore((state) => state.orgs);

  useEffect(() => {
    if (!useOrgStore.getState().loaded) void useOrgStore.getState().load();
  }, []);
  useEffect(() => {
    call('change-log-list', { limit: 2000, ...filters }).then(setEntries, (error: unknown) => useUiStore.getState().showError(error));
  }, [history, filters]);

  const actions = useMemo(() => groupByAction(entries), [entries]);
  const rows = useMemo(() => historyRows(actions, expanded), [actions, expanded]);
  const toggle = useCallback((actionId: number) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(actionId)) next.delete(actionId);
      else next.add(actionId);
      return next;
    });
  }, []);
  const context = useMemo<HistoryContext>(() => ({ toggle }), [toggle]);
  const several = actions.filter((a) => a.changes.length > 1);
  const allOpen = several.length > 0 && several.every((a) => expanded.has(a.actionId));

  const columnDefs = useMemo<ColDef<HistoryRow>[]>(
    () => [
      { colId: 'at', headerName: '时间', width: 150, valueGetter: (p) => (p.data?.kind === 'action' ? time(p.data.at) : '') },
      { colId: 'actor', headerName: '操作人', width: 84, valueGetter: (p) => (p.data?.kind === 'action' ? p.data.actor : '') },
      {
        colId: 'label',
        headerName: '操作',
        width: 300,
        valueGetter: (p) => (p.data?.kind === 'action' ? p.data.label : ''),
        cellRenderer: ActionCell,
        tooltipValueGetter: (p) => (p.data?.kind === 'action' ? p.data.label : undefined),
      },
      {
        colId: 'what',
        headerName: '对象',
        width: 230,
        valueGetter: (p) => {
          if (!p.data) return '';
          if (p.data.kind === 'action') return actionSummary(p.data);
          return `${p.data.change.tableLabel}：${p.data.change.what}`;
        },
        tooltipValueGetter: (p) =>
          p.data?.kind === 'change' ? `${p.data.change.tableLabel}：${p.data.change.what}` : p.data ? actionSummary(p.data) : '',
      },
      { colId: 'field', headerName: '字段', width: 100, valueGetter: (p) => (p.data ? (singleChange(p.data)?.fieldLabel ?? '') : '') },
      {
        colId: 'old',
        headerName: '原值',
        flex: 1,
        minWidth: 110,
        valueGetter: (p) => (p.data ? (singleChange(p.data)?.oldText ?? '') : ''),
        tooltipValueGetter: (p) => (p.data ? singleChange(p.data)?.oldText : undefined),
      },
      {
        colId: 'new',
        headerName: '新值',
        flex: 1,
        minWidth: 110,
        valueGetter: (p) => (p.data ? (singleChange(p.data)?.newText ?? '') : ''),
        tooltipValueGetter: (p) => (p.data ? singleChange(p.data)?.newText : undefined),
      },
      {
        colId: 'reason',
        headerName: '原因',
        width: 120,
        valueGetter: (p) => (p.data?.kind === 'action' ? p.data.reason : ''),
        tooltipValueGetter: (p) => (p.data?.kind === 'action' ? p.data.reason : undefined),
      },
      { colId: 'state', headerName: '状态', width: 72, valueGetter: (p) => (p.data?.kind === 'action' ? STATE_LABELS[p.data.state] : '') },
    ],
    [],
  );
  const set = (patch: Filters): void =>
    setFilters(
      (current) => Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as Filters,
    );

  return (
    <div className="view history-view" data-testid="history-view">
      <div className="toolbar" role="search" aria-label="筛选变更记录">
        <label>
          任务
          <select
            value={filters.taskId ?? ''}
            onChange={(e) => set({ taskId: e.target.value ? Number(e.target.value) : undefined })}
            aria-label="按任务筛选"
          >
            <option value="">全部</option>
            {tasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.number}. {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          单位
          <select
            value={filters.orgId ?? ''}
            onChange={(e) => set({ orgId: e.target.value ? Number(e.target.value) : undefined })}
            aria-label="按单位筛选"
          >
            <option value="">全部</option>
            {orgs.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          从{' '}
          <input
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => set({ from: e.target.value || undefined })}
            aria-label="开始日期"
          />
        </label>
        <label>
          到 <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} aria-label="结束日期" />
        </label>
        <button
          type="button"
          disabled={several.length === 0}
          onClick={() => setExpanded(allOpen ? new Set() : new Set(several.map((a) => a.actionId)))}
        >
          {allOpen ? '全部收起' : '全部展开'}
        </button>
        <span className="hint">
          共 {actions.length} 次操作、{entries.length} 处修改
        </span>
      </div>
      <div className="grid-host">
        <AgGridReact<HistoryRow>
          theme={gridTheme}
          localeText={gridLocale}
          styleNonce={styleNonce()}
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: false }}
          context={context}
          getRowId={(p) => p.data.key}
          getRowClass={(p) => (p.data?.kind === 'change' ? 'history-change' : undefined)}
          tooltipShowDelay={400}
          overlayNoRowsTemplate="<span>没有符合条件的修改记录</span>"
        />
      </div>
    </div>
  );
}
