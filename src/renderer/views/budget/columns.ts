import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { BudgetLineField, BudgetLineRow } from '../../../shared/budget';
import { formatCount, formatWan, formatYuan } from '../../format';
import { OverridableCell, type OverridableCellParams, type NumericField } from './cells';

const isOverridden = (row: BudgetLineRow | undefined, field: NumericField): boolean =>
  row?.overrides?.some((o) => o.field === field) ?? false;

/** The grid column a line field is edited in. */
export const FIELD_BY_COLUMN: Record<string, BudgetLineField> = {
  code: 'code',
  name: 'name',
  livelihood: 'livelihood',
  amount: 'amount',
  quantity: 'quantity',
  rate: 'rate',
  taskNumber: 'taskNumber',
  note: 'note',
};

/** 万元 of a line, or of the 合计 row, which carries its figures in 分 under the column ids. */
const wanText = (fenOf: (row: BudgetLineRow) => number) => (p: ValueFormatterParams<BudgetLineRow>): string => {
  if (p.node?.rowPinned) return typeof p.value === 'number' ? formatWan(p.value) : '';
  return p.data ? formatWan(fenOf(p.data)) : '';
};

/**
 * The budget grid's columns. Descriptive fields edit only in the baseline; numbers edit everywhere except
 * locked scenarios and snapshots; driver fields only on lines that have a driver.
 */
export function budgetColumns(mode: { inScenario: boolean; editable: boolean; revert: OverridableCellParams['revert'] }): ColDef<BudgetLineRow>[] {
  const { inScenario, editable, revert } = mode;
  const baselineOnly = editable && !inScenario;
  const numberColumn = (field: NumericField, def: ColDef<BudgetLineRow>): ColDef<BudgetLineRow> => ({
    type: 'rightAligned',
    cellEditor: 'agTextCellEditor',
    // the React cell (with its ↺ button) only where a scenario overrides the value; every other cell is plain
    // text, which keeps scrolling 100,000 lines as smooth as a bare grid
    cellRendererSelector: (p) =>
      isOverridden(p.data, field) ? { component: OverridableCell, params: { field, revert } satisfies OverridableCellParams } : undefined,
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
      // copied as 自动/是/否, which pastes back as the same setting (✓ would make an automatic flag manual)
      useValueFormatterForExport: false,
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
      valueFormatter: wanText((row) => row.amountFen),
      tooltipValueGetter: (p) => (p.data && !p.node?.rowPinned ? `${formatYuan(p.data.amountFen)} 元` : ''),
      headerTooltip: inScenario
        ? '输入数值为设定值；“+500”“-200”为增减（万元）；“+5%”“-3%”为按基线比例调整；Delete 恢复基线'
        : '单位：万元；也可输入“3.4亿”“800元”',
    }),
    ...(inScenario
      ? [
          {
            colId: 'baseAmount',
            headerName: '基线（万元）',
            width: 124,
            type: 'rightAligned',
            valueGetter: (p) => (p.data ? p.data.baseAmountFen / 1_000_000 : null),
            valueFormatter: wanText((row) => row.baseAmountFen),
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
