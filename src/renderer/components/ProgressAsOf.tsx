import { useEffect } from 'react';
import { formatPercent } from '../format';
import { useTargetStore } from '../stores/target-store';
import { useUiStore } from '../stores/ui-store';

/**
 * The 序时进度 and its date, beside a grid whose 进度 lights are judged against it (tasks, orgs): a past plan
 * year is measured at its year end, and the reader should see that date rather than guess it. The date is set
 * in 指标 (序时进度与红黄灯).
 */
export function ProgressAsOf(): React.JSX.Element | null {
  const progress = useTargetStore((state) => state.progress);
  const loaded = useTargetStore((state) => state.loaded);
  useEffect(() => {
    if (!loaded) void useTargetStore.getState().load();
  }, [loaded]);
  if (!progress) return null;
  return (
    <button
      type="button"
      className="progress-as-of"
      data-testid="progress-as-of"
      title="“进度”按各指标完成率与序时进度的差距判断；点此到“指标”页修改基准日和红黄灯阈值"
      onClick={() => useUiStore.getState().setView('targets')}
    >
      序时进度 {formatPercent(progress.elapsed)}（截至{progress.effectiveAsOf}）
    </button>
  );
}
