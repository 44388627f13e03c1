import { useEffect, useState } from 'react';
import type { BackupEntryRow } from '../../shared/contract';
import { call } from '../services/api';
import { notifyWorkbookChanged } from '../stores/history-events';
import { useUiStore } from '../stores/ui-store';
import { BackupList } from './BackupList';
import { Dialog } from './Dialog';

/** 文件 → 备份与恢复: the verified backups with time and size; back up now; restore one. */
export function BackupsDialog(): React.JSX.Element {
  const close = (): void => useUiStore.getState().setBackupsOpen(false);
  const [backups, setBackups] = useState<BackupEntryRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    call('backup-list', {}).then(setBackups, (error: unknown) => useUiStore.getState().showError(error));
  }, []);
  const backupNow = async (): Promise<void> => {
    const list = await useUiStore.getState().track(() => call('backup-create', {}));
    if (list) setBackups(list);
  };
  const restore = async (): Promise<void> => {
    if (!selected) return;
    const ok = await useUiStore.getState().ask({
      title: '从备份恢复',
      message: `用 ${selected} 替换当前工作簿？当前内容会先另存为一个“恢复前”备份，随时可以再恢复回来。`,
      confirmLabel: '恢复',
    });
    if (ok === null) return;
    const result = await useUiStore.getState().track(() => call('backup-restore', { file: selected }));
    if (result) {
      close();
      await notifyWorkbookChanged();
      useUiStore.getState().showInfo(`已从备份 ${result.restored} 恢复。`);
    }
  };
  return (
    <Dialog
      title="备份与恢复"
      onClose={close}
      testId="backups-dialog"
      footer={
        <>
          <button type="button" onClick={() => void backupNow()}>
            立即备份
          </button>
          <button type="button" onClick={close}>
            关闭
          </button>
          <button type="button" className="primary" disabled={!selected} onClick={() => void restore()}>
            恢复所选备份…
          </button>
        </>
      }
    >
      <p className="hint">
        打开工作簿、升级数据结构、导入之前以及编辑期间每10分钟自动备份；每个备份都经过只读打开、完整性检查和内容校验。备份保存在工作簿旁的“.backups”文件夹中。
      </p>
      <BackupList backups={backups} selected={selected} onSelect={setSelected} />
    </Dialog>
  );
}
