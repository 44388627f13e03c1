import { useCallback, useMemo, useRef, useState } from 'react';
import type { IAfterGuiAttachedParams } from 'ag-grid-community';
import { type CustomFilterProps, useGridFilter } from 'ag-grid-react';
import {
  BLANK_LABEL,
  checkedBy,
  type ColumnFilterModel,
  CONDITION_LABELS,
  type ConditionOp,
  type FilterHost,
  filterKindOf,
  isCompleteCondition,
  type ValueEntry,
  valuesFromChoice,
} from './column-filter';

/** Values listed at once; more are reached through the search box (a 100,000-line amount column has 100,000). */
const MAX_LISTED = 500;

interface Draft {
  op: ConditionOp | '';
  value: string;
  value2: string;
  search: string;
  checked: Set<string>;
}

function draftFrom(model: ColumnFilterModel | null, entries: readonly ValueEntry[]): Draft {
  const all = entries.map((entry) => entry.text);
  return {
    op: model?.condition?.op ?? '',
    value: model?.condition?.value ?? '',
    value2: model?.condition?.value2 ?? '',
    search: '',
    checked: checkedBy(model, all),
  };
}

/**
 * The popup of a column's filter button, as in Excel/WPS: a condition (numbers and dates), then every value the
 * column shows with its count — tick, untick, search — and 确定. The rows themselves are filtered by the grid
 * (SheetGrid's filter pass), which also hides a group header whose rows are all filtered out.
 */
export function ColumnFilter(props: CustomFilterProps<unknown, { filterHost: FilterHost }, ColumnFilterModel>): React.JSX.Element {
  const { model, onModelChange, column, context } = props;
  const kind = filterKindOf(column.getColDef());
  const colId = column.getColId();
  const [entries, setEntries] = useState<ValueEntry[]>([]);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(model, []));
  const hidePopup = useRef<(() => void) | null>(null);

  const afterGuiAttached = useCallback(
    (params?: IAfterGuiAttachedParams) => {
      hidePopup.current = params?.hidePopup ?? null;
      // the values as they are now: edits since the last opening show up
      const fresh = context.filterHost.entries(colId, kind);
      setEntries(fresh);
      setDraft(draftFrom(model, fresh));
    },
    [context, colId, kind, model],
  );
  // the rows are filtered in SheetGrid's external filter, which sees every column's model at once
  useGridFilter({ doesFilterPass: () => true, afterGuiAttached });

  const needle = draft.search.trim().toLowerCase();
  const found = useMemo(
    () => (needle ? entries.filter((entry) => (entry.text || BLANK_LABEL).toLowerCase().includes(needle)) : entries),
    [entries, needle],
  );
  const listed = found.slice(0, MAX_LISTED);
  const allTicked = found.every((entry) => draft.checked.has(entry.text));
  const someTicked = found.some((entry) => draft.checked.has(entry.text));

  const update = (patch: Partial<Draft>): void => setDraft((current) => ({ ...current, ...patch }));
  const tick = (texts: readonly string[], on: boolean): void =>
    setDraft((current) => {
      const checked = new Set(current.checked);
      for (const text of texts) {
        if (on) checked.add(text);
        else checked.delete(text);
      }
      return { ...current, checked };
    });

  const apply = (): void => {
    const condition = draft.op
      ? { op: draft.op, value: draft.value, ...(draft.op === 'between' ? { value2: draft.value2 } : {}) }
      : undefined;
    const values = valuesFromChoice(
      entries.map((entry) => entry.text),
      draft.checked,
      needle ? found.map((entry) => entry.text) : null,
    );
    const next: ColumnFilterModel = {
      ...(values ? { values } : {}),
      ...(condition && isCompleteCondition(kind, condition) ? { condition } : {}),
    };
    onModelChange(next.values || next.condition ? next : null);
    hidePopup.current?.();
  };
  const clear = (): void => {
    onModelChange(null);
    hidePopup.current?.();
  };

  const inputType = kind === 'date' ? 'date' : 'text';
  return (
    <div className="column-filter" data-testid="column-filter" onKeyDown={(e) => e.key === 'Enter' && apply()}>
      <div className="filter-condition">
        <select value={draft.op} onChange={(e) => update({ op: e.target.value as ConditionOp | '' })} aria-label="筛选条件">
          <option value="">（按条件筛选）</option>
          {CONDITION_LABELS[kind].map(([op, label]) => (
            <option key={op} value={op}>
              {label}
            </option>
          ))}
        </select>
        {draft.op && (
          <input
            type={inputType}
            value={draft.value}
            onChange={(e) => update({ value: e.target.value })}
            aria-label="条件值"
            placeholder={kind === 'number' ? '如 90' : ''}
          />
        )}
        {draft.op === 'between' && (
          <>
            <span>至</span>
            <input type={inputType} value={draft.value2} onChange={(e) => update({ value2: e.target.value })} aria-label="条件上限" />
          </>
        )}
      </div>
      <input
        className="filter-search"
        type="search"
        value={draft.search}
        onChange={(e) => update({ search: e.target.value })}
        placeholder="搜索"
        aria-label="搜索值"
      />
      <label className="filter-all">
        <input
          type="checkbox"
          checked={allTicked}
          ref={(box) => {
            if (box) box.indeterminate = someTicked && !allTicked;
          }}
          onChange={() =>
            tick(
              found.map((entry) => entry.text),
              !allTicked,
            )
          }
        />
        {needle ? '（全选搜索结果）' : '（全选）'}
      </label>
      <ul className="filter-values" aria-label="值列表">
        {listed.map((entry) => (
          <li key={entry.text}>
            <label>
              <input type="checkbox" checked={draft.checked.has(entry.text)} onChange={(e) => tick([entry.text], e.target.checked)} />
              <span className="filter-value">{entry.text || BLANK_LABEL}</span>
              <span className="filter-count">{entry.count}</span>
            </label>
          </li>
        ))}
      </ul>
      {found.length > listed.length && <p className="hint">另有{found.length - listed.length}项未列出，请用搜索缩小范围。</p>}
      <div className="filter-actions">
        <button type="button" onClick={clear}>
          清除筛选
        </button>
        <button type="button" className="primary" onClick={apply}>
          确定
        </button>
      </div>
    </div>
  );
}
