import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { BudgetLineRow } from '../../../shared/budget';
import { formatCount, formatWan, formatYuan } from '../../format';
import { OverridableCell, type NumericField } from './cells';

const isOverridden = (row: BudgetLineRow | undefined, field: NumericField): boolean =>
  row?.overrides.some((o) => o.field === field) ?? false;

/**
 * The budget grid's columns. Descriptive fields edit only in the baseline; numbers edit everywhere except
 * locked scenarios and snapshots; driver fields only on lines that have a driver.
 */
export function budgetColumns(mode: { inScenario: boolean; editable: boolean }): ColDef<BudgetLineRow>[] {
  const { inScenario, editable } = mode;
  const baselineOnly = editable && !inScenario;
  const numberColumn = (field: NumericField, def: ColDef<BudgetLineRow>): ColDef<BudgetLineRow> => ({
    type: 'rightAligned',
    cellEditor: 'agTextCellEditor',
    // the React cell (with its ↺ button) only where a scenario overrides the value; every other cell is plain
    // text, which keeps scrolling 100,000 lines as smooth as a bare grid
    cellRendererSelector: (p) => (isOverridden(p.data, field) ? { component: OverridableCell, params: { field } } : undefined),
    cellClassRules: { overridden: (p) => isOverridden(p.data, field) },
    ...def,
  });
  return [
    { field: 'code', headerName: '科目编码', width: 96, pinned: 'left', editable: baselineOnly },
    { field: 'name', headerName: '科目名称', width: 200, pinned: 'left', editable: baselineOnly, tooltipField: 'name' },
    { field: 'className', headerName: '功能分类', width: 124, tooltipField: 'className' },
    {
      colId: 'livelihood',
      headerName: '民生',
      width: 70,
      editable: baselineOnly,
      valueGetter: (p) => (p.data?.livelihoodOverride === null ? '自动' : p.data?.livelihoodOverride ? '是' : '否'),
      valueFormatter: (p) => (p.node?.rowPinned ? '' : `${p.data?.livelihood ? '✓' : '—'}${p.data?.livelihoodOverride === null ? '' : '*'}`),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['自动', '是', '否'] },
      headerTooltip: '✓ 计入民生支出；* 表示手工指定，不按功能分类判断',
      cellClass: 'center',
    },
    numberColumn('amount', {
      colId: 'amount',
      headerName: '金额（万元）',
      width: 136,
      editable: (p) => editable && (inScenario || !p.data?.hasDriver),
      valueGetter: (p) => (p.data ? p.data.amountFen / 1_000_000 : null),
      valueFormatter: (p: ValueFormatterParams<BudgetLineRow>) => (p.data ? formatWan(p.data.amountFen) : ''),
      tooltipValueGetter: (p) => (p.data ? `${formatYuan(p.data.amountFen)} 元` : ''),
      headerTooltip: inScenario ? '输入数值为设定值；“+500”“-200”为增减（万元）；“+5%”“-3%”为按比例调整' : '单位：万元；也可输入“3.4亿”“800元”',
    }),
    ...(inScenario
      ? [
          {
            colId: 'baseAmount',
            headerName: '基线（万元）',
            width: 124,
            type: 'rightAligned',
            valueGetter: (p) => (p.data ? p.data.baseAmountFen / 1_000_000 : null),
            valueFormatter: (p) => (p.data ? formatWan(p.data.baseAmountFen) : ''),
          } satisfies ColDef<BudgetLineRow>,
        ]
      : []),
    numberColumn('quantity', {
      colId: 'quantity',
      headerName: '数量',
      width: 100,
      editable: (p) => editable && !!p.data?.hasDriver && (inScenario || p.data.targetId === null),
      valueGetter: (p) => p.data?.quantity ?? null,
      valueFormatter: (p) => formatCount(p.data?.quantity),
    }),
    numberColumn('rate', {
      colId: 'rate',
      headerName: '单价（元）',
      width: 100,
      editable: (p) => editable && !!p.data?.hasDriver,
      valueGetter: (p) => (p.data?.rateFen === null || p.data?.rateFen === undefined ? null : p.data.rateFen / 100),
      valueFormatter: (p) => (p.data?.rateFen === null || p.data?.rateFen === undefined ? '' : formatYuan(p.data.rateFen)),
    }),
    { field: 'targetLabel', headerName: '数量取自指标', width: 170, tooltipField: 'targetLabel' },
    { field: 'taskNumber', headerName: '关联任务', width: 84, editable: baselineOnly, type: 'rightAligned' },
    { field: 'note', headerName: '备注', flex: 1, minWidth: 120, editable: baselineOnly, tooltipField: 'note' },
  ];
}
