import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { EChartsCoreOption } from 'echarts/core';
import { periodLabel } from '../../core/execution/period';
import type { CompareRow, ExecutionCompare } from '../../shared/execution';
import { formatPercent, formatStatedPercent, formatWan } from '../format';
import { SheetGrid } from '../grid/SheetGrid';
import { useExecutionStore } from '../stores/execution-store';
import { useUiStore } from '../stores/ui-store';

const Chart = lazy(() => import('../components/Chart').then((m) => ({ default: m.Chart })));

type Row = CompareRow & { id: number };

const nameOf = (row: Row): string => row.name;

const pct = (ratio: number | null | undefined): number | null =>
  ratio === null || ratio === undefined ? null : Number((ratio * 100).toFixed(2));

function verdict(row: CompareRow): string {
  if (!row.reported) return '未报送';
  if (row.meetsInAll) return '预计达标';
  if (row.meetsInNone) return '预计不达标';
  return '取决于后几个月';
}

function columns(): ColDef<Row>[] {
  const money = (colId: string, headerName: string, of: (row: Row) => number | null): ColDef<Row> => ({
    colId,
    headerName,
    width: 118,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? of(p.data) : null),
    valueFormatter: (p) => (p.value === null || p.value === undefined || p.value === '' ? '' : formatWan(p.value as number)),
  });
  const share = (colId: string, headerName: string, of: (row: Row) => number | null): ColDef<Row> => ({
    colId,
    headerName,
    width: 96,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? of(p.data) : null),
    valueFormatter: (p) => formatPercent(p.value as number | null),
  });
  return [
    { colId: 'rank', headerName: '排名', width: 64, type: 'rightAligned', valueGetter: (p) => p.data?.rank ?? null, pinned: 'left' },
    { field: 'name', headerName: '地区', width: 150, pinned: 'left', tooltipField: 'name' },
    money('total', '累计支出', (r) => (r.reported ? r.totalFen : null)),
    money('livelihood', '其中民生', (r) => (r.reported ? r.livelihoodFen : null)),
    {
      ...share('share', '民生占比', (r) => r.share),
      cellClassRules: { up: (p) => !!p.data?.meetsFloor, down: (p) => !!p.data?.reported && !p.data.meetsFloor },
    },
    money('headroom', '距底线（L−fT）', (r) => (r.reported ? r.headroomFen : null)),
    share('low', '预计占比·低', (r) => r.projectedLow),
    share('high', '预计占比·高', (r) => r.projectedHigh),
    {
      colId: 'verdict',
      headerName: '年底判断',
      width: 118,
      valueGetter: (p) => (p.data ? verdict(p.data) : ''),
      cellClassRules: { 'late-red': (p) => !!p.data?.reported && p.data.meetsInNone },
    },
    money('perMonth', '每月至少需民生', (r) => r.worstPerMonthNeededFen),
    share('rate', '预算执行率', (r) => r.executionRate),
    { field: 'source', headerName: '来源', flex: 1, minWidth: 120, tooltipField: 'source' },
  ];
}

