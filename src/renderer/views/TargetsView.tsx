import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { COMPARATOR_SIGNS } from '../../core/plan/cell-values';
import { writtenFigure } from '../../core/plan/target-text';
import { type EditableWhen, isEditableKey } from '../../shared/fields/field-spec';
import { TARGET_FIELDS, type TargetFieldKey } from '../../shared/fields/target-fields';
import type { TargetRow } from '../../shared/grid';
import { ReasonField } from '../components/ReasonField';
import { formatCount, formatPercent } from '../format';
import { fieldColumn } from '../grid/field-column';
import { fitContent } from '../grid/fit-content';
import { isLateOrMissing, progressColumn, progressLabel } from '../grid/progress-column';
import { type RowToggle, type SheetEdit, SheetGrid } from '../grid/SheetGrid';
import type { GroupSpec } from '../grid/grouping';
import { useAreaRefusal, useTargetCellRefusal } from '../stores/role-rights';
import { useTargetStore } from '../stores/target-store';
import { ProgressSettingsDialog } from './targets/ProgressSettingsDialog';
import { TargetLinkDialog } from './targets/TargetLinkDialog';

const targetGroup: GroupSpec<TargetRow> = {
  name: '领域',
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

/** An actual ten times the target (or a tenth of a ≤ target's) is almost always a unit slip (人 vs 万人). */
function isSuspicious(row: TargetRow | undefined): boolean {
  // a relative target's completion is the share of a promised change, and a linked actual is not typed
  if (!row || row.relativeToYear !== null || row.link) return false;
  const completion = row.completion;
  return completion !== null && (completion >= 10 || completion <= 0.01);
}

/** A target that states a share of livelihood spending can take its actual from the budget. */
const looksLikeBudgetShare = (row: TargetRow): boolean =>
  row.baseUnit === 'ratio' && row.relativeToYear === null && /民生支出/.test(row.label);

function relativeTooltip(row: TargetRow): string {
  const how =
    row.unit === '个百分点'
      ? `${row.relativeToYear}年值${row.comparator === '<=' ? '减' : '加'}${row.value ?? ''}个百分点`
      : `${row.relativeToYear}年值×(1${row.comparator === '<=' ? '−' : '+'}${row.value ?? ''}%)`;
  if (row.relativeLevel === null)
    return `相对${row.relativeToYear}年的目标：请在“基期值”填${row.relativeToYear}年的实际水平（%），目标水平＝${how}`;
  return `目标水平 ${COMPARATOR_SIGNS[row.comparator]} ${formatCount(row.relativeLevel)}%（＝${how}）；完成率＝实际提高幅度÷计划提高幅度。如原文指“个百分点”，可把目标值改为“${row.value ?? ''}个百分点”`;
}

/** 基期值: a relative target asks for its base year's value where it is still empty. */
function BaselineCell(props: CustomCellRendererProps<TargetRow>): React.JSX.Element {
  const row = props.data;
  if (row && row.relativeToYear !== null && row.baseline === null)
    return <span className="placeholder-cell">填{row.relativeToYear}年值</span>;
  return <>{props.value as string}</>;
}

/** 实际值: a linked actual shows where it comes from. */
function ActualCell(props: CustomCellRendererProps<TargetRow>): React.JSX.Element {
  const row = props.data;
  if (row?.link) {
    return (
      <span className="linked-actual">
        <span className="link-mark" aria-label="取自预算">
          预算
        </span>
        {props.value as string}
      </span>
    );
  }
  return <>{props.value as string}</>;
}

/** A linked actual fills itself; every other editable field edits always. */
const editableIn = (when: EditableWhen): ColDef<TargetRow>['editable'] => (when === 'unlinked' ? (p) => !p.data?.link : when === 'always');
const column = (key: TargetFieldKey, def: ColDef<TargetRow>): ColDef<TargetRow> => fieldColumn(TARGET_FIELDS, key, def, editableIn);

function targetColumns(): ColDef<TargetRow>[] {
  return [
    column('taskTitle', {
      colId: 'task',
      width: 130,
      pinned: 'left',
      valueGetter: (p) => (p.data ? (p.data.taskNumber === null ? '重点工作' : `${p.data.taskNumber}. ${p.data.taskTitle}`) : ''),
      tooltipValueGetter: (p) => p.data?.taskTitle ?? '',
    }),
    column('label', { field: 'label', width: 190, pinned: 'left', tooltipField: 'label' }),
    column('comparator', {
      field: 'comparator',
      width: 64,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: Object.values(COMPARATOR_SIGNS) },
      valueGetter: (p) => (p.data ? COMPARATOR_SIGNS[p.data.comparator] : ''),
      cellClass: 'center',
    }),
    column('value', {
      width: 96,
      type: 'rightAligned',
      // a relative target reads as the plan wrote it: 较2016年提高3%
      valueGetter: (p) => (p.data ? writtenFigure(p.data) : ''),
      tooltipValueGetter: (p) => (p.data && p.data.relativeToYear !== null ? relativeTooltip(p.data) : undefined),
    }),
    column('unit', { width: 64, valueGetter: (p) => (p.data && p.data.relativeToYear === null ? p.data.unit : '') }),
    column('baseline', {
      width: 84,
      type: 'rightAligned',
      valueGetter: (p) => formatCount(p.data?.baseline),
      cellRenderer: BaselineCell,
      headerTooltip: '基期（上年或计划写明的年份）的水平；“较2016年提高3%”这类指标据此计算目标水平',
      tooltipValueGetter: (p) => (p.data && p.data.relativeToYear !== null ? relativeTooltip(p.data) : undefined),
    }),
    column('actual', {
      width: 96,
      type: 'rightAligned',
      // a linked share reads by the percentage rule (72.01), a typed figure as typed
      valueGetter: (p) => (p.data?.link && p.data.actual !== null ? p.data.actual.toFixed(2) : formatCount(p.data?.actual)),
      cellRenderer: ActualCell,
      headerTooltip: '按指标的单位填写，如目标为“万人”时填3.4；也可写“34000人”“98%”',
      // a cellClass replaces the one rightAligned brings: keep the alignment of its header
      cellClass: ['ag-right-aligned-cell', 'entry'],
      // saved, but probably typed in the wrong unit: say so in the cell
      cellClassRules: { 'warn-cell': (p) => isSuspicious(p.data), linked: (p) => !!p.data?.link },
      tooltipValueGetter: (p) => {
        const row = p.data;
        if (!row) return undefined;
        if (row.link) return `${row.actualSource}。自动更新；如需手填，请先在工具栏“实际值取自…”中取消关联`;
        if (isSuspicious(row)) return `实际值是目标的${(row.completion ?? 0).toFixed(1)}倍，请检查单位（目标单位：${row.unit}）`;
        if (row.actual === null && looksLikeBudgetShare(row)) return '可在工具栏“实际值取自…”中关联预算的民生支出占比，自动填写';
        return undefined;
      },
    }),
    column('completion', {
      width: 84,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.completion ?? null,
      valueFormatter: (p) =>
        p.data && p.data.relativeToYear !== null && p.data.relativeLevel === null && p.data.actual !== null
          ? '待填基期值'
          : formatPercent(p.value as number | null),
      headerTooltip: '“≥”类为实际÷目标，“≤”类为目标÷实际；相对基期的指标为实际提高幅度÷计划提高幅度',
    }),
    column('progress', { width: 96, valueGetter: (p) => p.data?.progress ?? null, ...progressColumn }),
    column('dueDate', {
      field: 'dueDate',
      width: 112,
      // typed like any cell (no calendar popping up): 2017-06-30, 2017年6月底
      cellEditor: 'agTextCellEditor',
      filterParams: { kind: 'date' },
      headerTooltip: '直接输入，如“2017-06-30”或“2017年6月底”',
    }),
    fitContent(
      column('leadOrgs', {
        width: 120,
        valueGetter: (p) => (p.data?.leadOrgs ?? []).join('、'),
        tooltipValueGetter: (p) => (p.data?.leadOrgs ?? []).join('、'),
      }),
      { minWidth: 90, maxWidth: 280 },
    ),
    column('sourceText', { field: 'sourceText', flex: 1, minWidth: 120, tooltipField: 'sourceText' }),
    column('note', { field: 'note', width: 100, tooltipField: 'note' }),
  ];
}

