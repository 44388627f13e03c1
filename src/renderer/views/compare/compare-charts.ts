import type { EChartsCoreOption } from 'echarts/core';
import { groupSmallClasses } from '../../../core/budget/chart-classes';
import type { Comparison } from '../../../shared/budget';
import { formatPercent, formatStatedPercent, formatWan, percentPoints } from '../../format';

/**
 * The two charts of 情景对比, laid out for 1366×768: every scenario named under its bar (wrapped, tilted when
 * many — never skipped), the floor's label outside the bars, small classes as one 其他 and a paged legend.
 */

/**
 * Every scenario's name under its bar: wrapped to the width a bar gets (never skipped), and tilted when there
 * are many. `plotWidth` is what a chart at 1366×768 has for its bars.
 */
export function categoryAxis(names: string[], plotWidth = 400): Record<string, unknown> {
  const perName = Math.max(48, Math.floor(plotWidth / Math.max(1, names.length)) - 16);
  return {
    type: 'category',
    data: names,
    axisTick: { alignWithLabel: true },
    axisLabel: { interval: 0, fontSize: 11, width: perName, overflow: 'break', lineHeight: 13, rotate: names.length > 5 ? 30 : 0 },
  };
}

const wanAxisLabel = (value: number): string => formatWan(value * 1_000_000).replace(/\.00$/, '');

export function classChart(comparison: Comparison): EChartsCoreOption {
  const series = groupSmallClasses(
    comparison.classes.map((c) => ({
      name: `${c.classCode} ${c.className.replace(/（.*）/, '')}${c.livelihood ? '' : '（非民生）'}`,
      amounts: c.amounts.map((a) => (a === null ? null : a / 1_000_000)),
    })),
  );
  return {
    title: { text: '按功能分类的支出构成（万元）', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${wanAxisLabel(v)} 万元` },
    // a paged legend beside the bars: every class can be read, a page at a time
    legend: {
      type: 'scroll',
      orient: 'vertical',
      right: 4,
      top: 26,
      bottom: 4,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { fontSize: 11, width: 132, overflow: 'truncate' },
      tooltip: { show: true },
      pageIconSize: 10,
      pageTextStyle: { fontSize: 11 },
    },
    grid: { left: 8, right: 176, top: 34, bottom: 8, containLabel: true },
    xAxis: categoryAxis(
      comparison.scenarios.map((s) => s.name),
      340,
    ),
    yAxis: { type: 'value', axisLabel: { formatter: wanAxisLabel, fontSize: 11 } },
    series: series.map((c) => ({
      name: c.name,
      type: 'bar',
      stack: 'total',
      barMaxWidth: 56,
      data: c.amounts.map((a) => Number((a ?? 0).toFixed(2))),
    })),
  };
}

export function shareChart(comparison: Comparison): EChartsCoreOption {
  const floor = comparison.metrics[0]?.floor ?? 0.7;
  return {
    title: { text: '民生支出占比与底线', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v / 100) },
    // the floor's label sits right of the plot, where no bar or bar label can be
    grid: { left: 8, right: 64, top: 34, bottom: 8, containLabel: true },
    xAxis: categoryAxis(comparison.scenarios.map((s) => s.name)),
    yAxis: {
      type: 'value',
      min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, floor * 100) - 5)),
      max: 100,
      axisLabel: { formatter: '{value}%', fontSize: 11 },
    },
    series: [
      {
        name: '民生占比',
        type: 'bar',
        barMaxWidth: 48,
        data: comparison.metrics.map((m) => ({
          value: percentPoints(m.share),
          itemStyle: { color: m.meetsFloor ? '#2d9c6a' : '#c0392b' },
        })),
        label: { show: true, position: 'top', formatter: (p: { value: unknown }) => formatPercent(Number(p.value) / 100), fontSize: 11 },
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#b3261e', type: 'dashed', width: 2 },
          label: { formatter: `底线\n${formatStatedPercent(floor)}`, position: 'end', color: '#b3261e', fontSize: 11 },
          data: [{ yAxis: floor * 100 }],
        },
      },
    ],
  };
}
