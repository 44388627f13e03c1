import { useState } from 'react';
import type { ProgressSettings } from '../../../shared/grid';
import { Dialog } from '../../components/Dialog';
import { useTargetStore } from '../../stores/target-store';

/** The as-of date for 序时进度 and the red/yellow thresholds, in percentage points behind schedule. */
export function ProgressSettingsDialog({ settings, onClose }: { settings: ProgressSettings; onClose(): void }): React.JSX.Element {
  const [asOf, setAsOf] = useState(settings.asOf);
  const [yellow, setYellow] = useState(String(settings.yellowPoints));
  const [red, setRed] = useState(String(settings.redPoints));
  const save = async (): Promise<void> => {
    await useTargetStore.getState().updateProgressSettings({ asOf, yellowPoints: Number(yellow), redPoints: Number(red) });
    onClose();
  };
  return (
    <Dialog
      title="序时进度与红黄灯"
      width="narrow"
      onClose={onClose}
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
      <p className="hint">
        序时进度＝计划年度已过去的比例。完成率落后序时进度达到黄灯阈值的标黄，达到红灯阈值的标红；“≤”类指标超过上限、或已过截止日期仍未达成的标红。
      </p>
      <label className="field">
        进度基准日（留空：计划年度内为今天，往年计划为该年12月31日；当前按 {settings.effectiveAsOf}）
        <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-label="进度基准日" />
      </label>
      <label className="field">
        黄灯：落后序时进度（百分点）≥
        <input value={yellow} onChange={(e) => setYellow(e.target.value)} inputMode="numeric" aria-label="黄灯阈值" />
      </label>
      <label className="field">
        红灯：落后序时进度（百分点）≥
        <input value={red} onChange={(e) => setRed(e.target.value)} inputMode="numeric" aria-label="红灯阈值" />
      </label>
    </Dialog>
  );
}
