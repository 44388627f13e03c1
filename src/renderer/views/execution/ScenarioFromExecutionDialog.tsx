import { useState } from 'react';
import type { ExecutionView } from '../../../shared/execution';
import { Dialog } from '../../components/Dialog';
import { formatPercent } from '../../format';
import { call } from '../../services/api';
import { useBudgetStore } from '../../stores/budget-store';
import { useExecutionStore } from '../../stores/execution-store';
import { useUiStore } from '../../stores/ui-store';

/**
 * 按执行进度生成情景: pick a method (the cautious one — the lowest projected share — is proposed); the new
 * scenario opens in 预算与情景, where goal seek, breakback and sensitivity work on the projected year.
 */
export function ScenarioFromExecutionDialog({ view, onClose }: { view: ExecutionView; onClose(): void }): React.JSX.Element | null {
  const methods = (view.projection?.methods ?? []).filter((m) => m.available);
  const cautious = [...methods].sort((a, b) => (a.share ?? 0) - (b.share ?? 0))[0];
  const [method, setMethod] = useState(cautious?.method ?? 'planned');
  const { budget, report } = view;
  if (!budget || !report) return null;
  const create = async (): Promise<void> => {
    const created = await useExecutionStore
      .getState()
      .mutate(() => call('execution-scenario-create', { budgetId: budget.id, year: report.year, month: report.month, method }));
    if (!created) return;
    onClose();
    useUiStore.getState().setView('budget');
    await useBudgetStore.getState().load(created.scenario.id);
    useUiStore
      .getState()
      .showInfo(
        `已生成情景“${created.scenario.name}”（基线“${created.baseline.name}”）：金额为年底预计数，可继续做目标求解、分摊和敏感性分析。`,
      );
  };
  return (
    <Dialog
      title="按执行进度生成情景"
      width="narrow"
      onClose={onClose}
      testId="execution-scenario-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void create()} disabled={methods.length === 0}>
            生成情景
          </button>
        </>
      }
    >
      <p>
        以“{budget.name}”{report.label}执行表为据：基线为各科目预算数，情景金额为所选方法推算的全年支出。
      </p>
      {methods.map((m) => (
        <label key={m.method} className="method-choice" title={m.description}>
          <input type="radio" name="projection-method" checked={method === m.method} onChange={() => setMethod(m.method)} />
          <span>
            <strong>{m.label}</strong>：预计民生占比 {formatPercent(m.share)}
            {m.method === cautious?.method ? '（最谨慎）' : ''}
            <small>{m.description}</small>
          </span>
        </label>
      ))}
    </Dialog>
  );
}
