import type { ReactNode } from 'react';

export interface RowToggle<T> {
  id: string;
  label: string;
  title?: string;
  /** the rows shown while the toggle is on */
  test(row: T): boolean;
}

interface SheetToolbarProps {
  search: string;
  onSearch(text: string): void;
  /** "领域" when the grid can group (按领域分组); undefined when it cannot */
  groupName?: string;
  grouped: boolean;
  onGrouped(grouped: boolean): void;
  allCollapsed: boolean;
  onCollapseAll(): void;
  toggles: readonly { id: string; label: string; title?: string }[];
  activeToggles: ReadonlySet<string>;
  onToggle(id: string): void;
  /** rows left by the filters, or null when nothing filters */
  shownCount: number | null;
  onClearFilters(): void;
  children?: ReactNode;
  hint: string;
}

/** Above every SheetGrid: quick search, grouping, the view's toggles and tools, what the filters leave. */
export function SheetToolbar(props: SheetToolbarProps): React.JSX.Element {
  const { groupName, grouped } = props;
  return (
    <div className="toolbar">
      <input
        className="quick-search"
        type="search"
        placeholder="快速查找…"
        aria-label="快速查找"
        title="在各列（含进度状态、状态）中查找"
        value={props.search}
        onChange={(e) => props.onSearch(e.target.value)}
      />
      {groupName !== undefined && (
        <label className="group-switch" title={`关闭后按列排序在全部行中进行，不再限于各${groupName}之内`}>
          <input type="checkbox" checked={grouped} onChange={(e) => props.onGrouped(e.target.checked)} />按{groupName}分组
        </label>
      )}
      {groupName !== undefined && grouped && (
        <button type="button" onClick={props.onCollapseAll}>
          {props.allCollapsed ? '全部展开' : '全部折叠'}
        </button>
      )}
      {props.toggles.map((toggle) => (
        <button
          key={toggle.id}
          type="button"
          className="toggle"
          aria-pressed={props.activeToggles.has(toggle.id)}
          title={toggle.title}
          onClick={() => props.onToggle(toggle.id)}
        >
          {toggle.label}
        </button>
      ))}
      {props.children}
      <span className="toolbar-gap" />
      {props.shownCount !== null && (
        <span className="filter-status" data-testid="filter-status">
          筛选后 {props.shownCount} 行
          <button type="button" className="link" onClick={props.onClearFilters}>
            清除筛选
          </button>
        </span>
      )}
      <span className="hint" title={props.hint}>
        {props.hint}
      </span>
    </div>
  );
}
