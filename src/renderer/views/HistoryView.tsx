import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ChangeLogEntry } from '../../shared/contract';
import { gridLocale, gridTheme } from '../grid/setup';
import { call, styleNonce } from '../services/api';
import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';

const STATE_LABELS: Record<ChangeLogEntry['state'], string> = { done: '有效', undone: '已撤销', discarded: '已撤销' };

/** 变更记录: every field a user action changed, newest first. */
export function HistoryView(): React.JSX.Element {
  const [entries, setEntries] = useState<ChangeLogEntry[]>([]);
  const history = useTaskStore((state) => state.history);
  useEffect(() => {
    call('change-log-list', { limit: 2000 }).then(setEntries, (error: unknown) => useUiStore.getState().showError(error));
  }, [history]);
  const columnDefs = useMemo<ColDef<ChangeLogEntry>[]>(
    () => [
      { field: 'at', headerName: '时间', width: 170, valueFormatter: (p) => new Date(String(p.value)).toLocaleString('zh-CN') },
      { field: 'actor', headerName: '操作人', width: 100 },
      { field: 'label', headerName: '操作', width: 220 },
      { field: 'field', headerName: '字段', width: 110 },
      { field: 'oldValue', headerName: '原值', flex: 1, minWidth: 140 },
      { field: 'newValue', headerName: '新值', flex: 1, minWidth: 140 },
      { field: 'reason', headerName: '原因', width: 140 },
      { field: 'state', headerName: '状态', width: 80, valueFormatter: (p) => STATE_LABELS[p.value as ChangeLogEntry['state']] },
    ],
    [],
  );
  return (
    <div className="view grid-view" data-testid="history-view">
      <AgGridReact<ChangeLogEntry>
        theme={gridTheme}
        localeText={gridLocale}
        styleNonce={styleNonce()}
        rowData={entries}
        columnDefs={columnDefs}
        defaultColDef={{ resizable: true, sortable: true, filter: true }}
        getRowId={(p) => String(p.data.id)}
        overlayNoRowsTemplate="<span>还没有任何修改记录</span>"
      />
    </div>
  );
}
