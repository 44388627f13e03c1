import { useButtonRights } from '../stores/role-rights';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ProgressAsOf } from '../components/ProgressAsOf';
import type { ColDef } from 'ag-grid-community';
import { isEditableKey } from '../../shared/fields/field-spec';
import { ORG_FIELDS, type OrgFieldKey } from '../../shared/fields/org-fields';
import type { OrgRow } from '../../shared/grid';
import { Dialog } from '../components/Dialog';
import { ReasonField } from '../components/ReasonField';
import { fieldColumn } from '../grid/field-column';
import { type SheetEdit, SheetGrid } from '../grid/SheetGrid';
import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';
import { useOrgStore } from '../stores/org-store';

const column = (key: OrgFieldKey, def: ColDef<OrgRow>): ColDef<OrgRow> => fieldColumn(ORG_FIELDS, key, def);

const columns: ColDef<OrgRow>[] = [
  column('name', { field: 'name', width: 200, pinned: 'left' }),
  column('aliases', {
    width: 200,
    valueGetter: (p) => (p.data?.aliases ?? []).join('、'),
    headerTooltip: '多个别名用“、”分隔；计划文本和粘贴中出现别名时视为同一单位',
  }),
  column('leadCount', { field: 'leadCount', width: 96, type: 'numericColumn' }),
  column('coCount', { field: 'coCount', width: 96, type: 'numericColumn' }),
  column('targets', {
    width: 150,
    type: 'rightAligned',
    valueGetter: (p) => (p.data && !p.node?.rowPinned ? `${p.data.targetsMet}/${p.data.targetsTotal}` : ''),
  }),
  column('late', {
    width: 110,
    type: 'rightAligned',
    valueGetter: (p) => (p.data && !p.node?.rowPinned ? `${p.data.targetsYellow}/${p.data.targetsRed}` : ''),
    cellClassRules: { 'late-red': (p) => (p.data?.targetsRed ?? 0) > 0 },
  }),
  column('contact', { field: 'contact', width: 100 }),
  column('phone', { field: 'phone', width: 150 }),
];

function MergeDialog({ orgs, initial, onClose }: { orgs: OrgRow[]; initial: number | null; onClose(): void }): React.JSX.Element {
  const [from, setFrom] = useState<number>(initial ?? orgs[0]?.id ?? 0);
  const [into, setInto] = useState<number>(orgs.find((u) => u.id !== from)?.id ?? 0);
  const source = orgs.find((u) => u.id === from);
  const target = orgs.find((u) => u.id === into);
  const merge = async (): Promise<void> => {
    if (await useOrgStore.getState().merge(from, into)) {
      await useTaskStore.getState().load();
      useUiStore.getState().showInfo(`已将“${source?.name ?? ''}”并入“${target?.name ?? ''}”，原名称保留为别名。`);
      onClose();
    }
  };
  return (
    <Dialog
      title="合并责任单位"
      width="narrow"
      testId="merge-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={from === into} onClick={() => void merge()}>
            合并
          </button>
        </>
      }
    >
      <p className="hint">把一个单位的全部牵头、配合任务转给另一个单位（两者都参与的任务，以牵头为准），原名称保留为别名。可以撤销。</p>
      <label className="field">
        并入前的单位（将被删除）
        <select value={from} onChange={(e) => setFrom(Number(e.target.value))} aria-label="被合并的单位">
          {orgs.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        并入到
        <select value={into} onChange={(e) => setInto(Number(e.target.value))} aria-label="并入到">
          {orgs
            .filter((u) => u.id !== from)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
      </label>
      {source && (
        <p>
          “{source.name}”牵头{source.leadCount}项、配合{source.coCount}项任务，将转给“{target?.name ?? ''}”。
        </p>
      )}
    </Dialog>
  );
}

/** 责任单位: the owners list, their workload and progress, contacts; merge two spellings of one org. */
export function OwnersView(): React.JSX.Element {
  const orgs = useOrgStore((state) => state.orgs);
  const version = useOrgStore((state) => state.version);
  const [mergeOpen, setMergeOpen] = useState(false);
  const focused = useRef<number | null>(null);
  // adding or merging 责任单位 changes the plan's structure: 管理员's
  const structure = useButtonRights('structure');

  useEffect(() => {
    void useOrgStore.getState().load();
  }, []);

  const onEdits = useCallback(async (edits: SheetEdit<OrgRow>[], label: string | undefined) => {
    const mapped = edits.flatMap((edit) => {
      const field = edit.colId;
      return isEditableKey(ORG_FIELDS, field) ? [{ orgId: edit.row.id, field, value: edit.value }] : [];
    });
    return mapped.length ? useOrgStore.getState().updateCells(mapped, label) : null;
  }, []);
  const searchText = useCallback((row: OrgRow) => `${row.name} ${row.aliases.join(' ')} ${row.contact} ${row.phone}`, []);
  const totals = useMemo(
    () => (rows: readonly OrgRow[]) => ({
      name: `合计 ${rows.length}个单位`,
      leadCount: rows.reduce((n, r) => n + r.leadCount, 0),
      coCount: rows.reduce((n, r) => n + r.coCount, 0),
    }),
    [],
  );
  const add = async (): Promise<void> => {
    const name = await useUiStore.getState().ask({ title: '新增单位', message: '单位名称：', defaultValue: '', confirmLabel: '新增' });
    if (name) await useOrgStore.getState().add(name);
  };

  return (
    <div className="view grid-view" data-testid="owners-view">
      <SheetGrid<OrgRow>
        viewId="owners"
        testId="owners-sheet"
        rows={orgs}
        rowsVersion={version}
        columns={columns}
        onEdits={onEdits}
        totals={totals}
        searchText={searchText}
        rowLabel={(org) => `单位“${org.name}”`}
        onCellFocused={(row) => {
          focused.current = row?.id ?? null;
        }}
        toolbar={
          <>
            <ReasonField />
            <button type="button" onClick={() => void add()} {...structure}>
              新增单位
            </button>
            <button type="button" onClick={() => setMergeOpen(true)} disabled={orgs.length < 2} {...structure}>
              合并单位…
            </button>
            <ProgressAsOf />
          </>
        }
      />
      {mergeOpen && <MergeDialog orgs={orgs} initial={focused.current} onClose={() => setMergeOpen(false)} />}
    </div>
  );
}