const totalsOf = (rows: readonly TargetRow[]) => ({
  task: '合计',
  label: `指标${rows.length}个，已达成${rows.filter((r) => r.progress === 'met').length}个`,
});

const lateToggle: RowToggle<TargetRow>[] = [
  { id: 'late', label: '只看滞后/未填报', title: '只显示严重滞后、滞后和未填报实际值的指标', test: (row) => isLateOrMissing(row.progress) },
];

const targetName = (row: TargetRow): string => `${row.taskNumber === null ? '重点工作' : `任务${row.taskNumber}`} · 指标“${row.label}”`;

/** 指标: every quantitative target with its actual, completion and light against the time schedule. */
export function TargetsView(): React.JSX.Element {
  const targets = useTargetStore((state) => state.targets);
  const version = useTargetStore((state) => state.version);
  const progress = useTargetStore((state) => state.progress);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [focused, setFocused] = useState<TargetRow | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const focusedRow = focused ? (targets.find((t) => t.id === focused.id) ?? focused) : null;
  const columns = useMemo(targetColumns, []);
  const editRefusal = useTargetCellRefusal();
  const linkRefusal = useAreaRefusal('values');

  useEffect(() => {
    void useTargetStore.getState().load();
  }, []);

  const onEdits = useCallback(async (edits: SheetEdit<TargetRow>[], label: string | undefined) => {
    const mapped = edits.flatMap((edit) => {
      const field = edit.colId;
      return isEditableKey(TARGET_FIELDS, field) ? [{ targetId: edit.row.id, field, value: edit.value }] : [];
    });
    return mapped.length ? useTargetStore.getState().updateCells(mapped, label) : null;
  }, []);
  const searchText = useCallback(
    (row: TargetRow) =>
      `${row.taskNumber ?? ''} ${row.taskTitle} ${row.label} ${progressLabel(row.progress)} ${row.leadOrgs.join(' ')} ${row.sourceText} ${row.note}`,
    [],
  );

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
        rowLabel={targetName}
        rowToggles={lateToggle}
        editRefusal={editRefusal}
        onCellFocused={(row) => setFocused(row)}
        toolbar={
          <>
            <ReasonField />
            <button
              type="button"
              data-testid="open-target-link"
              disabled={!focusedRow || focusedRow.baseUnit !== 'ratio' || focusedRow.relativeToYear !== null || linkRefusal !== null}
              title={
                linkRefusal ?? (focusedRow ? `指标“${focusedRow.label}”的实际值：手填，或取自预算的民生支出占比` : '先选中一个以%计的指标')
              }
              onClick={() => setLinkOpen(true)}
            >
              实际值取自…
            </button>
            {progress && (
              <button
                type="button"
                onClick={() => setSettingsOpen(true)}
                title="修改进度基准日与红黄灯阈值"
                data-testid="progress-settings"
              >
                序时进度 {formatPercent(progress.elapsed)}（截至{progress.effectiveAsOf}）· 黄≥{progress.yellowPoints} 红≥
                {progress.redPoints}
              </button>
            )}
          </>
        }
      />
      {settingsOpen && progress && <ProgressSettingsDialog settings={progress} onClose={() => setSettingsOpen(false)} />}
      {linkOpen && focusedRow && <TargetLinkDialog target={focusedRow} onClose={() => setLinkOpen(false)} />}
    </div>
  );
}
