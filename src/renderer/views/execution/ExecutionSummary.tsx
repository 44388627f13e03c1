import type { ExecutionView } from '../../../shared/execution';
import { formatPercent, formatStatedPercent, formatWan } from '../../format';

/**
 * In 万元, as the grid beside it (one money unit per view). The year so far against the floor, and each method's year end: projected share, whether it reaches the floor,
 * and the least further 民生 spending (in all and per remaining month) that reaches it — each method stated.
 */
export function ExecutionSummary({ view }: { view: ExecutionView }): React.JSX.Element | null {
  const p = view.projection;
  if (!p) return null;
  const floor = formatStatedPercent(p.floor);
  const tone = p.ytd.meetsFloor ? 'pass' : 'fail';
  const available = p.methods.filter((m) => m.available);
  const verdict = p.range.meetsInAll
    ? `三种方法预计年底均达到${floor}`
    : p.range.meetsInNone
      ? `三种方法预计年底均达不到${floor}`
      : `预计年底能否达到${floor}取决于后几个月的支出`;
  return (
    <>
      <section className={`execution-ytd ${tone}`} aria-label="累计民生支出占比" data-testid="execution-ytd">
        <div className="label">{view.report?.label} 民生支出占比</div>
        <div className="value" data-testid="execution-share">
          {formatPercent(p.ytd.share)}
        </div>
        <div className="verdict">
          {p.ytd.meetsFloor ? '✔ 达到底线' : '✘ 低于底线'}（{floor}）
        </div>
        <dl>
          <div>
            <dt>累计支出（万元）</dt>
            <dd>{formatWan(p.ytd.totalFen)}</dd>
          </div>
          <div>
            <dt>其中民生（万元）</dt>
            <dd>{formatWan(p.ytd.livelihoodFen)}</dd>
          </div>
          <div>
            <dt>序时进度</dt>
            <dd title={view.schedule.asOf}>{formatPercent(view.schedule.elapsed)}</dd>
          </div>
          <div>
            <dt>预算执行率</dt>
            <dd>{formatPercent(view.executionRate)}</dd>
          </div>
        </dl>
      </section>
      <section className="execution-projections" aria-label="年底预计" data-testid="execution-projections">
        <table className="compare-table">
          {/* one money unit in the view: the grid below is in 万元 too */}
          <caption className="unit-note">单位：万元</caption>
          <thead>
            <tr>
              <th>年底预计（方法）</th>
              <th>全年支出</th>
              <th>民生支出</th>
              <th>民生占比</th>
              <th title="按该方法预计的非民生支出，年底前至少还要支出的民生支出（已按分向上取整）">年底前还需民生</th>
              <th>平均每月</th>
            </tr>
          </thead>
          <tbody>
            {p.methods.map((m) =>
              m.available ? (
                <tr key={m.method} data-method={m.method}>
                  <th title={m.description}>
                    {m.label}
                    <small>{m.description}</small>
                  </th>
                  <td className="num">{formatWan(m.totalFen)}</td>
                  <td className="num">{formatWan(m.livelihoodFen)}</td>
                  <td className={`num ${m.meetsFloor ? 'pass' : 'fail'}`}>
                    {formatPercent(m.share)} {m.meetsFloor ? '✔' : '✘'}
                  </td>
                  <td className="num">{formatWan(m.furtherLivelihoodNeededFen)}</td>
                  <td className="num">{m.perMonthNeededFen === null ? '—' : formatWan(m.perMonthNeededFen)}</td>
                </tr>
              ) : (
                <tr key={m.method} data-method={m.method} className="unavailable">
                  <th>{m.label}</th>
                  <td colSpan={5}>{m.reason}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        <p className="execution-range" data-testid="execution-range">
          预计年底民生占比{' '}
          <strong>
            {formatPercent(p.range.low)}～{formatPercent(p.range.high)}
          </strong>
          （{available.length}种方法）：{verdict}。{p.remainingMonths > 0 ? `剩余${p.remainingMonths}个月。` : '全年已结束。'}
        </p>
      </section>
    </>
  );
}
