import { useCallback, useState } from 'react';
import { call } from '../services/api';
import { switchWorkbook } from '../services/switch-workbook';
import { useUiStore } from '../stores/ui-store';
import { Dialog } from './Dialog';
import { SavedPassword } from './SavedPassword';

type Direction = 'open' | 'upload' | 'copy';

const ACTION_LABELS: Record<Direction, string> = { open: '打开', upload: '上传到服务器', copy: '另存为本地副本…' };

const HINTS: Record<Direction, string> = {
  open: '本窗口改为在服务器上的团队工作簿中工作：每次修改直接保存到服务器，多人可同时修改；同一内容被他人抢先修改时，您的修改不会覆盖对方，会提示重试。',
  upload:
    '上传后服务器上多一个团队工作簿（数据库中的一个schema），本地文件不变。上传在一个事务中完成，逐行校验一致才提交；失败时服务器上不留任何内容。',
  copy: '取团队工作簿此刻的完整副本，保存为新的 .mswb 文件（出差或在不联网的电脑上使用）；不会覆盖已有文件。',
};

const ADDRESS_EXAMPLE = 'postgres://用户名@服务器:5432/数据库?workbook=dazhou_2027';

/**
 * 文件 → 团队工作簿: work in a team workbook on the office's PostgreSQL server (打开团队工作簿), publish this
 * workbook there (上传到服务器), or take a team workbook's local copy for a trip or an isolated machine (另存为本地
 * 副本). The password is typed here and held in memory while the app runs, and kept encrypted by the OS key store
 * when 记住密码 is ticked (SavedPassword.tsx); the address, which is safe to remember (最近打开 lists it), cannot
 * hold one.
 */
export function TeamWorkbookDialog(): React.JSX.Element {
  const close = (): void => useUiStore.getState().setTeamOpen(false);
  const [direction, setDirection] = useState<Direction>('open');
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  // null until the dialog has learnt whether a password is kept for the address (or the user ticks): the vault is
  // then left alone, so a quick 打开 with the field empty cannot take a kept password out of it
  const [remember, setRemember] = useState<boolean | null>(null);
  const lookedUp = useCallback((kept: boolean) => setRemember((choice) => (kept ? true : (choice ?? false))), []);
  // counts the calls made: after each, what is saved is asked again (a refused login forgets a remembered password)
  const [attempts, setAttempts] = useState(0);
  const [title, setTitle] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // not through ui.track: a server that cannot be reached has not failed to save this workbook (保存失败 would lie)
  const run = async (): Promise<void> => {
    setOutcome(null);
    setBusy(true);
    useUiStore.getState().dismissMessage();
    try {
      if (direction === 'open') {
        // the page reloads into the team workbook once main has switched to it
        await switchWorkbook(() => call('workbook-open-server', { address, password, ...(remember === null ? {} : { remember }) }));
      } else if (direction === 'upload') {
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
      setAttempts((n) => n + 1);
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
            {busy ? '正在连接服务器…' : ACTION_LABELS[direction]}
          </button>
        </>
      }
    >
      <fieldset className="form-row" aria-label="操作">
        <label>
          <input type="radio" name="team-direction" checked={direction === 'open'} onChange={() => setDirection('open')} />
          打开团队工作簿
        </label>
        <label>
          <input type="radio" name="team-direction" checked={direction === 'upload'} onChange={() => setDirection('upload')} />
          把本工作簿上传到服务器
        </label>
        <label>
          <input type="radio" name="team-direction" checked={direction === 'copy'} onChange={() => setDirection('copy')} />
          从服务器另存为本地副本
        </label>
      </fieldset>
      <p className="hint">{HINTS[direction]}</p>
      <label className="field">
        服务器地址
        <input
          value={address}
          onChange={(e) => {
            setAddress(e.target.value);
            // another address: what is kept for it is looked up again
            setRemember(null);
          }}
          placeholder={ADDRESS_EXAMPLE}
          spellCheck={false}
          aria-label="服务器地址"
        />
      </label>
      <label className="field">
        密码
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" aria-label="密码" />
      </label>
      <SavedPassword
        address={address}
        attempts={attempts}
        offerRemember={direction === 'open'}
        remember={remember === true}
        onRememberChange={setRemember}
        onLookedUp={lookedUp}
      />
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
      <p className="hint">
        密码只在勾选“记住密码”时由本机系统密钥库加密保存，否则只在本次运行中记住。地址中的 workbook=
        是团队工作簿在服务器上的名称（小写字母、数字和下划线）。
      </p>
      {outcome && (
        <p className="team-outcome" role="status">
          {outcome}
        </p>
      )}
    </Dialog>
  );
}
