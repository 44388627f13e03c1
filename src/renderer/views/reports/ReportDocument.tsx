import { useEffect, useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import type { ReportModelData } from '../../../shared/contract';
import { Chart } from '../../components/Chart';
import { formatPercent, formatStatedPercent, formatWan, percentPoints } from '../../format';

const today = (): string => new Date().toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });

const percentLabel = (p: { value: unknown }): string => formatPercent(Number(p.value) / 100);

function charts(chart: NonNullable<ReportModelData['chart']>): EChartsCoreOption[] {
  return [
    {
      title: { text: '民生支出占比与底线', left: 'center', textStyle: { fontSize: 12 } },
      grid: { left: 50, right: 20, top: 30, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: chart.scenarios, axisLabel: { interval: 0, width: 90, overflow: 'break', fontSize: 10 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 40,
          data: chart.shares.map((s) => ({
            value: percentPoints(s),
            itemStyle: { color: (s ?? 0) >= chart.floor ? '#2d9c6a' : '#c0392b' },
          })),
          label: { show: true, position: 'top', formatter: percentLabel },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#b3261e', type: 'dashed' },
            label: { formatter: `底线 ${formatStatedPercent(chart.floor)}`, position: 'insideEndTop' },
            data: [{ yAxis: chart.floor * 100 }],
          },
        },
      ],
    },
    {
      title: { text: '按功能分类（万元）', left: 'center', textStyle: { fontSize: 12 } },
      // printed: every item shown (a scrolling legend would hide pages of it on paper)
      legend: { type: 'plain', bottom: 0, itemWidth: 10, itemHeight: 8, itemGap: 6, textStyle: { fontSize: 9 } },
      grid: { left: 10, right: 10, top: 30, bottom: 44, containLabel: true },
      xAxis: { type: 'category', data: chart.scenarios, axisLabel: { interval: 0, width: 90, overflow: 'break', fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatWan(v * 1_000_000).replace(/\.00$/, '') } },
      series: chart.classes.map((c) => ({ name: c.name, type: 'bar', stack: 'all', data: c.amounts.map((a) => Number(a.toFixed(2))) })),
    },
  ];
}

/** A report laid out for A4 landscape: title, unit line, tables with repeating headers and a 合计 row, notes. */
export function ReportDocument({ model }: { model: ReportModelData }): React.JSX.Element {
  const chartOptions = useMemo(() => (model.chart ? charts(model.chart) : []), [model.chart]);
  // the running note goes to the page margin through @page (app.css), which reads it from the root element
  useEffect(() => {
    const root = document.documentElement.style;
    if (model.runningNote) root.setProperty('--report-running-note', JSON.stringify(model.runningNote));
    else root.removeProperty('--report-running-note');
    return () => {
      root.removeProperty('--report-running-note');
    };
  }, [model.runningNote]);
  return (
    <article className="report-document" data-testid="report-document" data-kind={model.kind}>
      <header>
        <h1>{model.title}</h1>
        <p className="report-subtitle">{model.subtitle}</p>
        <p className="report-meta">
          <span>{model.unitNote}</span>
          <span>制表日期：{today()}</span>
        </p>
      </header>
      {chartOptions.length > 0 && (
        <div className="report-charts">
          {chartOptions.map((option, i) => (
            <Chart key={i} option={option} />
          ))}
        </div>
      )}
      {model.tables.map((table, t) => (
        <table key={t} className="report-table">
          {table.caption && <caption>{table.caption}</caption>}
          <thead>
            <tr>
              {table.headers.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r} className={row[1] === '严重滞后' ? 'red' : row[1] === '滞后' ? 'yellow' : undefined}>
                {row.map((cell, c) => (
                  <td key={c} className={table.numeric[c] ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
            {/* the 合计 row ends its table: a <tfoot> would be printed again at the foot of every page */}
            {table.total && (
              <tr className="total">
                {table.total.map((cell, c) => (
                  <td key={c} className={table.numeric[c] ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      ))}
      {model.notes.map((note, i) => (
        <p key={i} className="report-note">
          {note}
        </p>
      ))}
    </article>
  );
}
