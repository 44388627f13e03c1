import { useState } from 'react';
import type { ExecutionView } from '../../../shared/execution';
import { ClassPicker } from '../../components/ClassPicker';
import { Dialog } from '../../components/Dialog';
import { call } from '../../services/api';
import { useExecutionStore } from '../../stores/execution-store';

/** A budget's 民生 classification: the workbook's setting, or its own (a county may count 民生 differently). */
export function BudgetClassesDialog({ view, onClose }: { view: ExecutionView; onClose(): void }): React.JSX.Element | null {
  const budget = view.budget;
  const [own, setOwn] = useState(budget?.ownClasses !== null);
  const [classes, setClasses] = useState<Set<string>>(() => new Set(view.settings.livelihoodClasses));
  if (!budget) return null;
  const save = async (): Promise<void> => {
    const saved = await useExecutionStore
      .getState()
      .mutate(() => call('execution-budget-update', { budgetId: budget.id, livelihoodClasses: own ? [...classes] : null }));
    if (saved) onClose();
  };
  return (
    <Dialog
      title={`“${budget.name}”的民生支出口径`}
      onClose={onClose}
      testId="budget-classes-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            保存
          </button>
        </>
      }
    >
      <div className="form-row">
        <label>
          <input type="radio" checked={!own} onChange={() => setOwn(false)} />
          与工作簿的口径相同（在“预算与情景”中设置）
        </label>
        <label>
          <input type="radio" checked={own} onChange={() => setOwn(true)} />
          本地区单独的口径
        </label>
      </div>
      {own && <ClassPicker classes={classes} onChange={setClasses} />}
      <p className="hint">底线比例（{(view.settings.floor * 100).toFixed(0)}%）对所有地区相同，在“预算与情景”中修改。</p>
    </Dialog>
  );
}
