import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { COMPARATOR_SIGNS, toWrittenUnit } from '../../core/plan/cell-values';
import type { TargetEditableField, TargetRow } from '../../shared/grid';
import { ReasonField } from '../components/ReasonField';
import { formatCount, formatPercent } from '../format';
import { ProgressCell } from '../grid/ProgressCell';
import { type SheetEdit, SheetGrid } from '../grid/SheetGrid';
import type { GroupSpec } from '../grid/grouping';
import { useTargetStore } from '../stores/target-store';
import { ProgressSettingsDialog } from './targets/ProgressSettingsDialog';

const EDITABLE: Record<string, TargetEditableField> = {
  label: 'label',
  comparator: 'comparator',
  value: 'value',
  baseline: 'baseline',
  actual: 'actual',
  dueDate: 'dueDate',
  note: 'note',
};

const targetGroup: GroupSpec<TargetRow> = {
  keyOf: (row) => String(row.domainOrdinal),
  orderOf: (row) => row.domainOrdinal,
  labelOf: (row) => row.domainName,
  summaryOf: (rows) => {
    const count = (state: TargetRow['progress']) => rows.filter((r) => r.progress === state).length;
    const parts = [`指标${rows.length}个`, `已达成${count('met')}个`];
    if (count('yellow')) parts.push(`滞后${count('yellow')}个`);
    if (count('red')) parts.push(`严重滞后${count('red')}个`);
    if (count('no_data')) parts.push(`未填报${count('no_data')}个`);
    return parts.join(' · ');
  },
};

/** The target as written: "≥ 3.35万人", a range "6~8所". */
function targetValueText(row: TargetRow | undefined): string {
  if (!row) return '';
  if (row.comparator === 'range') {
    const low = row.min === null ? '' : formatCount(toWrittenUnit(row.min, row.unit));
    const high = row.max === null ? '' : formatCount(toWrittenUnit(row.max, row.unit));
    return `${low}~${high}`;
  }
  return row.value === null ? '' : `${row.approx ? '约' : ''}${formatCount(row.value)}`;
}

/** An actual ten times the target (or a tenth of a ≤ target's) is almost always a unit slip (人 vs 万人). */
function isSuspicious(row: TargetRow | undefined): boolean {
  const completion = row?.completion;
  return completion !== null && completion !== undefined && (completion >= 10 || completion <= 0.01);
}

function targetColumns(): ColDef<TargetRow>[] {
  return [
    {
      colId: 'task',
      headerName: '任务',
      width: 130,
      pinned: 'left',
      valueGetter: (p) => (p.data ? (p.data.taskNumber === null ? '重点工作' : `${p.data.taskNumber}. ${p.data.taskTitle}`) : ''),
      tooltipValueGetter: (p) => p.data?.taskTitle ?? '',
    },
    { field: 'label', headerName: '指标', width: 190, pinned: 'left', editable: true, tooltipField: 'label' },
    {
      field: 'comparator',
      headerName: '比较',
      width: 64,
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: Object.values(COMPARATOR_SIGNS) },
      valueGetter: (p) => (p.data ? COMPARATOR_SIGNS[p.data.comparator] : ''),
      cellClass: 'center',
    },
    { colId: 'value', headerName: '目标值', width: 88, editable: true, type: 'rightAligned', valueGetter: (p) => targetValueText(p.data) },
    { field: 'unit', headerName: '单位', width: 64 },
    { colId: 'baseline', headerName: '基期值', width: 80, editable: true, type: 'rightAligned', valueGetter: (p) => formatCount(p.data?.baseline) },
    {
      colId: 'actual',
      headerName: '实际值',
      width: 84,
      editable: true,
      type: 'rightAligned',
      valueGetter: (p) => formatCount(p.data?.actual),
      headerTooltip: '按指标的单位填写，如目标为“万人”时填3.4；也可写“34000人”“98%”',
      // a cellClass replaces the one rightAligned brings: keep the alignment of its header
      cellClass: ['ag-right-aligned-cell', 'entry'],
      // saved, but probably typed in the wrong unit: say so in the cell
      cellClassRules: { 'warn-cell': (p) => isSuspicious(p.data) },
      tooltipValueGetter: (p) =>
        isSuspicious(p.data) ? `实际值是目标的${((p.data?.completion ?? 0)).toFixed(1)}倍，请检查单位（目标单位：${p.data?.unit ?? ''}）` : undefined,
    },
    { colId: 'completion', headerName: '完成率', width: 76, type: 'rightAligned', valueGetter: (p) => p.data?.completion ?? null, valueFormatter: (p) => formatPercent(p.value as number | null) },
    { colId: 'progress', headerName: '进度状态', width: 96, valueGetter: (p) => p.data?.progress ?? null, cellRenderer: ProgressCell },
    {
      field: 'dueDate',
      headerName: '截止日期',
      width: 112,
      editable: true,
      cellEditor: 'agDateStringCellEditor',
      headerTooltip: '日历选择；粘贴时也可写“2017年6月底”',
    },
    { colId: 'leadUnits', headerName: '责任单位', width: 120, valueGetter: (p) => (p.data?.leadUnits ?? []).join('、'), tooltipValueGetter: (p) => (p.data?.leadUnits ?? []).join('、') },
    { field: 'sourceText', headerName: '原文', flex: 1, minWidth: 120, tooltipField: 'sourceText' },
    { field: 'note', headerName: '备注', width: 100, editable: true, tooltipField: 'note' },
  ];
}

const totalsOf = (rows: readonly TargetRow[]) => ({
  task: '合计',
  label: `指标${rows.length}个，已达成${rows.filter((r) => r.progress === 'met').length}个`,
});

/** 指标: every quantitative target with its actual, completion and light against the time schedule. */
export function TargetsView(): React.JSX.Element {
  const targets = useTargetStore((state) => state.targets);
  const version = useTargetStore((state) => state.version);
  const progress = useTargetStore((state) => state.progress);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const columns = useMemo(targetColumns, []);

  useEffect(() => {
    void useTargetStore.getState().load();
  }, []);

  const onEdits = useCallback(async (edits: SheetEdit<TargetRow>[], label: string | undefined) => {
    const mapped = edits.flatMap((edit) => {
      const field = EDITABLE[edit.colId];
      return field ? [{ targetId: edit.row.id, field, value: edit.value }] : [];
    });
    return mapped.length ? useTargetStore.getState().updateCells(mapped, label) : null;
  }, []);
  const searchText = useCallback((row: TargetRow) => `${row.taskNumber ?? ''} ${row.taskTitle} ${row.label} ${row.leadUnits.join(' ')} ${row.sourceText} ${row.note}`, []);

  return (
    <div className="view grid-view" data-testid="targets-view">
      <SheetGrid<TargetRow>
        viewId="targets"
        testId="targets-sheet"
        rows={targets}
        rowsVersion={version}
        columns={columns}
        onEdits={onEdits}
        group={targetGroup}
        totals={totalsOf}
        searchText={searchText}
        toolbar={
          <>
            <ReasonField />
            {progress && (
              <button type="button" onClick={() => setSettingsOpen(true)} title="修改进度基准日与红黄灯阈值" data-testid="progress-settings">
                序时进度 {formatPercent(progress.elapsed)}（{progress.effectiveAsOf}）· 黄≥{progress.yellowPoints} 红≥{progress.redPoints}
              </button>
            )}
          </>
        }
      />
      {settingsOpen && progress && <ProgressSettingsDialog settings={progress} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
