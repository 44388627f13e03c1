import type { EChartsCoreOption } from 'echarts/core';
import type { ExecutionView } from '../../../shared/execution';

/**
 * The year-to-date 民生 share month by month: this year's reported months, last year's for comparison, the floor
 * as a line, and from the latest month to December the band the projections span (a transparent lower series
 * with the band's height stacked on it).
 */
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const percent = (ratio: number | null): number | null => (ratio === null ? null : Number((ratio * 100).toFixed(2)));

export function shareChart(view: ExecutionView, options: { title?: boolean } = {}): EChartsCoreOption {
  const floor = view.settings.floor * 100;
  const { actual, lastYear, bandLow, bandHigh } = view.chart;
  const values = [...actual, ...lastYear, ...bandLow, ...bandHigh].filter((v): v is number => v !== null).map((v) => v * 100);
  const low = Math.max(0, Math.floor(Math.min(floor, ...values) - 3));
  const high = Math.min(100, Math.ceil(Math.max(floor, ...values) + 3));
  return {
    ...(options.title === false ? {} : { title: { text: '民生支出累计占比（按月）', textStyle: { fontSize: 13 } } }),
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const line = (label: string, value: number | null | undefined): string =>
          value === null || value === undefined ? '' : `<br/>${label}：${(value * 100).toFixed(2)}%`;
        const band =
          bandLow[i] !== null && bandLow[i] !== undefined
            ? `<br/>预计区间：${((bandLow[i] ?? 0) * 100).toFixed(2)}%～${((bandHigh[i] ?? 0) * 100).toFixed(2)}%`
            : '';
        return `${MONTHS[i]}${line('本年累计', actual[i])}${line(`${view.lastYear?.year ?? '上'}年同期`, lastYear[i])}${band}<br/>底线：${floor.toFixed(0)}%`;
      },
    },
    legend: { bottom: 0, textStyle: { fontSize: 11 }, data: ['本年累计', '上年同期', '年底预计区间'] },
    grid: { left: 44, right: 16, top: options.title === false ? 12 : 32, bottom: 44 },
    xAxis: { type: 'category', data: MONTHS, boundaryGap: false, axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', min: low, max: high, axisLabel: { formatter: '{value}%', fontSize: 11 } },
    series: [
      {
        name: '预计下限',
        type: 'line',
        stack: 'band',
        data: bandLow.map(percent),
        lineStyle: { opacity: 0 },
        symbol: 'none',
        silent: true,
      },
      {
        name: '年底预计区间',
        type: 'line',
        stack: 'band',
        data: bandHigh.map((v, i) =>
          v === null || bandLow[i] === null ? null : Number((((v ?? 0) - (bandLow[i] ?? 0)) * 100).toFixed(2)),
        ),
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(224, 168, 0, 0.28)' },
        itemStyle: { color: 'rgba(224, 168, 0, 0.6)' },
        symbol: 'none',
      },
      {
        name: '上年同期',
        type: 'line',
        data: lastYear.map(percent),
        lineStyle: { type: 'dashed', color: '#8a96a6', width: 1.5 },
        itemStyle: { color: '#8a96a6' },
        symbolSize: 4,
      },
      {
        name: '本年累计',
        type: 'line',
        data: actual.map(percent),
        lineStyle: { color: '#1f5fa8', width: 2.5 },
        itemStyle: { color: '#1f5fa8' },
        symbolSize: 6,
        label: {
          show: true,
          fontSize: 10,
          formatter: (p: { dataIndex: number; value: number | null }) =>
            p.dataIndex === (view.report?.month ?? 0) - 1 && p.value !== null ? `${p.value}%` : '',
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#b3261e', type: 'dashed', width: 2 },
          label: { formatter: `底线 ${floor.toFixed(0)}%`, position: 'insideEndTop', color: '#b3261e' },
          data: [{ yAxis: floor }],
        },
      },
    ],
  };
}
