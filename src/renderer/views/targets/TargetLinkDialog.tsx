import { useEffect, useState } from 'react';
import type { ScenarioSummary } from '../../../shared/budget';
import type { TargetRow } from '../../../shared/grid';
import { Dialog } from '../../components/Dialog';
import { call } from '../../services/api';
import { scenarioKindLabel } from '../../stores/budget-store';
import { useTargetStore } from '../../stores/target-store';
import { useUiStore } from '../../stores/ui-store';

type Choice = 'typed' | 'current' | number;

/**
 * 实际值取自…: a share target (一般公共预算民生支出比例不低于70%) takes its actual from the budget — the current
 * baseline, or one scenario — and fills itself; or back to typing it.
 */
export function TargetLinkDialog({ target, onClose }: { target: TargetRow; onClose(): void }): React.JSX.Element {
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const [choice, setChoice] = useState<Choice>(target.link ? (target.link.scenarioId ?? 'current') : 'current');
  useEffect(() => {
    // the list only: the budget's lines (100,000 in a big workbook) are not needed to pick a scenario
    call('scenario-list', {}).then(
      (scenarios) => setScenarios(scenarios.filter((s) => s.kind !== 'snapshot')),
      (error: unknown) => useUiStore.getState().showError(error),
    );
  }, []);
  const save = async (): Promise<void> => {
    const link = choice === 'typed' ? null : { source: 'budget_share' as const, scenarioId: choice === 'current' ? null : choice };
    const stored = await useTargetStore.getState().setLink(target.id, link);
    if (stored) onClose();
  };
  const canLink = target.baseUnit === 'ratio' && target.relativeToYear === null;
  return (
    <Dialog
      title="实际值取自…"
      width="narrow"
      onClose={onClose}
      testId="target-link-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            确定
          </button>
        </>
      }
    >
      <p>
        指标：<strong>{target.label}</strong>（{target.comparator === '<=' ? '≤' : '≥'} {target.value ?? ''}
        {target.unit}）
      </p>
      {!canLink && <p className="hint">该指标不是以%计的比例，只能手填实际值。</p>}
      <fieldset className="choices" disabled={!canLink}>
        <legend>实际值</legend>
        <label>
          <input type="radio" name="link" checked={choice === 'typed'} onChange={() => setChoice('typed')} />
          手工填写
        </label>
        <label>
          <input type="radio" name="link" checked={choice === 'current'} onChange={() => setChoice('current')} />
          当前预算基线的民生支出占比（导入新的预算后自动改用新基线）
        </label>
        {scenarios.map((s) => (
          <label key={s.id}>
            <input type="radio" name="link" checked={choice === s.id} onChange={() => setChoice(s.id)} />
            情景“{s.name}”的民生支出占比<small>（{scenarioKindLabel(s)}）</small>
          </label>
        ))}
      </fieldset>
      <p className="hint">关联后实际值随预算自动更新，并注明来源；完成率和进度状态照常计算。取消关联后恢复为手填（原先手填的值仍保留）。</p>
    </Dialog>
  );
}
