import { useEffect, useState } from 'react';
import type { RoundTripPreview } from '../../shared/exchange';
import { Dialog } from '../components/Dialog';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';
import { afterImport } from './run-exchange';

/** 导入Excel（回导）: a workbook exported earlier and edited in Excel/WPS — preview per sheet, then all or nothing. */
export function ImportWorkbookDialog(): React.JSX.Element | null {
  const close = (): void => useUiStore.getState().setExchange(null);
  const [preview, setPreview] = useState<RoundTripPreview | null>(null);
  const [busy, setBusy] = useState(true);

  useEffect(() => {
    call('xlsx-import-preview', {}).then(
      (result) => {
        if (!result) close();
        else setPreview(result);
        setBusy(false);
      },
      (error: unknown) => {
        useUiStore.getState().showError(error);
        close();
      },
    );
  }, []);

  const apply = async (): Promise<void> => {
    if (!preview) return;
    setBusy(true);
    const result = await useUiStore.getState().track(() => call('xlsx-import-apply', { token: preview.token }));
    setBusy(false);
    if (result) {
      close();
      await afterImport(`已从“${preview.fileName}”导入 ${result.applied} 处修改（可撤销）。`);
    }
  };

  if (!preview) return busy ? <div className="busy-overlay">正在读取文件…</div> : null;
  const blocked = preview.problems.length > 0 || preview.count === 0;
  return (
    <Dialog
      title={`导入Excel —— ${preview.fileName}`}
      onClose={close}
      testId="import-xlsx-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" disabled={blocked || busy} onClick={() => void apply()}>
            确认导入（{preview.count}处修改）
          </button>
        </>
      }
    >
      {preview.problems.length > 0 && (
        <div className="problems" role="alert">
          <strong>文件中有 {preview.problems.length} 处问题，整个文件不会导入：</strong>
          <ul>
            {preview.problems.slice(0, 50).map((p, i) => (
              <li key={i}>
                {p.where ? `${p.where}：` : ''}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.count === 0 && preview.problems.length === 0 && <p>文件与当前工作簿一致，没有需要导入的修改。</p>}
      <table className="compare-table" data-testid="import-summary">
        <thead>
          <tr>
            <th>工作表</th>
            <th>新增</th>
            <th>修改</th>
            <th>删除</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {preview.summary.map((s) => (
            <tr key={s.sheet}>
              <td>{s.sheet}</td>
              <td className="num">{s.added}</td>
              <td className="num">{s.changed}</td>
              <td className="num">{s.removed}</td>
              <td>{s.notes.join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.changes.length > 0 && (
        <div className="pick-table">
          <table>
            <thead>
              <tr>
                <th>位置</th>
                <th>原值</th>
                <th>新值</th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.map((c, i) => (
                <tr key={i}>
                  <td>{c.where}</td>
                  <td>{c.before}</td>
                  <td>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
