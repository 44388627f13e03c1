import { useState } from 'react';
import type { ChannelOutput } from '../../shared/contract';
import { BackupList } from '../components/BackupList';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';

type Recovery = ChannelOutput<'recovery-state'>;

/** Headings by why the workbook was not opened (recovery-state's reason). */
const HEADINGS: Record<string, string> = {
  missing: '找不到工作簿文件',
  foreign: '该文件不是民生规划工作簿',
  newer: '工作簿来自更新版本的民生规划工作台',
  empty: '工作簿文件是空的',
  truncated: '工作簿文件不完整',
  'foreign-wal': '工作簿旁的日志文件不属于它',
};

/**
 * Shown instead of the app when the workbook was not opened: what is wrong, that the file was not touched, the
 * verified backups to restore from, and the way to another workbook.
 */
export function RecoveryView({ state, onRestored }: { state: Recovery; onRestored(): void }): React.JSX.Element {
  const [selected, setSelected] = useState<string | null>(state.backups.find((b) => b.verified)?.file ?? null);
  const message = useUiStore((s) => s.message);
  const restore = async (): Promise<void> => {
    if (!selected) return;
    const result = await useUiStore.getState().track(() => call('backup-restore', { file: selected }));
    if (result) onRestored();
  };
  const openOther = async (channel: 'workbook-open' | 'workbook-new'): Promise<void> => {
    const result = await useUiStore.getState().track(() => call(channel, {}));
    if (!result) return;
    if (result.note) sessionStorage.setItem('minsheng.notice', result.note);
    window.location.reload();
  };
  const missing = state.reason === 'missing';
  return (
    <div className="recovery" data-testid="recovery-view" role="alert">
      <h1>{HEADINGS[state.reason] ?? '工作簿无法打开'}</h1>
      <p className="recovery-path">{state.path}</p>
      <p className="recovery-problem">{state.problem}</p>
      <p>
        {missing
          ? '软件没有新建空的工作簿来代替它。可以从下面经过校验的备份恢复，或打开其他工作簿。'
          : '可以选择一个经过校验的备份来恢复（原文件会以“.damaged-时间”为名保留，不会被覆盖），或打开其他工作簿。'}
      </p>
      {state.backups.length > 0 ? (
        <BackupList backups={state.backups} selected={selected} onSelect={setSelected} />
      ) : (
        <p className="hint">该位置没有可用的备份。</p>
      )}
      {message?.tone === 'error' && <p className="recovery-problem">{message.text}</p>}
      <div className="recovery-actions">
        <button type="button" onClick={() => void openOther('workbook-open')}>
          打开其他工作簿…
        </button>
        <button type="button" onClick={() => void openOther('workbook-new')}>
          新建工作簿…
        </button>
        <button type="button" className="primary" disabled={!selected} onClick={() => void restore()}>
          用所选备份恢复
        </button>
      </div>
    </div>
  );
}
