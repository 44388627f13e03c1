import { WorkbenchError } from '../../../shared/result';
import { useState } from 'react';
import type { BudgetView } from '../../../shared/budget';
import { Dialog } from '../../components/Dialog';
import { formatPercent, formatWan } from '../../format';
import { call } from '../../services/api';
import { useBudgetStore } from '../../stores/budget-store';
import { useUiStore } from '../../stores/ui-store';
import { LinePicker } from './LinePicker';

interface Props {
  view: BudgetView;
  initialLineId: number | null;
  onClose(): void;
}

const VARIABLES = { amount: '金额', rate: '单价', quantity: '数量' } as const;

/** Goal seek: the exact value of one line's amount, rate or quantity that reaches a target share; saved as a new scenario. */
export function GoalSeekDialog({ view, initialLineId, onClose }: Props): React.JSX.Element {
  const [lineId, setLineId] = useState<number>(initialLineId ?? view.lines.find((l) => l.livelihood)?.id ?? view.lines[0]?.id ?? 0);
  const line = view.lines.find((l) => l.id === lineId);
  const [variable, setVariable] = useState<keyof typeof VARIABLES>('amount');
  const [sharePercent, setSharePercent] = useState(() => String(Math.max(72, Math.ceil((view.metrics.share ?? 0.7) * 100) + 1)));
  const [name, setName] = useState('');
  const suggestedName = `目标${sharePercent}%·${line?.name.slice(0, 12) ?? ''}`;

  const run = async (): Promise<void> => {
    const share = Number(sharePercent) / 100;
    if (!(share > 0 && share < 1)) {
      useUiStore.getState().showError(new WorkbenchError('bad_input', '目标占比应在0到100之间（不含），如 72。'));
      return;
    }
    const result = await useBudgetStore.getState().mutate(
      () => call('goal-seek', { scenarioId: view.scenario.id, lineId, variable, share, saveAs: name.trim() || suggestedName }),
      (r) => r.scenario.id,
    );
    if (result) {
      const value =
        variable === 'amount'
          ? `${formatWan(result.value)} 万元`
          : variable === 'rate'
            ? `${(result.value / 100).toFixed(2)} 元`
            : `${result.value}`;
      useUiStore
        .getState()
        .showInfo(
          `已另存为情景“${result.scenario.name}”：${line?.name ?? ''}的${VARIABLES[variable]}为 ${value}，民生占比 ${formatPercent(result.metrics.share)}。`,
        );
      onClose();
    }
  };

  return (
    <Dialog
      title="目标求解"
      onClose={onClose}
      width="narrow"
      testId="goal-seek-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void run()} disabled={!line}>
            求解并另存为新情景
          </button>
        </>
      }
    >
      <p className="hint">调整一行，使民生支出占比恰好达到目标（精确到分）。结果保存为新情景，当前情景不变。</p>
      <label className="field">
        调整的预算行
        <LinePicker lines={view.lines} value={lineId} onChange={setLineId} label="调整的预算行" />
      </label>
      <label className="field">
        求解的量
        <select value={variable} onChange={(e) => setVariable(e.target.value as keyof typeof VARIABLES)} aria-label="求解的量">
          <option value="amount">金额</option>
          <option value="rate" disabled={!line?.hasDriver}>
            单价（数量×单价）
          </option>
          <option value="quantity" disabled={!line?.hasDriver}>
            数量（数量×单价）
          </option>
        </select>
      </label>
      <label className="field">
        目标民生占比（%）
        <input value={sharePercent} onChange={(e) => setSharePercent(e.target.value)} inputMode="decimal" aria-label="目标民生占比" />
      </label>
      <label className="field">
        新情景名称
        <input value={name} placeholder={suggestedName} onChange={(e) => setName(e.target.value)} aria-label="新情景名称" />
      </label>
      {line && (
        <p className="hint">
          当前：{line.name} {formatWan(line.amountFen)} 万元，
          {line.livelihood ? '计入民生支出（增加它会提高占比）' : '非民生支出（减少它会提高占比）'}；情景占比{' '}
          {formatPercent(view.metrics.share)}。
        </p>
      )}
    </Dialog>
  );
}
