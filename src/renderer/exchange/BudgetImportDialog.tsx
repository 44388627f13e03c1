import { useEffect, useState } from 'react';
import type { BudgetInspect, BudgetMapped, BudgetMappingInput } from '../../shared/exchange';
import { Dialog } from '../components/Dialog';
import { formatWan } from '../format';
import { call } from '../services/api';
import { useBudgetStore } from '../stores/budget-store';
import { useUiStore } from '../stores/ui-store';
import { ColumnSelect, encodingNote, HeaderRowInput, ProblemList, UnitSelect } from './mapping-fields';
import { afterImport } from './run-exchange';

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
        setMapping(
          result.guess ?? { sheet: result.sheets[0]?.name ?? '', headerRow: 0, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit: 'wan' },
        );
      },
      (error: unknown) => {
        useUiStore.getState().showError(error);
        close();
      },
    );
  }, []);

  useEffect(() => {
    if (!inspect || !mapping) return;
    call('budget-import-preview', { token: inspect.token, mapping }).then(setMapped, (error: unknown) =>
      useUiStore.getState().showError(error),
    );
  }, [inspect, mapping]);

  if (!inspect || !mapping) return <div className="busy-overlay">正在读取文件…</div>;
  const sheet = inspect.sheets.find((s) => s.name === mapping.sheet) ?? inspect.sheets[0];
  const headers = sheet?.preview[mapping.headerRow] ?? [];
  const set = (patch: Partial<BudgetMappingInput>): void => setMapping({ ...mapping, ...patch });
  const columnSelect = (label: string, key: 'codeColumn' | 'nameColumn' | 'amountColumn') => (
    <ColumnSelect label={label} value={mapping[key]} headers={headers} onChange={(column) => set({ [key]: column ?? 0 })} />
  );
  const apply = async (): Promise<void> => {
    const baseline = await useUiStore
      .getState()
      .track(() => call('budget-import-apply', { token: inspect.token, mapping, baselineName: name }));
    if (baseline) {
      close();
      await useBudgetStore.getState().select(baseline.id);
      await afterImport(`已导入预算表“${inspect.fileName}”为新基线“${baseline.name}”（${baseline.lineCount}行）。原基线保留。`);
    }
  };
  return (
    <Dialog
      title={`导入预算表 —— ${inspect.fileName}${encodingNote(inspect.encoding)}`}
      onClose={close}
      testId="budget-import-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button
            type="button"
            className="primary"
            disabled={!mapped || mapped.problems.length > 0 || mapped.count === 0}
            onClick={() => void apply()}
          >
            导入为新基线
          </button>
        </>
      }
    >
      <div className="form-row">
        <label>
          工作表
          <select value={mapping.sheet} onChange={(e) => set({ sheet: e.target.value })} aria-label="工作表">
            {inspect.sheets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}（{s.rowCount}行）
              </option>
            ))}
          </select>
        </label>
        <HeaderRowInput value={mapping.headerRow} onChange={(headerRow) => set({ headerRow })} />
        {columnSelect('科目编码', 'codeColumn')}
        {columnSelect('科目名称', 'nameColumn')}
        {columnSelect('金额', 'amountColumn')}
        <UnitSelect value={mapping.unit} onChange={(unit) => set({ unit })} />
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
          <ProblemList problems={mapped.problems} />
          <div className="pick-table">
            <table>
              <thead>
                <tr>
                  <th>科目编码</th>
                  <th>科目名称</th>
                  <th className="num">金额（万元）</th>
                </tr>
              </thead>
              <tbody>
                {mapped.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{l.code}</td>
                    <td>{l.name}</td>
                    <td className="num">{formatWan(l.amountFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Dialog>
  );
}
