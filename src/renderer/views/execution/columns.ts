import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { groupedNumber } from '../../../core/budget/money';
import { METHOD_SHORT_LABELS } from '../../../core/execution/projection';
import type { ExecutionClassRow, ExecutionLineRow, ExecutionView } from '../../../shared/execution';
import { EXECUTION_LINE_FIELDS, type ExecutionLineFieldKey } from '../../../shared/fields/execution-line-fields';
import { gridHeader } from '../../../shared/fields/field-spec';
import { formatPercent } from '../../format';
import { fieldColumn } from '../../grid/field-column';
import type { GroupSpec } from '../../grid/grouping';
import { ExecutionLightCell } from './cells';

/**
 * The execution grids' columns: by class and by line for the analysis, and the hand-entry columns. Money is
 * shown and typed in 万元; a cell's value is 万元 so an editor starts from what the cell shows.
 */

type Row = ExecutionLineRow | ExecutionClassRow;

const wan = (fen: number | null | undefined): number | null => (fen === null || fen === undefined ? null : fen / 1_000_000);
const wanText = (p: ValueFormatterParams): string =>
  p.value === null || p.value === undefined || p.value === '' ? '' : groupedNumber(p.value as number, 2, 6);
const rounded = (p: ValueFormatterParams): string =>
  p.value === null || p.value === undefined || p.value === '' ? '' : groupedNumber(p.value as number, 2, 2);

function money<T extends Row>(colId: string, headerName: string, of: (row: T) => number | null, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    colId,
    headerName,
    width: 118,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? wan(of(p.data)) : null),
    valueFormatter: rounded,
    ...extra,
  };
}

function scheduleColumns<T extends Row>(view: ExecutionView): ColDef<T>[] {
  const methods = (view.projection?.methods ?? []).filter((m) => m.available);
  return [
    {
      colId: 'rate',
      headerName: '执行率',
      width: 76,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.executionRate ?? null,
      valueFormatter: (p) => formatPercent(p.value as number | null),
    },
    {
      colId: 'behind',
      headerName: '与序时进度比',
      width: 108,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.behindPoints ?? null,
      valueFormatter: (p) =>
        p.value === null || p.value === undefined || p.value === ''
          ? ''
          : `${(p.value as number) > 0 ? '落后' : '领先'}${Math.abs(p.value as number).toFixed(1)}点`,
      headerTooltip: `序时进度 ${formatPercent(view.schedule.elapsed)}（${view.schedule.asOf}）；落后≥${view.schedule.yellowPoints}点为滞后，≥${view.schedule.redPoints}点为严重滞后`,
      cellClassRules: { 'late-red': (p) => p.data?.light === 'red' },
    },
    { colId: 'light', headerName: '状态', width: 100, valueGetter: (p) => p.data?.light ?? null, cellRenderer: ExecutionLightCell },
    ...methods.map((m) =>
      money<T>(`projected-${m.method}`, `预计全年·${METHOD_SHORT_LABELS[m.method]}`, (row) => row.projected[m.method], {
        width: 132,
        headerTooltip: `${m.label}：${m.description}`,
      }),
    ),
  ];
}

export function classColumns(view: ExecutionView): ColDef<ExecutionClassRow>[] {
  return [
    { field: 'classCode', headerName: '类', width: 64, pinned: 'left' },
    { field: 'className', headerName: '功能分类', width: 210, pinned: 'left', tooltipField: 'className' },
    {
      colId: 'livelihood',
      headerName: '民生',
      width: 60,
      cellClass: 'center',
      valueGetter: (p) => (p.node?.rowPinned ? '' : p.data?.livelihood ? '✓' : '—'),
    },
    { field: 'lineCount', headerName: '科目数', width: 72, type: 'rightAligned' },
    money<ExecutionClassRow>('budget', '预算数', (row) => row.budgetFen, { headerTooltip: '调整预算数；没有调整数的科目按年初预算数' }),
    money<ExecutionClassRow>('month', '本月', (row) => row.monthFen, { width: 104 }),
    money<ExecutionClassRow>('cumulative', '累计支出', (row) => row.cumulativeFen),
    ...scheduleColumns<ExecutionClassRow>(view),
  ];
}

