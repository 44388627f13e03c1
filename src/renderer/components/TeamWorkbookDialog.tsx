import { useState } from 'react';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';
import { Dialog } from './Dialog';

type Direction = 'upload' | 'copy';

const ADDRESS_EXAMPLE = 'postgres://用户名@服务器:5432/数据库?workbook=dazhou_2027';

/**
 * 文件 → 团队工作簿: publish this workbook to the office's PostgreSQL server (上传到服务器), or take a team
 * workbook's local copy for a trip or an isolated machine (另存为本地副本). The password is typed for each call
 * and kept nowhere; the address, which is safe to remember, cannot hold one.
 */
export function TeamWorkbookDialog(): React.JSX.Element {
  const close = (): void => useUiStore.getState().setTeamOpen(false);
  const [direction, setDirection] = useState<Direction>('upload');
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [title, setTitle] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // not through ui.track: a server that cannot be reached has not failed to save this workbook (保存失败 would lie)
  const run = async (): Promise<void> => {
    setOutcome(null);
    setBusy(true);
    useUiStore.getState().dismissMessage();
    try {
      if (direction === 'upload') {
        const result = await call('server-upload', { address, password, title });
        setOutcome(`已上传到 ${result.address}：${result.tables} 张表、${result.rows} 行，服务器上的内容与本工作簿逐行校验一致。`);
      } else {
        const result = await call('server-local-copy', { address, password });
        if (result)
          setOutcome(
            `已保存本地副本“${result.file}”：${result.tables} 张表、${result.rows} 行，与服务器逐行校验一致。可用“打开工作簿”打开它。`,
          );
      }
    } catch (error) {
      useUiStore.getState().showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="团队工作簿（服务器）"
      onClose={close}
      width="narrow"
      testId="team-workbook-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            关闭
          </button>
          <button type="button" className="primary" disabled={busy || address.trim() === ''} onClick={() => void run()}>
            {busy ? '正在连接服务器…' : direction === 'upload' ? '上传到服务器' : '另存为本地副本…'}
          </button>
        </>
      }
    >
      <fieldset className="form-row" aria-label="操作">
        <label>
          <input type="radio" name="team-direction" checked={direction === 'upload'} onChange={() => setDirection('upload')} />
          把本工作簿上传到服务器
        </label>
        <label>
          <input type="radio" name="team-direction" checked={direction === 'copy'} onChange={() => setDirection('copy')} />
          从服务器另存为本地副本
        </label>
      </fieldset>
      <p className="hint">
        {direction === 'upload'
          ? '上传后服务器上多一个团队工作簿（数据库中的一个schema），本地文件不变。上传在一个事务中完成，逐行校验一致才提交；失败时服务器上不留任何内容。'
          : '取团队工作簿此刻的完整副本，保存为新的 .mswb 文件（出差或在不联网的电脑上使用）；不会覆盖已有文件。'}
      </p>
      <label className="field">
        服务器地址
        <input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder={ADDRESS_EXAMPLE}
          spellCheck={false}
          aria-label="服务器地址"
        />
      </label>
      <label className="field">
        密码
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" aria-label="密码" />
      </label>
      {direction === 'upload' && (
        <label className="field">
          团队工作簿标题
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="如：达州市2027年民生实事"
            aria-label="团队工作簿标题"
          />
        </label>
      )}
      <p className="hint">密码只用于本次连接，不会保存。地址中的 workbook= 是团队工作簿在服务器上的名称（小写字母、数字和下划线）。</p>
      {outcome && (
        <p className="team-outcome" role="status">
          {outcome}
        </p>
      )}
    </Dialog>
  );
}
