import type { BudgetView } from '../../../shared/budget';
import { formatPercent, formatStatedPercent, formatWan } from '../../format';

interface FloorPanelProps {
  metrics: BudgetView['metrics'];
  settings: BudgetView['settings'];
  onOpenSettings(): void;
}

/**
 * The floor figures for the scenario on screen: share, pass/fail and what each suggested amount means — in 万元,
 * the unit of the grid beside it (one money unit per view).
 */
export function FloorPanel({ metrics, settings, onOpenSettings }: FloorPanelProps): React.JSX.Element {
  const tone = metrics.status === 'meets' ? 'pass' : metrics.status === 'below' ? 'fail' : 'neutral';
  const rows: [string, string, string][] = [
    ['支出合计 T', formatWan(metrics.totalFen), '一般公共预算支出'],
    ['民生支出 L', formatWan(metrics.livelihoodFen), '按当前口径'],
    ['余量 L − fT', formatWan(metrics.headroomFen), '为负表示低于底线'],
    ['还可增加非民生支出', formatWan(metrics.maxNonLivelihoodAdditionFen), 'L/f − T'],
    ['恢复底线需增民生支出', formatWan(metrics.minLivelihoodIncreaseFen), '(fT − L)/(1 − f)'],
    ['民生支出最多可减', formatWan(metrics.maxLivelihoodCutFen), '(L − fT)/(1 − f)'],
  ];
  return (
    <aside className="floor-panel" aria-label="民生支出底线" data-testid="floor-panel">
      <div className={`floor-share ${tone}`}>
        <div className="label">民生支出占比</div>
        <div className="value" data-testid="floor-share">
          {formatPercent(metrics.share)}
        </div>
        <div className="verdict" data-testid="floor-verdict">
          {metrics.status === 'meets' ? '✔ 达到底线' : metrics.status === 'below' ? '✘ 低于底线' : '无法判断'}
          <span className="floor-value">（底线 {formatStatedPercent(metrics.floor)}）</span>
        </div>
      </div>
      <p className="floor-message">{metrics.message}</p>
      <dl className="floor-figures" aria-label="底线测算（单位：万元）">
        <div className="floor-unit">
          <dt>底线测算</dt>
          <dd>单位：万元</dd>
        </div>
        {rows.map(([label, value, hint]) => (
          <div key={label} title={hint}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="floor-note">建议金额已按“分”向安全方向取整：照此调整可恰好保持或达到底线。</p>
      <div className="floor-source">
        <strong>口径：</strong>
        {settings.source}
        <button type="button" className="link" onClick={onOpenSettings}>
          修改口径与底线…
        </button>
      </div>
    </aside>
  );
}
