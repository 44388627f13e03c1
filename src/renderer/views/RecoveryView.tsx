import { useState } from 'react';
import type { ChannelOutput } from '../../shared/contract';
import { BackupList } from '../components/BackupList';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';

type Recovery = ChannelOutput<'recovery-state'>;

/** Shown instead of the app when the workbook cannot be opened: what is wrong, and the verified backups. */
export function RecoveryView({ state, onRestored }: { state: Recovery; onRestored(): void }): React.JSX.Element {
  const [selected, setSelected] = useState<string | null>(state.backups.find((b) => b.verified)?.file ?? null);
  const message = useUiStore((s) => s.message);
  const restore = async (): Promise<void> => {
    if (!selected) return;
    const result = await useUiStore.getState().track(() => call('backup-restore', { file: selected }));
    if (result) onRestored();
  };
  return (
    <div className="recovery" data-testid="recovery-view" role="alert">
      <h1>工作簿无法打开</h1>
      <p className="recovery-path">{state.path}</p>
      <p className="recovery-problem">{state.problem}</p>
      <p>该文件没有被改动。可以选择一个经过校验的备份来恢复；损坏的文件会以“.damaged-时间”为名保留在原处，不会被覆盖。</p>
      <BackupList backups={state.backups} selected={selected} onSelect={setSelected} />
      {message?.tone === 'error' && <p className="recovery-problem">{message.text}</p>}
      <div className="recovery-actions">
        <button type="button" className="primary" disabled={!selected} onClick={() => void restore()}>
          用所选备份恢复
        </button>
      </div>
    </div>
  );
}
