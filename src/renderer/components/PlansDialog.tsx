import { useEffect, useState } from 'react';
import type { PlanSummary } from '../../shared/contract';
import { call } from '../services/api';
import { notifyWorkbookChanged } from '../stores/history-events';
import { useUiStore } from '../stores/ui-store';
import { Dialog } from './Dialog';

/**
 * 文件 → 计划管理: the plans in the workbook (the views show the newest). Deleting one is a single action:
 * Ctrl+Z brings it back with its tasks, targets and owners, and 变更记录 lists it.
 */
export function PlansDialog(): React.JSX.Element {
  const close = (): void => useUiStore.getState().setPlansOpen(false);
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  useEffect(() => {
    call('plan-list', {}).then(setPlans, (error: unknown) => useUiStore.getState().showError(error));
  }, []);
  const remove = async (plan: PlanSummary): Promise<void> => {
    const answer = await useUiStore.getState().ask({
      title: '删除计划',
      message: `删除“${plan.title}”及其 ${plan.taskCount} 项任务、${plan.targetCount} 个指标和分工？预算行与这些任务、指标的关联会一并解除。删除后可用“撤销”（Ctrl+Z）恢复，变更记录中会保留这次删除。`,
      confirmLabel: '删除',
    });
    if (answer === null) return;
    const remaining = await useUiStore.getState().track(() => call('plan-delete', { planId: plan.id }));
    if (!remaining) return;
    setPlans(remaining);
    await notifyWorkbookChanged({ historyKnown: true });
    useUiStore.getState().showInfo(`已删除计划“${plan.title}”。需要时可按 Ctrl+Z 撤销。`);
  };
  return (
    <Dialog
      title="计划管理"
      onClose={close}
      testId="plans-dialog"
      width="narrow"
      footer={
        <button type="button" onClick={close}>
          关闭
        </button>
      }
    >
      <p className="hint">工作簿中可以有多份计划，各视图显示最新导入的一份。</p>
      <table className="plans-table">
        <thead>
          <tr>
            <th>计划</th>
            <th>任务</th>
            <th>指标</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plans.map((plan, index) => (
            <tr key={plan.id} data-testid={`plan-row-${plan.id}`}>
              <td title={plan.docNo}>
                {plan.title}
                {index === plans.length - 1 && <span className="current-plan">（当前显示）</span>}
              </td>
              <td>{plan.taskCount}</td>
              <td>{plan.targetCount}</td>
              <td>
                <button
                  type="button"
                  disabled={plans.length === 1}
                  title={plans.length === 1 ? '工作簿中唯一的计划不能删除' : ''}
                  onClick={() => void remove(plan)}
                >
                  删除…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
