import { useState } from 'react';
import type { OwnerFix } from '../../shared/contract';
import type { ParsedPlan } from '../../shared/plan';
import { call } from '../services/api';
import { notifyWorkbookChanged } from '../stores/history-events';
import { useUiStore } from '../stores/ui-store';
import { PlanPreview } from './PlanPreview';

/** Where the previewed plan came from: a file read in main (held there under a token), or pasted text. */
type Source = { kind: 'file'; name: string; token: string; formatName: string } | { kind: 'text'; name: string; text: string };

/** 文件 → 导入计划…: read a plan of any format, preview everything the parser found, fix owners, write on confirmation. */
export function ImportPlanDialog(): React.JSX.Element {
  const close = (): void => useUiStore.getState().setImportOpen(false);
  const [source, setSource] = useState<Source | null>(null);
  const [pasted, setPasted] = useState('');
  const [preview, setPreview] = useState<ParsedPlan | null>(null);
  const [fixes, setFixes] = useState<Map<number, OwnerFix>>(new Map());
  const [busy, setBusy] = useState(false);
  // the same plan is already in the workbook: say so, and import only when the user ticks that a copy is wanted
  const [sameAs, setSameAs] = useState<string | null>(null);
  const [copyConfirmed, setCopyConfirmed] = useState(false);

  const show = async (next: Source, plan: ParsedPlan): Promise<void> => {
    const same = await call('plan-find-same', next.kind === 'file' ? { token: next.token } : { text: next.text });
    setSameAs(same?.message ?? null);
    setCopyConfirmed(false);
    setSource(next);
    setPreview(plan);
    setFixes(new Map());
  };
  const guarded = (work: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      useUiStore.getState().showError(error);
    } finally {
      setBusy(false);
    }
  };
  const pickFile = guarded(async () => {
    const file = await call('plan-pick-file', {});
    if (file) await show({ kind: 'file', name: file.name, token: file.token, formatName: file.formatName }, file.plan);
  });
  const parsePasted = guarded(async () =>
    show({ kind: 'text', name: '粘贴的文本', text: pasted }, await call('plan-parse', { text: pasted })),
  );
  const duplicate = sameAs && copyConfirmed ? { allowDuplicate: true } : {};
  const confirm = guarded(async () => {
    if (!source) return;
    const owners = [...fixes.values()];
    const input =
      source.kind === 'file'
        ? { token: source.token, sourceName: source.name, ...(owners.length ? { owners } : {}), ...duplicate }
        : { text: source.text, sourceName: source.name, ...(owners.length ? { owners } : {}), ...duplicate };
    const result = await useUiStore.getState().track(() => call('plan-import', input));
    if (!result) return;
    // a new plan is the one every view shows
    await notifyWorkbookChanged({ historyKnown: true });
    useUiStore.getState().showInfo(`已导入“${preview?.title ?? source.name}”：${result.tasks} 项任务，${result.targets} 个指标。`);
    close();
  });
  const unled = preview
    ? preview.tasks.filter((task) => (fixes.get(task.number)?.lead ?? task.owners.filter((o) => o.role === 'lead')).length === 0).length
    : 0;

  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label="导入计划">
      <div className="dialog wide">
        <header>
          <h2>导入计划</h2>
          <button type="button" onClick={close} aria-label="关闭">
            ×
          </button>
        </header>
        {!preview && (
          <div className="dialog-body">
            <p>
              选择实施计划文件：Word（.docx、.doc）、WPS（.wps）、PDF（带文字层）、Excel任务分解表（.xlsx、.xls、.csv）或文本文件（UTF-8、GBK均可）；也可以把全文粘贴到下面。导入前会先显示识别结果，可修改各任务的责任单位。
            </p>
            <button type="button" onClick={() => void pickFile()} disabled={busy}>
              选择文件…
            </button>
            <textarea
              value={pasted}
              onChange={(event) => setPasted(event.target.value)}
              placeholder="在此粘贴计划全文"
              rows={10}
              aria-label="计划全文"
            />
            <button type="button" onClick={() => void parsePasted()} disabled={busy || pasted.trim() === ''}>
              识别粘贴的文本
            </button>
          </div>
        )}
        {preview && sameAs && (
          <div className="duplicate-warning" data-testid="plan-duplicate" role="alert">
            {sameAs}
            <label>
              <input type="checkbox" checked={copyConfirmed} onChange={(event) => setCopyConfirmed(event.target.checked)} />{' '}
              我确认要再导入一份
            </label>
          </div>
        )}
        {preview && source && (
          <PlanPreview
            plan={preview}
            source={source.kind === 'file' ? `${source.name}，${source.formatName}` : source.name}
            fixes={fixes}
            onFix={(fix) => setFixes((current) => new Map(current).set(fix.taskNumber, fix))}
          />
        )}
        <footer>
          {preview && unled > 0 && <span className="footer-note">{unled} 项任务没有牵头单位，可点“修改”补上</span>}
          {preview && (
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              返回
            </button>
          )}
          <button type="button" onClick={close} disabled={busy}>
            取消
          </button>
          {preview && (
            <button
              type="button"
              className="primary"
              onClick={() => void confirm()}
              disabled={busy || preview.tasks.length === 0 || (sameAs !== null && !copyConfirmed)}
            >
              {sameAs ? '仍然导入' : '确认导入'}
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
