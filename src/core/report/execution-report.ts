import { formatWan } from '../budget/money';
import { EXECUTION_LIGHT_LABELS } from '../execution/analysis';
import { periodLabel } from '../execution/period';
import type { ExecutionView } from '../../shared/execution';
import { EXECUTION_EXAMPLE_LABEL } from '../execution/example-execution';
import { REPORT_TITLES, type ReportModel } from './report-model';
import { reconcileWan } from './reconcile';

/**
 * 民生支出执行情况: one budget's execution for one period, in the reports' style — by class against the time
 * schedule, the 民生 share so far and as each method projects it, and what 民生 spending the floor still needs.
 * Money in 万元; every 合计 reconciled (尾差).
 */

const pct = (ratio: number | null): string => (ratio === null ? '—' : `${(ratio * 100).toFixed(2)}%`);
const points = (value: number | null): string =>
  value === null ? '—' : `${value > 0 ? '落后' : '领先'}${Math.abs(value).toFixed(1)}个百分点`;

export function executionReport(view: ExecutionView): ReportModel {
  const { budget, report, projection } = view;
  if (!budget || !report || !projection) throw new Error('no execution report to print');
  const label = periodLabel(report);
  const budgetColumn = reconcileWan(view.classes.map((c) => c.budgetFen));
  const spentColumn = reconcileWan(view.classes.map((c) => c.cumulativeFen));
  const methods = projection.methods.filter((m) => m.available);
  const floorText = pct(projection.floor);
  return {
    kind: 'execution',
    title: REPORT_TITLES.execution,
    subtitle: `${budget.name}　${label}　序时进度 ${pct(view.schedule.elapsed)}（${view.schedule.asOf}）`,
    unitNote: '单位：万元',
    // example figures are marked on every printed page, as the budget reports' are (report-model.ts)
    ...(budget.isExample || report.isExample ? { runningNote: `注：本页含${EXECUTION_EXAMPLE_LABEL}，仅用于演示测算方法。` } : {}),
    notes: [
      `民生支出口径：${view.settings.source}`,
      `底线：民生支出占一般公共预算支出的比例不低于${floorText}。预计数按科目逐行推算并取整到分：民生支出向下、其他支出向上，预计占比不会偏高；“还需民生支出”为按该方法预计的非民生支出，年底前至少还要支出的民生支出。`,
      ...methods.map((m) => `${m.label}：${m.description}`),
      ...projection.methods.filter((m) => !m.available).map((m) => `${m.label}：${m.reason}`),
      ...(budget.isExample || report.isExample ? [`注：${EXECUTION_EXAMPLE_LABEL}，仅用于演示测算方法。`] : []),
    ],
    tables: [
      {
        caption: '民生支出占比与年底预计',
        headers: ['项目', `${label}累计`, ...methods.map((m) => `预计全年（${m.label}）`)],
        numeric: [false, true, ...methods.map(() => true)],
        rows: [
          ['一般公共预算支出', formatWan(projection.ytd.totalFen), ...methods.map((m) => formatWan(m.totalFen))],
          ['其中：民生支出', formatWan(projection.ytd.livelihoodFen), ...methods.map((m) => formatWan(m.livelihoodFen))],
          ['民生支出占比', pct(projection.ytd.share), ...methods.map((m) => pct(m.share))],
          [
            `是否达到${floorText}`,
            projection.ytd.meetsFloor ? '达到' : '未达到',
            ...methods.map((m) => (m.meetsFloor ? '达到' : '未达到')),
          ],
          ['年底前至少还需民生支出', '—', ...methods.map((m) => formatWan(m.furtherLivelihoodNeededFen))],
          ['平均每月需民生支出', '—', ...methods.map((m) => (m.perMonthNeededFen === null ? '—' : formatWan(m.perMonthNeededFen)))],
          ['预计民生支出距底线缺口', '—', ...methods.map((m) => formatWan(m.shortfallFen))],
        ],
      },
      {
        caption: '按支出功能分类的执行进度',
        headers: ['类', '功能分类', '民生', '预算数', '累计支出', '执行率', '与序时进度比', '状态'],
        numeric: [false, false, false, true, true, true, false, false],
        rows: view.classes.map((c, i) => [
          c.classCode,
          c.className,
          c.livelihood ? '是' : '否',
          budgetColumn.parts[i] ?? '',
          spentColumn.parts[i] ?? '',
          pct(c.executionRate),
          points(c.behindPoints),
          EXECUTION_LIGHT_LABELS[c.light],
        ]),
        total: ['合计', '', '', budgetColumn.total, spentColumn.total, pct(view.executionRate), '', ''],
      },
    ],
  };
}
