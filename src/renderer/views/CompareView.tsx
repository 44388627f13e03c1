import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { EChartsCoreOption } from 'echarts/core';
import type { CompareRowData, Comparison } from '../../shared/budget';
import { Chart } from '../components/Chart';
import { formatPercent, formatReadable, formatSignedWan, formatWan } from '../format';
import { gridLocale, gridTheme } from '../grid/setup';
import { call, styleNonce } from '../services/api';
import { scenarioKindLabel, useBudgetStore } from '../stores/budget-store';
import { useUiStore } from '../stores/ui-store';

type Metrics = Comparison['metrics'][number];

/** The figures compared per scenario, each with how to show it. */
const METRIC_ROWS: [string, (m: Metrics) => { text: string; tone: string }][] = [
  ['支出合计', (m) => ({ text: formatReadable(m.totalFen), tone: '' })],
  ['民生支出', (m) => ({ text: formatReadable(m.livelihoodFen), tone: '' })],
  ['民生占比', (m) => ({ text: formatPercent(m.share), tone: '' })],
  ['是否达标', (m) => ({ text: m.meetsFloor ? '✔ 达标' : '✘ 未达标', tone: m.meetsFloor ? 'pass' : 'fail' })],
  ['余量 L − fT', (m) => ({ text: formatReadable(m.headroomFen), tone: '' })],
];


function lineColumns(comparison: Comparison, byClass: boolean): ColDef<CompareRowData>[] {
  const perScenario = comparison.scenarios.flatMap((scenario, s): ColDef<CompareRowData>[] => [
    {
      colId: `amount-${s}`,
      headerName: `${scenario.name}（万元）`,
      width: 150,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.amounts[s] ?? null,
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : formatWan(p.value as number)),
    },
    ...(s === 0
      ? []
      : [
          {
            colId: `delta-${s}`,
            headerName: 'Δ（万元）',
            width: 120,
            type: 'rightAligned',
            valueGetter: (p) => p.data?.deltas[s] ?? null,
            valueFormatter: (p) => formatSignedWan(p.value as number | null),
            cellClassRules: { up: (p) => (p.value as number) > 0, down: (p) => (p.value as number) < 0 },
          } satisfies ColDef<CompareRowData>,
          {
            colId: `ratio-${s}`,
            headerName: 'Δ%',
            width: 96,
            type: 'rightAligned',
            valueGetter: (p) => p.data?.deltaRatios[s] ?? null,
            valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : `${(p.value as number) > 0 ? '+' : ''}${formatPercent(p.value as number)}`),
          } satisfies ColDef<CompareRowData>,
        ]),
  ]);
  return [
    { field: 'code', headerName: byClass ? '类' : '科目编码', width: byClass ? 64 : 96, pinned: 'left' },
    byClass
      ? { field: 'className', headerName: '功能分类', width: 232, pinned: 'left', tooltipField: 'className' }
      : { field: 'name', headerName: '科目名称', width: 200, pinned: 'left', tooltipField: 'name' },
    { colId: 'livelihood', headerName: '民生', width: 64, cellDataType: 'text', valueGetter: (p) => (p.data?.livelihood ? '✓' : '') },
    ...perScenario,
  ];
}

