import { useEffect, useState } from 'react';
import type { BudgetInspect, BudgetMapped, BudgetMappingInput } from '../../shared/exchange';
import { Dialog } from '../components/Dialog';
import { formatWan } from '../format';
import { call } from '../services/api';
import { useBudgetStore } from '../stores/budget-store';
import { useUiStore } from '../stores/ui-store';
import { afterImport } from './run-exchange';

const UNITS = { yuan: '元', wan: '万元', yi: '亿元' } as const;

/** 导入预算表: the user's own sheet (or CSV) — pick sheet and header row, map the columns, preview, apply as a new baseline. */
export function BudgetImportDialog(): React.JSX.Element | null {
  const close = (): void => useUiStore.getState().setExchange(null);
  const [inspect, setInspect] = useState<BudgetInspect | null>(null);
  const [mapping, setMapping] = useState<BudgetMappingInput | null>(null);
  const [mapped, setMapped] = useState<BudgetMapped | null>(null);
  const [name, setName] = useState('');

  useEffect(() => {
    call('budget-import-inspect', {}).then(
      (result) => {
        if (!result) return close();
        setInspect(result);
        setName(result.fileName.replace(/\.[^.]+$/, ''));
        setMapping(result.guess ?? { sheet: result.sheets[0]?.name ?? '', headerRow: 0, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit: 'wan' });
      },
      (error: unknown) => {
        useUiStore.getState().showError(error);
        close();
      },
    );
  }, []);

  useEffect(() => {
    if (!inspect || !mapping) return;
    call('budget-import-preview', { token: inspect.token, mapping }).then(setMapped, (error: unknown) => useUiStore.getState().showError(error));
  }, [inspect, mapping]);

  if (!inspect || !mapping) return <div className="busy-overlay">正在读取文件…</div>;
  const sheet = inspect.sheets.find((s) => s.name === mapping.sheet) ?? inspect.sheets[0];
  const headers = sheet?.preview[mapping.headerRow] ?? [];
  const set = (patch: Partial<BudgetMappingInput>): void => setMapping({ ...mapping, ...patch });
  const columnSelect = (label: string, key: 'codeColumn' | 'nameColumn' | 'amountColumn') => (
    <label>
      {label}
      <select value={mapping[key]} onChange={(e) => set({ [key]: Number(e.target.value) })} aria-label={label}>
        {headers.map((h, i) => (
          <option key={i} value={i}>
            {String.fromCharCode(65 + i)}列 {h}
          </option>
        ))}
      </select>
    </label>
  );
  const apply = async (): Promise<void> => {
    const baseline = await useUiStore.getState().track(() => call('budget-import-apply', { token: inspect.token, mapping, baselineName: name }));
    if (baseline) {
      close();
      await useBudgetStore.getState().select(baseline.id);
      await afterImport(`已导入预算表“${inspect.fileName}”为新基线“${baseline.name}”（${baseline.lineCount}行）。原基线保留。`);
    }
  };
  return (
    <Dialog
      title={`导入预算表 —— ${inspect.fileName}${inspect.encoding !== 'xlsx' ? `（${inspect.encoding.toUpperCase()}编码）` : ''}`}
      onClose={close}
      testId="budget-import-dialog"
      footer={
        <>
          <button type="button" onClick={close}>取消</button>
          <button type="button" className="primary" disabled={!mapped || mapped.problems.length > 0 || mapped.count === 0} onClick={() => void apply()}>
            导入为新基线
          </button>
        </>
      }
    >
      <div className="form-row">
        <label>
          工作表
          <select value={mapping.sheet} onChange={(e) => set({ sheet: e.target.value })} aria-label="工作表">
            {inspect.sheets.map((s) => <option key={s.name} value={s.name}>{s.name}（{s.rowCount}行）</option>)}
          </select>
        </label>
        <label>
          表头在第
          <input type="number" min={1} max={15} value={mapping.headerRow + 1} onChange={(e) => set({ headerRow: Math.max(0, Number(e.target.value) - 1) })} aria-label="表头行" style={{ width: 56 }} />
          行
        </label>
        {columnSelect('科目编码', 'codeColumn')}
        {columnSelect('科目名称', 'nameColumn')}
        {columnSelect('金额', 'amountColumn')}
        <label>
          金额单位
          <select value={mapping.unit} onChange={(e) => set({ unit: e.target.value as BudgetMappingInput['unit'] })} aria-label="金额单位">
            {Object.entries(UNITS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
      </div>
      <label className="field">
        新基线名称
        <input value={name} onChange={(e) => setName(e.target.value)} aria-label="新基线名称" />
      </label>
      {mapped && (
        <>
          <p data-testid="budget-import-total">
            识别 {mapped.count} 行，合计 {formatWan(mapped.totalFen)} 万元
            {mapped.skipped > 0 ? `；跳过合计/小计行 ${mapped.skipped} 行` : ''}
          </p>
          {mapped.problems.length > 0 && (
            <div className="problems" role="alert">
              <strong>{mapped.problems.length} 处问题（全部改正后才能导入）：</strong>
              <ul>{mapped.problems.slice(0, 50).map((p, i) => <li key={i}>{p.where ? `${p.where}：` : ''}{p.message}</li>)}</ul>
            </div>
          )}
          <div className="pick-table">
            <table>
              <thead><tr><th>科目编码</th><th>科目名称</th><th className="num">金额（万元）</th></tr></thead>
              <tbody>
                {mapped.lines.map((l, i) => <tr key={i}><td>{l.code}</td><td>{l.name}</td><td className="num">{formatWan(l.amountFen)}</td></tr>)}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Dialog>
  );
}
