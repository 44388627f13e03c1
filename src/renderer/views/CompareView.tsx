import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { CompareRowData, Comparison } from '../../shared/budget';
import { Chart } from '../components/Chart';
import { formatPercent, formatSignedPercent, formatSignedWan, formatWan } from '../format';
import { classChart, shareChart } from './compare/compare-charts';
import { gridLocale, gridTheme } from '../grid/setup';
import { call, styleNonce } from '../services/api';
import { scenarioKindLabel, useBudgetStore } from '../stores/budget-store';
import { useUiStore } from '../stores/ui-store';

type Metrics = Comparison['metrics'][number];

/** The figures compared per scenario, each with how to show it (money in 万元, the unit of the grid below). */
const METRIC_ROWS: [string, (m: Metrics) => { text: string; tone: string }][] = [
  ['支出合计（万元）', (m) => ({ text: formatWan(m.totalFen), tone: '' })],
  ['民生支出（万元）', (m) => ({ text: formatWan(m.livelihoodFen), tone: '' })],
  ['民生占比', (m) => ({ text: formatPercent(m.share), tone: '' })],
  ['是否达标', (m) => ({ text: m.meetsFloor ? '✔ 达标' : '✘ 未达标', tone: m.meetsFloor ? 'pass' : 'fail' })],
  ['余量 L − fT（万元）', (m) => ({ text: formatWan(m.headroomFen), tone: '' })],
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
            valueFormatter: (p) => formatSignedPercent(p.value as number | null),
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

/** 情景对比: any scenarios side by side — figures, Δ per line and class, charts, targets whose funding falls. */
export function CompareView(): React.JSX.Element {
  const budget = useBudgetStore((state) => state.view);
  const scenarios = useMemo(() => budget?.scenarios ?? [], [budget]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [changedOnly, setChangedOnly] = useState(true);
  const [byClass, setByClass] = useState(false);

  useEffect(() => {
    if (!budget) void useBudgetStore.getState().load();
  }, [budget]);
  useEffect(() => {
    if (chosen.length === 0 && scenarios.length > 0) {
      setChosen(
        scenarios
          .filter((s) => s.kind !== 'snapshot')
          .slice(0, 4)
          .map((s) => s.id),
      );
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
          <div className="compare-metrics-host">
            {/* at least 124px per scenario: a table too wide for the window scrolls sideways, nothing is cut */}
            <table
              className="compare-table"
              data-testid="compare-metrics"
              style={{ '--scenarios': comparison.scenarios.length } as React.CSSProperties}
            >
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
          </div>
          <div className="compare-charts">
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
