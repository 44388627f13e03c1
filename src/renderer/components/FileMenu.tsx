import { useEffect, useRef, useState } from 'react';
import { exportWorkbookFile } from '../exchange/run-exchange';
import { useUiStore } from '../stores/ui-store';

/** The 文件 menu inside the page (the same commands as the window menu, reachable without it). */
export function FileMenu(): React.JSX.Element {
  const [open, setOpen] = useState(false);
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
          {item('导入计划文本…', () => ui.setImportOpen(true))}
          {item('导出Excel…', () => void exportWorkbookFile())}
          {item('导入Excel（回导）…', () => ui.setExchange('import-xlsx'))}
          {item('导入预算表…', () => ui.setExchange('import-budget'))}
          {item('导出单位报送表…', () => ui.setExchange('export-packets'))}
          {item('导入单位报送表…', () => ui.setExchange('import-packet'))}
          {item('备份与恢复…', () => ui.setBackupsOpen(true))}
        </ul>
      )}
    </div>
  );
}
