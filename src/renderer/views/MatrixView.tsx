import { useCallback, useEffect, useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { TaskRow } from '../../shared/contract';
import type { OrgRow } from '../../shared/grid';
import { ReasonField } from '../components/ReasonField';
import { type SheetEdit, SheetGrid } from '../grid/SheetGrid';
import type { GroupSpec } from '../grid/grouping';
import { type OwnerChange, useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';
import { useOrgStore } from '../stores/org-store';

type Role = 'lead' | 'co' | null;
const MARKS: Record<'lead' | 'co', string> = { lead: '●', co: '○' };
const NEXT_ROLE: Record<string, Role> = { none: 'lead', lead: 'co', co: null };
/** An org's column id: `org:12` (column-state.ts reads widths saved under the earlier `unit:12`). */
const orgColumnId = (orgId: number): string => `org:${orgId}`;

function roleOf(task: TaskRow | undefined, org: OrgRow): Role {
  if (!task) return null;
  if (task.leadOrgs.includes(org.name)) return 'lead';
  if (task.coOrgs.includes(org.name)) return 'co';
  return null;
}

/** What a typed or pasted mark means: ● 牵头 L 1 → lead, ○ 配合 C 2 → co, empty → none. */
export function parseRoleMark(text: string): Role | undefined {
  const value = text.trim().toLowerCase();
  if (['●', '牵头', 'l', '1', '牵'].includes(value)) return 'lead';
  if (['○', '〇', '配合', 'c', '2', '配'].includes(value)) return 'co';
  if (['', '-', '—', '0', '无'].includes(value)) return null;
  return undefined;
}

const matrixGroup: GroupSpec<TaskRow> = {
  name: '领域',
  keyOf: (row) => String(row.domainOrdinal),
  orderOf: (row) => row.domainOrdinal,
  labelOf: (row) => row.domainName,
  summaryOf: (rows) => `${rows.length}项任务`,
};

/** 分工矩阵: tasks × orgs, ● lead / ○ co — the classic 任务分工表 — toggled by click or keyboard. */
export function MatrixView(): React.JSX.Element {
  const tasks = useTaskStore((state) => state.tasks);
  const version = useTaskStore((state) => state.version);
  const orgs = useOrgStore((state) => state.orgs);
  const orgVersion = useOrgStore((state) => state.version);

  useEffect(() => {
    void useOrgStore.getState().load();
  }, []);

  const apply = useCallback(async (changes: OwnerChange[], label?: string) => useTaskStore.getState().setOwners(changes, label), []);

  const cycle = useCallback(
    (task: TaskRow, org: OrgRow, role?: Role) => {
      const next = role === undefined ? (NEXT_ROLE[roleOf(task, org) ?? 'none'] ?? null) : role;
      return apply([{ taskId: task.id, orgId: org.id, role: next }]);
    },
    [apply],
  );

  const columns = useMemo<ColDef<TaskRow>[]>(() => {
    const orgColumns = orgs.map((org): ColDef<TaskRow> => ({
      colId: orgColumnId(org.id),
      headerName: org.name.replace(/^市/, ''),
      headerTooltip: org.name,
      width: 62,
      wrapHeaderText: true,
      autoHeaderHeight: true,
      editable: true,
      cellClass: 'matrix-cell',
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['●', '○', ''] },
      valueGetter: (p) => {
        const role = roleOf(p.data, org);
        return role ? MARKS[role] : '';
      },
    }));
    return [
      { field: 'number', headerName: '编号', width: 58, pinned: 'left', type: 'numericColumn' },
      { field: 'title', headerName: '任务', width: 150, pinned: 'left', tooltipField: 'title' },
      ...orgColumns,
    ];
    // org columns follow the orgs list
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orgVersion]);

  const onEdits = useCallback(
    async (edits: SheetEdit<TaskRow>[], label: string | undefined) => {
      const changes: OwnerChange[] = [];
      const bad: string[] = [];
      for (const edit of edits) {
        const orgId = Number(edit.colId.replace('org:', ''));
        const role = parseRoleMark(edit.value);
        if (role === undefined) bad.push(`任务${edit.row.number}：“${edit.value}”不是分工标记（● 牵头，○ 配合，空白为不参与）`);
        else changes.push({ taskId: edit.row.id, orgId, role });
      }
      if (bad.length > 0) {
        useUiStore.setState({
          message: { tone: 'error', text: `${bad.length}个单元格无法识别，整批未做任何修改。`, details: bad.slice(0, 20) },
        });
        return null;
      }
      return apply(changes, label);
    },
    [apply],
  );

  const orgOf = (colId: string): OrgRow | undefined => orgs.find((u) => orgColumnId(u.id) === colId);
  const searchText = useCallback((row: TaskRow) => `${row.number} ${row.title} ${row.leadOrgs.join(' ')} ${row.coOrgs.join(' ')}`, []);

  return (
    <div className="view grid-view" data-testid="matrix-view">
      <SheetGrid<TaskRow>
        key={orgVersion}
        viewId="matrix"
        testId="matrix-sheet"
        rows={tasks}
        rowsVersion={version}
        columns={columns}
        onEdits={onEdits}
        group={matrixGroup}
        suppressClickEdit
        searchText={searchText}
        rowLabel={(task) => `任务${task.number}`}
        onCellClicked={(task, colId) => {
          const org = orgOf(colId);
          return org ? cycle(task, org) : undefined;
        }}
        onCellKey={(task, colId, event) => {
          const org = orgOf(colId);
          const key = event.key.toLowerCase();
          if (!org) return undefined;
          if (key === ' ' || key === 'enter') return cycle(task, org);
          if (key === 'l') return cycle(task, org, 'lead');
          if (key === 'c') return cycle(task, org, 'co');
          return undefined;
        }}
        toolbar={
          <>
            <ReasonField />
            <span className="hint">● 牵头　○ 配合　单击或按空格轮换，L 设为牵头，C 设为配合，Delete 清除</span>
          </>
        }
      />
    </div>
  );
}
