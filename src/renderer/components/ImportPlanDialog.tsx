import { useState } from 'react';
import type { ParsedPlan, ParsedTarget } from '../../shared/plan';
import { call } from '../services/api';
import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';

const COMPARATOR_SIGNS: Record<ParsedTarget['comparator'], string> = { '>=': '≥', '<=': '≤', '=': '=', range: '区间' };

function describeTarget(target: ParsedTarget): string {
  const amount = target.comparator === 'range' ? `${target.min}～${target.max}${target.baseUnit}` : `${target.value}${target.unit}`;
  const approx = target.approx ? '约' : '';
  const baseline = target.baseline !== null ? `（基期 ${target.baseline}）` : '';
  const relative = target.relativeToYear !== null ? `（较${target.relativeToYear}年）` : '';
  return `${target.label} ${COMPARATOR_SIGNS[target.comparator]} ${approx}${amount}${baseline}${relative}`;
}

/** 文件 → 导入计划文本…: read, preview everything the parser found, write only on confirmation. */
export function ImportPlanDialog(): React.JSX.Element {
  const close = (): void => useUiStore.getState().setImportOpen(false);
  const [source, setSource] = useState<{ name: string; text: string } | null>(null);
  const [pasted, setPasted] = useState('');
  const [preview, setPreview] = useState<ParsedPlan | null>(null);
  const [busy, setBusy] = useState(false);
  // the same text is already in the workbook: say so, and import only when the user ticks that a copy is wanted
  const [sameAs, setSameAs] = useState<string | null>(null);
  const [copyConfirmed, setCopyConfirmed] = useState(false);

  const parse = async (name: string, text: string): Promise<void> => {
    setSource({ name, text });
    const [parsed, same] = await Promise.all([call('plan-parse', { text }), call('plan-find-same', { text })]);
    setSameAs(same?.message ?? null);
    setCopyConfirmed(false);
    setPreview(parsed);
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
    if (file) await parse(file.name, file.text);
  });
  const parsePasted = guarded(() => parse('粘贴的文本', pasted));
  const confirm = guarded(async () => {
    if (!source) return;
    const result = await useUiStore.getState().track(() =>
      call('plan-import', { text: source.text, sourceName: source.name, ...(sameAs && copyConfirmed ? { allowDuplicate: true } : {}) }),
    );
    if (!result) return;
    await useTaskStore.getState().load();
    await useTaskStore.getState().refreshHistory();
    useUiStore.getState().showInfo(`已导入“${preview?.title ?? source.name}”：${result.tasks} 项任务，${result.targets} 个指标。`);
    close();
  });

  const targetCount = preview ? preview.tasks.reduce((n, task) => n + task.targets.length, preview.keyWork.targets.length) : 0;

  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label="导入计划文本">
      <div className="dialog">
        <header>
          <h2>导入计划文本</h2>
          <button type="button" onClick={close} aria-label="关闭">×</button>
        </header>
        {!preview && (
          <div className="dialog-body">
            <p>选择实施计划的文本文件（UTF-8 或 GBK/GB18030 编码均可），或把全文粘贴到下面。导入前会先显示识别结果。</p>
            <button type="button" onClick={() => void pickFile()} disabled={busy}>选择文件…</button>
            <textarea value={pasted} onChange={(event) => setPasted(event.target.value)} placeholder="在此粘贴计划全文" rows={10} aria-label="计划全文" />
            <button type="button" onClick={() => void parsePasted()} disabled={busy || pasted.trim() === ''}>识别粘贴的文本</button>
          </div>
        )}
        {preview && (
          <div className="dialog-body preview" data-testid="plan-preview">
            <p className="summary">
              <strong>{preview.title}</strong> {preview.docNo} {preview.date} — {preview.domains.length} 个领域，{preview.tasks.length} 项任务，{targetCount} 个量化指标，{preview.units.length} 个责任单位
            </p>
            {sameAs && (
              <div className="duplicate-warning" data-testid="plan-duplicate" role="alert">
                {sameAs}
                <label>
                  <input type="checkbox" checked={copyConfirmed} onChange={(event) => setCopyConfirmed(event.target.checked)} /> 我确认要再导入一份
                </label>
              </div>
            )}
            {preview.conflicts.length > 0 && (
              <section className="conflicts">
                <h3>需要核对的冲突（{preview.conflicts.length}）</h3>
                <ul>
                  {preview.conflicts.map((conflict) => (
                    <li key={conflict.label}>
                      “{conflict.label}”在不同位置数值不同：{conflict.values.join(' / ')}（{conflict.places.join('；')}）
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {preview.warnings.length > 0 && (
              <section className="warnings">
                <h3>提示（{preview.warnings.length}）</h3>
                <ul>{preview.warnings.map((warning) => <li key={warning}>{warning}</li>)}</ul>
              </section>
            )}
            <section>
              {preview.domains.map((domain) => (
                <details key={domain.ordinal} open={domain.ordinal === 1}>
                  <summary>（{domain.ordinal}）{domain.name}</summary>
                  <ul>
                    {preview.tasks
                      .filter((task) => task.domain === domain.ordinal)
                      .map((task) => (
                        <li key={task.number}>
                          {task.number}. {task.title}
                          <span className="owners">
                            牵头：{task.owners.filter((o) => o.role === 'lead').map((o) => o.unit).join('、') || '—'}；配合：
                            {task.owners.filter((o) => o.role === 'co').map((o) => o.unit).join('、') || '—'}
                          </span>
                          {task.targets.length > 0 && (
                            <ul className="targets">
                              {task.targets.map((target) => <li key={target.offset}>{describeTarget(target)}</li>)}
                            </ul>
                          )}
                        </li>
                      ))}
                  </ul>
                </details>
              ))}
            </section>
          </div>
        )}
        <footer>
          {preview && <button type="button" onClick={() => setPreview(null)} disabled={busy}>返回</button>}
          <button type="button" onClick={close} disabled={busy}>取消</button>
          {preview && (
            <button type="button" className="primary" onClick={() => void confirm()} disabled={busy || preview.tasks.length === 0 || (sameAs !== null && !copyConfirmed)}>
              {sameAs ? '仍然导入' : '确认导入'}
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
