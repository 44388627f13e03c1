import { useEffect, useRef, useState } from 'react';
import { exportWorkbookFile } from '../exchange/run-exchange';
import { commitPendingEdits } from '../grid/pending-edits';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';

/** The 文件 menu inside the page (the same commands as the window menu, reachable without it). */
/** After switching workbooks every view starts afresh. */
async function switchWorkbook(run: () => Promise<{ path: string; note: string } | null>): Promise<void> {
  commitPendingEdits();
  const result = await useUiStore.getState().track(run);
  if (!result) return;
  if (result.note) sessionStorage.setItem('minsheng.notice', result.note);
  window.location.reload();
}

export function FileMenu(): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<{ current: string; recent: { path: string; exists: boolean }[] } | null>(null);
  useEffect(() => {
    if (open) call('workbook-recent', {}).then(setRecent, () => setRecent(null));
  }, [open]);
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const close = (event: MouseEvent): void => {
      if (!host.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  const ui = useUiStore.getState();
  const item = (label: string, action: () => void) => (
    <li>
      <button
        type="button"
        role="menuitem"
        onClick={() => {
          setOpen(false);
          action();
        }}
      >
        {label}
      </button>
    </li>
  );
  return (
    <div className="file-menu" ref={host}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        文件 ▾
      </button>
      {open && (
        <ul role="menu" aria-label="文件">
          {item('新建工作簿…', () => void switchWorkbook(() => call('workbook-new', {})))}
          {item('打开工作簿…', () => void switchWorkbook(() => call('workbook-open', {})))}
          {item('另存为…', () => void switchWorkbook(() => call('workbook-save-as', {})))}
          {recent && recent.recent.filter((r) => r.path !== recent.current).length > 0 && (
            <li className="menu-group" role="presentation">
              <span>最近打开</span>
              <ul role="group" aria-label="最近打开">
                {recent.recent
                  .filter((r) => r.path !== recent.current)
                  .map((r) => (
                    <li key={r.path}>
                      <button
                        type="button"
                        role="menuitem"
                        disabled={!r.exists}
                        title={r.exists ? r.path : `${r.path}（文件不存在或U盘未插入）`}
                        onClick={() => {
                          setOpen(false);
                          void switchWorkbook(() => call('workbook-open-recent', { path: r.path }));
                        }}
                      >
                        {r.path.split(/[\\/]/).pop()}
                      </button>
                    </li>
                  ))}
              </ul>
            </li>
          )}
          <li role="separator" className="menu-separator" />
          {item('导入计划…', () => ui.setImportOpen(true))}
          {item('计划管理…', () => ui.setPlansOpen(true))}
          {item('导出Excel…', () => void exportWorkbookFile())}
          {item('导入Excel（回导）…', () => ui.setExchange('import-xlsx'))}
          {item('导入预算表…', () => ui.setExchange('import-budget'))}
          {item('导入预算执行表…', () => ui.setExchange('import-execution'))}
          {item('导出单位报送表…', () => ui.setExchange('export-packets'))}
          {item('导入单位报送表…', () => ui.setExchange('import-packet'))}
          {item('备份与恢复…', () => ui.setBackupsOpen(true))}
        </ul>
      )}
    </div>
  );
}
