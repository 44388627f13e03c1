import { useState } from 'react';
import { FUNCTION_CLASSES_2017, LIVELIHOOD_PRESETS, presetOf } from '../../../core/budget/classification';
import type { BudgetView } from '../../../shared/budget';
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
  const preset = presetOf([...classes]);
  const toggle = (code: string): void => {
    const next = new Set(classes);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setClasses(next);
  };
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
          <button type="button" onClick={onClose}>取消</button>
          <button type="button" className="primary" onClick={() => void save()}>保存</button>
        </>
      }
    >
      <div className="form-row">
        <label>
          底线比例（%）
          <input value={floorPercent} onChange={(e) => setFloorPercent(e.target.value)} inputMode="decimal" aria-label="底线比例" />
        </label>
        {Object.values(LIVELIHOOD_PRESETS).map((p) => (
          <button key={p.id} type="button" className={preset === p.id ? 'active' : ''} onClick={() => setClasses(new Set(p.classes))}>
            {p.label}
          </button>
        ))}
        <span className="badge">{preset === 'custom' ? '自定义口径' : LIVELIHOOD_PRESETS[preset].label}</span>
      </div>
      <p className="hint">{preset === 'custom' ? '自定义口径：勾选的功能分类计入民生支出。' : LIVELIHOOD_PRESETS[preset].source}</p>
      <div className="class-grid">
        {FUNCTION_CLASSES_2017.map((c) => (
          <label key={c.code} title={c.laterName ? `现称${c.laterName}` : undefined}>
            <input type="checkbox" checked={classes.has(c.code)} onChange={() => toggle(c.code)} />
            {c.code} {c.name}
          </label>
        ))}
      </div>
      <p className="hint">单个预算行可在“民生”列中手工指定“是/否”，不受口径影响。</p>
    </Dialog>
  );
}
