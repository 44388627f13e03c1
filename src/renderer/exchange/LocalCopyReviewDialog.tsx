import type { LocalCopyChange, LocalCopyReview } from '../../shared/exchange';
import { Dialog } from '../components/Dialog';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';
import { afterImport } from './run-exchange';
import { useReview } from './use-review';

const STATE_LABELS: Record<LocalCopyChange['state'], string> = {
  clean: '可带回',
  conflict: '冲突',
  same: '已一致',
  gone: '服务器上已删除',
  'left-out': '需手工处理',
};

const SHOWN_FIRST: readonly LocalCopyChange['state'][] = ['conflict', 'clean', 'gone', 'left-out', 'same'];
/** a table this long is read by nobody; beyond it the buttons above decide */
const MAX_ROWS = 1000;

/** Only a change nobody touched meanwhile is ticked at first: overwriting a colleague's value is a choice. */
const choosable = (change: LocalCopyChange): boolean => change.state === 'clean' || change.state === 'conflict';

function stateText(change: LocalCopyChange): string {
  if (change.state === 'conflict') return change.serverBy ? `冲突：${change.serverBy} 已改` : '冲突：服务器上已改';
  return STATE_LABELS[change.state];
}

function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * 文件 → 带回本地副本的修改: a local copy's changes since it was taken, each held against the team workbook as it is
 * now, for the user to accept or reject one by one — never a blind overwrite. The accepted ones are applied as
 * one action (撤销 takes them back together).
 */
export function LocalCopyReviewDialog(): React.JSX.Element | null {
  const close = (): void => useUiStore.getState().setExchange(null);
  const {
    preview: review,
    accepted,
    toggle,
    tick,
    replace,
  } = useReview(
    () => call('local-copy-review', {}),
    (result: LocalCopyReview) => result.changes.filter((c) => c.state === 'clean').map((c) => c.id),
    close,
  );
  if (!review) return <div className="busy-overlay">正在读取本地副本…</div>;
  const apply = async (): Promise<void> => {
    const result = await useUiStore.getState().track(() => call('local-copy-apply', { token: review.token, acceptIds: [...accepted] }));
    if (result) {
      close();
      await afterImport(`已从“${review.fileName}”带回 ${result.applied} 处修改（可撤销）。`);
      return;
    }
    // refused (someone changed a reviewed record meanwhile; the message says which): the same copy, reviewed again
    // against the server as it is now, so the user decides on what is there
    try {
      const again = await call('local-copy-review', { again: review.token });
      if (again) replace(again);
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  };
  const count = (state: LocalCopyChange['state']): number => review.changes.filter((c) => c.state === state).length;
  const idsOf = (state: LocalCopyChange['state']): number[] => review.changes.filter((c) => c.state === state).map((c) => c.id);
  // what needs a decision first: conflicts, then what comes back, then what cannot
  const rows = [...review.changes].sort((a, b) => SHOWN_FIRST.indexOf(a.state) - SHOWN_FIRST.indexOf(b.state)).slice(0, MAX_ROWS);
  return (
    <Dialog
      title={`带回本地副本的修改 —— ${review.fileName}`}
      onClose={close}
      testId="local-copy-review-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" disabled={accepted.size === 0} onClick={() => void apply()}>
            带回选中的 {accepted.size} 处修改
          </button>
        </>
      }
    >
      <p className="hint">
        副本取出于 {localTime(review.takenAt)}。共 {review.changes.length} 处修改：可带回 {count('clean')}，冲突 {count('conflict')}，已一致{' '}
        {count('same')}，需手工处理 {count('left-out') + count('gone')}
        。冲突是取出后服务器上已被他人修改的内容，默认不带回；勾选则以副本的值覆盖。
        副本中新增或删除的任务、指标、单位、预算行等不能逐项带回，请在团队工作簿中手工处理。
      </p>
      {review.changes.length === 0 && <p>副本取出后没有修改，没有需要带回的内容。</p>}
      {count('clean') + count('conflict') > 0 && (
        <div className="form-row">
          <button type="button" onClick={() => tick(idsOf('clean'))}>
            只勾选可带回的 {count('clean')} 处
          </button>
          {count('conflict') > 0 && (
            <button type="button" onClick={() => tick([...idsOf('clean'), ...idsOf('conflict')])}>
              连同冲突全部勾选
            </button>
          )}
          <button type="button" onClick={() => tick([])}>
            全部不勾选
          </button>
        </div>
      )}
      {review.changes.length > MAX_ROWS && (
        <p className="hint">修改较多，下面只列出前 {MAX_ROWS} 处（冲突在前）；其余按上面的按钮一并勾选或不勾选。</p>
      )}
      {review.changes.length > 0 && (
        <div className="pick-table">
          <table>
            <thead>
              <tr>
                <th>带回</th>
                <th>记录</th>
                <th>项目</th>
                <th>取出时</th>
                <th>副本中</th>
                <th>服务器上</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} className={`copy-change ${c.state}`}>
                  <td>
                    {choosable(c) && (
                      <input
                        type="checkbox"
                        checked={accepted.has(c.id)}
                        onChange={() => toggle(c.id)}
                        aria-label={`带回：${c.what} ${c.fieldLabel}`}
                      />
                    )}
                  </td>
                  <td>
                    <span className="copy-change-table">{c.tableLabel}</span> {c.what}
                  </td>
                  <td>{c.fieldLabel}</td>
                  <td>{c.beforeText}</td>
                  <td>{c.afterText}</td>
                  <td>{c.serverText}</td>
                  <td>
                    {stateText(c)}
                    {c.reason && <div className="copy-change-reason">{c.reason}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