function classChart(comparison: Comparison): EChartsCoreOption {
  const classes = comparison.classes.filter((c) => c.amounts.some((a) => (a ?? 0) !== 0));
  return {
    title: { text: '按功能分类的支出构成（亿元）', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 50, right: 10, top: 30, bottom: 50 },
    xAxis: { type: 'category', data: comparison.scenarios.map((s) => s.name), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value' },
    series: classes.map((c) => ({
      name: `${c.classCode} ${c.className.replace(/（.*）/, '')}${c.livelihood ? '' : '（非民生）'}`,
      type: 'bar',
      stack: 'total',
      data: c.amounts.map((a) => Number(((a ?? 0) / 1e10).toFixed(2))),
    })),
  };
}

function shareChart(comparison: Comparison): EChartsCoreOption {
  const floor = comparison.metrics[0]?.floor ?? 0.7;
  return {
    title: { text: '民生支出占比与底线', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(2)}%` },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: comparison.scenarios.map((s) => s.name), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, floor * 100) - 5)), max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '民生占比',
        type: 'bar',
        barMaxWidth: 48,
        data: comparison.metrics.map((m) => ({
          value: Number(((m.share ?? 0) * 100).toFixed(2)),
          itemStyle: { color: m.meetsFloor ? '#2d9c6a' : '#c0392b' },
        })),
        label: { show: true, position: 'top', formatter: '{c}%' },
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#b3261e', type: 'dashed', width: 2 },
          label: { formatter: `底线 ${(floor * 100).toFixed(0)}%`, position: 'insideStartTop' },
          data: [{ yAxis: floor * 100 }],
        },
      },
    ],
  };
}

/** 情景对比: any scenarios side by side — figures, Δ per line and class, charts, targets whose funding falls. */
export function CompareView(): React.JSX.Element {
  const budget = useBudgetStore((state) => state.view);
  const scenarios = budget?.scenarios ?? [];
  const [chosen, setChosen] = useState<number[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [changedOnly, setChangedOnly] = useState(true);
  const [byClass, setByClass] = useState(false);

  useEffect(() => {
    if (!budget) void useBudgetStore.getState().load();
  }, [budget]);
  useEffect(() => {
    if (chosen.length === 0 && scenarios.length > 0) {
      setChosen(scenarios.filter((s) => s.kind !== 'snapshot').slice(0, 4).map((s) => s.id));
    }
  }, [scenarios, chosen.length]);
  useEffect(() => {
    const ids = chosen.filter((id) => scenarios.some((s) => s.id === id));
    if (ids.length === 0) return;
    call('scenario-compare', { scenarioIds: ids }).then(setComparison, (error: unknown) => useUiStore.getState().showError(error));
  }, [chosen, scenarios]);

  const rows = useMemo(
    () =>
      comparison
        ? (byClass ? comparison.classes : comparison.lines).filter(
            (l) => !changedOnly || l.deltas.some((d) => d !== null && d !== 0) || l.amounts.includes(null),
          )
        : [],
    [comparison, changedOnly, byClass],
  );
  const columns = useMemo(() => (comparison ? lineColumns(comparison, byClass) : []), [comparison, byClass]);
  const charts = useMemo(() => (comparison ? { classes: classChart(comparison), share: shareChart(comparison) } : null), [comparison]);
  const toggle = (id: number): void => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id].slice(0, 8));

  return (
    <div className="view compare-view" data-testid="compare-view">
      <div className="toolbar" role="group" aria-label="选择对比的情景">
        <span>对比：</span>
        {scenarios.map((s) => (
          <label key={s.id} className="chip">
            <input type="checkbox" checked={chosen.includes(s.id)} onChange={() => toggle(s.id)} />
            {s.name}
            <small>（{scenarioKindLabel(s)}）</small>
          </label>
        ))}
      </div>
      {comparison && charts && (
        <>
          <div className="compare-top">
            <table className="compare-table" data-testid="compare-metrics">
              <thead>
                <tr>
                  <th />
                  {comparison.scenarios.map((s) => (
                    <th key={s.id}>{s.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {METRIC_ROWS.map(([label, cell]) => (
                  <tr key={label}>
                    <th>{label}</th>
                    {comparison.metrics.map((m, i) => {
                      const { text, tone } = cell(m);
                      return (
                        <td key={i} className={`num ${tone}`}>
                          {text}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <Chart option={charts.share} testId="share-chart" />
            <Chart option={charts.classes} testId="class-chart" />
          </div>
          {comparison.fallingTargetLines.length > 0 && (
            <div className="falling" data-testid="falling-targets">
              <strong>资金减少的计划指标：</strong>
              {comparison.fallingTargetLines.map((l) => (
                <span key={l.key} className="badge warn">
                  {l.targetLabel}（{l.name}，{formatSignedWan(Math.min(...l.deltas.map((d) => d ?? 0)))} 万元）
                </span>
              ))}
            </div>
          )}
          <div className="toolbar">
            <label>
              <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} />
              只看有变化的行（{rows.length}）
            </label>
            <label>
              <input type="radio" checked={!byClass} onChange={() => setByClass(false)} />
              按预算行
            </label>
            <label>
              <input type="radio" checked={byClass} onChange={() => setByClass(true)} />
              按功能分类
            </label>
          </div>
          <div className="grid-host compare-grid">
            <AgGridReact<CompareRowData>
              theme={gridTheme}
              localeText={gridLocale}
              styleNonce={styleNonce()}
              rowData={rows}
              columnDefs={columns}
              defaultColDef={{ resizable: true, sortable: true }}
              getRowId={(p) => p.data.key}
              overlayNoRowsTemplate="<span>所选情景之间没有差异</span>"
            />
          </div>
        </>
      )}
    </div>
  );
}