export function lineColumns(view: ExecutionView, entry: boolean): ColDef<ExecutionLineRow>[] {
  // in the analysis the line's fields are read only
  const column = (key: ExecutionLineFieldKey, def: ColDef<ExecutionLineRow>): ColDef<ExecutionLineRow> =>
    fieldColumn(EXECUTION_LINE_FIELDS, key, def, (when) => entry && when === 'always');
  const entryMoney = (
    key: 'initialBudget' | 'adjustedBudget' | 'month' | 'cumulative',
    of: (row: ExecutionLineRow) => number | null,
  ): ColDef<ExecutionLineRow> =>
    column(
      key,
      money<ExecutionLineRow>(key, gridHeader(EXECUTION_LINE_FIELDS[key]), of, {
        cellClass: 'entry',
        valueFormatter: wanText,
        headerTooltip: '单位：万元；也可输入“3.4亿”“800元”',
      }),
    );
  return [
    column('code', { field: 'code', width: 96, pinned: 'left', ...(entry ? { cellClass: 'entry' } : {}) }),
    column('name', { field: 'name', width: 200, pinned: 'left', tooltipField: 'name', ...(entry ? { cellClass: 'entry' } : {}) }),
    { field: 'level', headerName: '级次', width: 60, cellClass: 'center' },
    {
      colId: 'livelihood',
      headerName: '民生',
      width: 60,
      cellClass: 'center',
      valueGetter: (p) => (p.node?.rowPinned ? '' : p.data?.livelihood ? '✓' : '—'),
    },
    ...(entry
      ? [
          entryMoney('initialBudget', (row) => row.initialBudgetFen),
          entryMoney('adjustedBudget', (row) => row.adjustedBudgetFen),
          entryMoney('month', (row) => row.monthFen),
          entryMoney('cumulative', (row) => row.cumulativeFen),
          column('note', { field: 'note', width: 140, tooltipField: 'note', cellClass: 'entry' }),
          {
            colId: 'rate',
            headerName: '执行率',
            width: 76,
            type: 'rightAligned',
            valueGetter: (p) => p.data?.executionRate ?? null,
            valueFormatter: (p) => formatPercent(p.value as number | null),
          } satisfies ColDef<ExecutionLineRow>,
        ]
      : [
          money<ExecutionLineRow>('budget', '预算数', (row) => row.budgetFen, { headerTooltip: '调整预算数；没有调整数时为年初预算数' }),
          money<ExecutionLineRow>('month', '本月', (row) => row.monthFen, { width: 104 }),
          money<ExecutionLineRow>('cumulative', '累计支出', (row) => row.cumulativeFen),
          ...scheduleColumns<ExecutionLineRow>(view),
        ]),
  ];
}

/** By line, the lines of a class under its header, with the class's figures on it. */
export function classGroup(view: ExecutionView): GroupSpec<ExecutionLineRow> {
  const classes = new Map(view.classes.map((c) => [c.classCode, c]));
  return {
    keyOf: (row) => row.classCode,
    orderOf: (row) => Number(row.classCode),
    labelOf: (row) => `${row.classCode} ${classes.get(row.classCode)?.className ?? ''}${row.livelihood ? '（民生）' : ''}`,
    summaryOf: (rows) => {
      const group = classes.get(rows[0]?.classCode ?? '');
      const spent = rows.reduce((sum, r) => sum + r.cumulativeFen, 0);
      const parts = [`${rows.length}个科目`, `累计 ${groupedNumber(spent / 1_000_000, 2, 2)} 万元`];
      if (group?.executionRate !== null && group?.executionRate !== undefined) parts.push(`执行率 ${formatPercent(group.executionRate)}`);
      if (group?.light === 'red') parts.push('严重滞后');
      if (group?.light === 'yellow') parts.push('滞后');
      return parts.join(' · ');
    },
  };
}

/**
 * The pinned 合计 row from the rows the grid holds (the grid recomputes it after each edit): the same column ids,
 * in 万元; the projections as each method's total (the sum of its lines).
 */
export function totalsRow(rows: readonly Row[], kind: 'classes' | 'lines'): Record<string, unknown> {
  const sum = (of: (row: Row) => number | null): number => rows.reduce((total, row) => total + (of(row) ?? 0), 0);
  const budget = sum((r) => r.budgetFen);
  const cumulative = sum((r) => r.cumulativeFen);
  const totals: Record<string, unknown> = {
    classCode: '合计',
    code: '合计',
    name: `${rows.length}个科目`,
    className: `${rows.length}类`,
    budget: budget / 1_000_000,
    initialBudget: sum((r) => r.initialBudgetFen) / 1_000_000,
    adjustedBudget: sum((r) => ('adjustedBudgetFen' in r ? r.adjustedBudgetFen : null)) / 1_000_000,
    month: sum((r) => r.monthFen) / 1_000_000,
    cumulative: cumulative / 1_000_000,
    rate: budget > 0 ? cumulative / budget : null,
  };
  if (kind === 'classes') totals.lineCount = sum((r) => ('lineCount' in r ? r.lineCount : 0));
  for (const method of ['planned', 'last_year', 'straight_line'] as const) {
    if (rows.some((r) => r.projected[method] !== null)) totals[`projected-${method}`] = sum((r) => r.projected[method]) / 1_000_000;
  }
  return totals;
}
