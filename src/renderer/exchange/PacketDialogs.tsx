import { useEffect, useState } from 'react';
import type { PacketPreview } from '../../shared/exchange';
import { packetHeader } from '../../shared/fields/field-spec';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import { Dialog } from '../components/Dialog';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';
import { useOrgStore } from '../stores/org-store';
import { afterImport } from './run-exchange';
import { useReview } from './use-review';

/** 导出单位报送表: one org, or every org with tasks (one file each, into a folder). */
export function PacketExportDialog(): React.JSX.Element {
  const close = (): void => useUiStore.getState().setExchange(null);
  const orgs = useOrgStore((state) => state.orgs).filter((u) => u.leadCount + u.coCount > 0);
  const [orgId, setOrgId] = useState<number | 'all'>('all');
  useEffect(() => {
    // the counts it lists orgs by move with every owner and target edit: read them as the dialog opens
    void useOrgStore.getState().load();
  }, []);
  const run = async (): Promise<void> => {
    const result = await useUiStore.getState().track(() => call('packet-export', orgId === 'all' ? {} : { orgId }));
    if (result) {
      close();
      useUiStore.getState().showInfo(`已导出 ${result.files.length} 个报送表：${result.files.join('；')}`);
    }
  };
  return (
    <Dialog
      title="导出单位报送表"
      width="narrow"
      onClose={close}
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void run()}>
            导出…
          </button>
        </>
      }
    >
      <p className="hint">
        每个单位得到自己牵头或配合的任务及其指标，只需填写“实际值”“进展说明”两列，填好后交回，用“导入单位报送表”逐条确认。
      </p>
      <label className="field">
        单位
        <select value={orgId} onChange={(e) => setOrgId(e.target.value === 'all' ? 'all' : Number(e.target.value))} aria-label="单位">
          <option value="all">全部单位（每个单位一个文件）</option>
          {orgs.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  );
}

/** 导入单位报送表: every returned change listed, each accepted or rejected; the change log names the sender. */
export function PacketImportDialog(): React.JSX.Element | null {
  const close = (): void => useUiStore.getState().setExchange(null);
  const { preview, accepted, toggle } = useReview(
    () => call('packet-import-preview', {}),
    (result: PacketPreview) => result.changes.map((c) => c.id),
    close,
  );
  if (!preview) return <div className="busy-overlay">正在读取文件…</div>;
  const apply = async (): Promise<void> => {
    const result = await useUiStore.getState().track(() => call('packet-import-apply', { token: preview.token, acceptIds: [...accepted] }));
    if (result) {
      close();
      await afterImport(`已接受“${preview.orgName}”报送的 ${result.applied} 处修改（可撤销）。`);
    }
  };
  return (
    <Dialog
      title={`导入单位报送表 —— ${preview.orgName || preview.fileName}`}
      onClose={close}
      testId="packet-import-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button
            type="button"
            className="primary"
            disabled={preview.problems.length > 0 || accepted.size === 0}
            onClick={() => void apply()}
          >
            接受选中的 {accepted.size} 处修改
          </button>
        </>
      }
    >
      {preview.problems.length > 0 && (
        <div className="problems" role="alert">
          <strong>{preview.problems.length} 处问题，不能导入：</strong>
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
      {preview.changes.length === 0 && preview.problems.length === 0 && <p>报送表与当前数据一致，没有变化。</p>}
      <div className="pick-table">
        <table>
          <thead>
            <tr>
              <th>接受</th>
              <th>任务</th>
              <th>指标</th>
              <th>项目</th>
              <th>原值</th>
              <th>报送值</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((c) => (
              <tr key={c.id}>
                <td>
                  <input type="checkbox" checked={accepted.has(c.id)} onChange={() => toggle(c.id)} aria-label={`接受：${c.label}`} />
                </td>
                <td>{c.taskNumber ?? ''}</td>
                <td>{c.label}</td>
                <td>{packetHeader(TARGET_FIELDS[c.field])}</td>
                <td>{c.before}</td>
                <td>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
