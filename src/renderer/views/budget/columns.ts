import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { BudgetLineRow } from '../../../shared/budget';
import { BUDGET_FIELDS, type BudgetFieldKey } from '../../../shared/fields/budget-fields';
import type { EditableWhen } from '../../../shared/fields/field-spec';
import { fieldColumn } from '../../grid/field-column';
import { formatCount, formatWan, formatYuan } from '../../format';
import { OverridableCell, type OverridableCellParams, type NumericField } from './cells';

const isOverridden = (row: BudgetLineRow | undefined, field: NumericField): boolean =>
  row?.overrides?.some((o) => o.field === field) ?? false;

/** 万元 of a line, or of the 合计 row, which carries its figures in 分 under the column ids. */
const wanText =
  (fenOf: (row: BudgetLineRow) => number) =>
  (p: ValueFormatterParams<BudgetLineRow>): string => {
    if (p.node?.rowPinned) return typeof p.value === 'number' ? formatWan(p.value) : '';
    return p.data ? formatWan(fenOf(p.data)) : '';
  };

/**
 * The budget grid's columns. Descriptive fields edit only in the baseline; numbers edit everywhere except
 * locked scenarios and snapshots; driver fields only on lines that have a driver.
 */
export function budgetColumns(mode: {
  inScenario: boolean;
  editable: boolean;
  revert: OverridableCellParams['revert'];
}): ColDef<BudgetLineRow>[] {
  const { inScenario, editable, revert } = mode;
  /** The catalogue's editable-when in this grid: nothing edits in a locked scenario or a snapshot. */
  const editableIn = (when: EditableWhen): ColDef<BudgetLineRow>['editable'] => {
    switch (when) {
      case 'never':
      case 'unlinked': // no budget field is linked
        return false;
      case 'always':
        return editable;
      case 'baseline':
        return editable && !inScenario;
      case 'undriven':
        return (p) => editable && (inScenario || !p.data?.hasDriver);
      case 'driven':
        return (p) => editable && !!p.data?.hasDriver;
      case 'typed-quantity':
        return (p) => editable && !!p.data?.hasDriver && (inScenario || p.data.targetId === null);
    }
  };
  const column = (key: BudgetFieldKey, def: ColDef<BudgetLineRow>): ColDef<BudgetLineRow> =>
    fieldColumn(BUDGET_FIELDS, key, def, editableIn);
  const numberColumn = (field: NumericField, def: ColDef<BudgetLineRow>): ColDef<BudgetLineRow> =>
    column(field, {
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
    column('code', { field: 'code', width: 96, pinned: 'left' }),
    column('name', { field: 'name', width: 200, pinned: 'left', tooltipField: 'name' }),
    column('className', { field: 'className', width: 124, tooltipField: 'className' }),
    column('livelihood', {
      width: 70,
      valueGetter: (p) => (p.data?.livelihoodOverride === null ? '自动' : p.data?.livelihoodOverride ? '是' : '否'),
      valueFormatter: (p) =>
        p.node?.rowPinned ? '' : `${p.data?.livelihood ? '✓' : '—'}${p.data?.livelihoodOverride === null ? '' : '*'}`,
      // copied as 自动/是/否, which pastes back as the same setting (✓ would make an automatic flag manual)
      useValueFormatterForExport: false,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['自动', '是', '否'] },
      headerTooltip: '✓ 计入民生支出；* 表示手工指定，不按功能分类判断',
      cellClass: 'center',
    }),
    numberColumn('amount', {
      width: 136,
      valueGetter: (p) => (p.data ? p.data.amountFen / 1_000_000 : null),
      valueFormatter: wanText((row) => row.amountFen),
      tooltipValueGetter: (p) => (p.data && !p.node?.rowPinned ? `${formatYuan(p.data.amountFen)} 元` : ''),
      headerTooltip: inScenario
        ? '输入数值为设定值；“+500”“-200”为增减（万元）；“+5%”“-3%”为按基线比例调整；Delete 恢复基线'
        : '单位：万元；也可输入“3.4亿”“800元”',
    }),
    ...(inScenario
      ? [
          column('baseAmount', {
            width: 124,
            type: 'rightAligned',
            valueGetter: (p) => (p.data ? p.data.baseAmountFen / 1_000_000 : null),
            valueFormatter: wanText((row) => row.baseAmountFen),
          }),
        ]
      : []),
    numberColumn('quantity', {
      width: 100,
      valueGetter: (p) => p.data?.quantity ?? null,
      valueFormatter: (p) => formatCount(p.data?.quantity),
    }),
    numberColumn('rate', {
      width: 100,
      valueGetter: (p) => (p.data?.rateFen === null || p.data?.rateFen === undefined ? null : p.data.rateFen / 100),
      valueFormatter: (p) => (p.data?.rateFen === null || p.data?.rateFen === undefined ? '' : formatYuan(p.data.rateFen)),
    }),
    column('targetLabel', { field: 'targetLabel', width: 170, tooltipField: 'targetLabel' }),
    column('taskNumber', { field: 'taskNumber', width: 84, type: 'rightAligned' }),
    column('note', { field: 'note', flex: 1, minWidth: 120, tooltipField: 'note' }),
  ];
}
