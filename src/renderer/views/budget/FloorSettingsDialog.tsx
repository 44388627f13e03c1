import { useState } from 'react';
import type { BudgetView } from '../../../shared/budget';
import { ClassPicker } from '../../components/ClassPicker';
import { Dialog } from '../../components/Dialog';
import { call } from '../../services/api';
import { useBudgetStore } from '../../stores/budget-store';

interface Props {
  view: BudgetView;
  onClose(): void;
}

/** Which function classes count as 民生 (a preset or a custom set) and the floor. A journaled, undoable change. */
export function FloorSettingsDialog({ view, onClose }: Props): React.JSX.Element {
  const [classes, setClasses] = useState<Set<string>>(() => new Set(view.settings.livelihoodClasses));
  const [floorPercent, setFloorPercent] = useState(String(Math.round(view.settings.floor * 10000) / 100));
  const save = async (): Promise<void> => {
    const floor = Number(floorPercent) / 100;
    const saved = await useBudgetStore.getState().mutate(() => call('budget-settings-update', { floor, livelihoodClasses: [...classes] }));
    if (saved) onClose();
  };
  return (
    <Dialog
      title="民生支出口径与底线"
      onClose={onClose}
      testId="floor-settings-dialog"
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
      <ClassPicker
        classes={classes}
        onChange={setClasses}
        leading={
          <label>
            底线比例（%）
            <input value={floorPercent} onChange={(e) => setFloorPercent(e.target.value)} inputMode="decimal" aria-label="底线比例" />
          </label>
        }
      />
      <p className="hint">单个预算行可在“民生”列中手工指定“是/否”，不受口径影响。</p>
    </Dialog>
  );
}