function chartOf(compare: ExecutionCompare): EChartsCoreOption {
  const rows = [...compare.rows.filter((r) => r.reported), ...(compare.total ? [compare.total] : [])];
  const floor = compare.floor * 100;
  const values = rows.flatMap((r) => [pct(r.share), pct(r.projectedLow), pct(r.projectedHigh)]).filter((v): v is number => v !== null);
  const low = Math.max(0, Math.floor(Math.min(floor, ...values) - 4));
  return {
    title: { text: `民生支出占比：${compare.period ? periodLabel(compare.period) : ''}累计与年底预计区间`, textStyle: { fontSize: 13 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const row = rows[params[0]?.dataIndex ?? 0];
        if (!row) return '';
        return `${row.name}<br/>累计占比：${formatPercent(row.share)}<br/>年底预计：${formatPercent(row.projectedLow)}～${formatPercent(row.projectedHigh)}<br/>${verdict(row)}`;
      },
    },
    legend: { bottom: 0, data: ['累计占比', '年底预计区间'], textStyle: { fontSize: 11 } },
    // room right of the plot for the floor's label, which inside the plot collided with the last bar's labels
    grid: { left: 44, right: 64, top: 32, bottom: 46 },
    xAxis: { type: 'category', data: rows.map((r) => r.name.replace('（示例）', '')), axisLabel: { fontSize: 11, interval: 0 } },
    yAxis: { type: 'value', min: low, max: 100, axisLabel: { formatter: '{value}%', fontSize: 11 } },
    series: [
      {
        name: '累计占比',
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#2d9c6a' },
        data: rows.map((r) => ({
          value: pct(r.share),
          itemStyle: { color: r.budgetId === 0 ? '#1f3a5f' : r.meetsFloor ? '#2d9c6a' : '#c0392b' },
        })),
        // the grid's rule for percentages (two decimals): ECharts' '{c}%' would print 71.1% beside the grid's 71.10%
        label: {
          show: true,
          position: 'top',
          fontSize: 10,
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value.toFixed(2)}%` : ''),
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#b3261e', type: 'dashed', width: 2 },
          label: { formatter: `底线 ${floor.toFixed(0)}%`, position: 'end', color: '#b3261e' },
          data: [{ yAxis: floor }],
        },
      },
      {
        name: '预计下限',
        type: 'bar',
        stack: 'range',
        barMaxWidth: 10,
        itemStyle: { color: 'transparent' },
        data: rows.map((r) => pct(r.projectedLow)),
        silent: true,
      },
      {
        name: '年底预计区间',
        type: 'bar',
        stack: 'range',
        barMaxWidth: 10,
        itemStyle: { color: '#e0a800' },
        data: rows.map((r) =>
          r.projectedLow === null || r.projectedHigh === null
            ? null
            : Math.max(0.15, Number(((r.projectedHigh - r.projectedLow) * 100).toFixed(2))),
        ),
      },
    ],
  };
}

/**
 * 区县对比: every budget's 民生 share for one period, ranked, with its projected year-end range against the floor,
 * what 民生 spending it needs per remaining month, and the city-wide total.
 */
export function CountyCompareView(): React.JSX.Element {
  const compare = useExecutionStore((state) => state.compare);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => {
    if (!useExecutionStore.getState().compare) void useExecutionStore.getState().loadCompare();
  }, []);
  // the chart (ECharts, a large chunk) comes after the table: the ranking is what the user opened the view for
  const [chartShown, setChartShown] = useState(false);
  useEffect(() => {
    if (!compare || chartShown) return undefined;
    const frame = requestAnimationFrame(() => setTimeout(() => setChartShown(true)));
    return () => cancelAnimationFrame(frame);
  }, [compare, chartShown]);
  useEffect(() => setVersion((v) => v + 1), [compare]);
  const rows = useMemo<Row[]>(() => (compare?.rows ?? []).map((r) => ({ ...r, id: r.budgetId })), [compare]);
  const cols = useMemo(columns, []);
  const chart = useMemo(() => (compare?.period ? chartOf(compare) : null), [compare]);
  const totals = useCallback(() => {
    const total = compare?.total;
    if (!total) return {};
    return {
      name: total.name,
      total: total.totalFen,
      livelihood: total.livelihoodFen,
      share: total.share,
      headroom: total.headroomFen,
      low: total.projectedLow,
      high: total.projectedHigh,
      verdict: verdict(total),
      perMonth: total.worstPerMonthNeededFen,
      rate: total.executionRate,
    };
  }, [compare]);
  const open = (budgetId: number): void => {
    const period = compare?.period;
    useUiStore.getState().setView('execution');
    void useExecutionStore.getState().load({ budgetId, ...(period ? { year: period.year, month: period.month } : {}) });
  };

  if (!compare) return <div className="view placeholder">正在汇总各地区执行数据…</div>;
  return (
    <div className="view counties-view" data-testid="counties-view">
      <div className="toolbar" role="toolbar" aria-label="区县对比">
        <label>
          期间
          <select
            value={compare.period ? `${compare.period.year}-${compare.period.month}` : ''}
            onChange={(e) => {
              const [year, month] = e.target.value.split('-').map(Number);
              if (year && month) void useExecutionStore.getState().loadCompare({ year, month });
            }}
            aria-label="选择期间"
            data-testid="counties-period-select"
          >
            {compare.periods.map((p) => (
              <option key={`${p.year}-${p.month}`} value={`${p.year}-${p.month}`}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">底线 {formatStatedPercent(compare.floor)}；按累计民生占比排名；金额单位：万元</span>
        {compare.rows.some((r) => r.isExample) && <span className="badge example">含示例数据</span>}
        <span className="toolbar-gap" />
        <button type="button" onClick={() => useUiStore.getState().setExchange('import-execution')}>
          导入执行表…
        </button>
        <button type="button" disabled={selected === null} onClick={() => selected !== null && open(selected)}>
          查看所选地区的执行
        </button>
      </div>
      {!compare.period ? (
        <div className="placeholder">还没有任何地区的执行数据。用“导入执行表…”读入各区县的执行情况表。</div>
      ) : (
        <>
          {chart && chartShown ? (
            <Suspense fallback={<div className="chart" />}>
              <Chart option={chart} testId="counties-chart" />
            </Suspense>
          ) : (
            <div className="chart" />
          )}
          <div className="counties-grid">
            <SheetGrid<Row>
              viewId="counties"
              testId="counties-sheet"
              rows={rows}
              rowsVersion={version}
              columns={cols}
              onEdits={async () => null}
              totals={totals}
              searchText={nameOf}
              onCellFocused={(row) => setSelected(row?.budgetId ?? null)}
            />
          </div>
          {compare.notes.map((note, i) => (
            <p key={i} className="hint">
              {note}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
