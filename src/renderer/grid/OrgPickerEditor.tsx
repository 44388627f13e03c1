import { useMemo, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useOrgStore } from '../stores/org-store';

const split = (text: unknown): string[] =>
  String(text ?? '')
    .split(/[、,，;；/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Picks orgs from the owners list, in order of choice; the cell receives "甲、乙". */
export function OrgPickerEditor(props: CustomCellEditorProps): React.JSX.Element {
  const orgs = useOrgStore((state) => state.orgs);
  const [chosen, setChosen] = useState<string[]>(() => split(props.value));
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => orgs.filter((u) => u.name.includes(filter) || u.aliases.some((a) => a.includes(filter))), [orgs, filter]);
  const toggle = (name: string): void => {
    const next = chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name];
    setChosen(next);
    props.onValueChange(next.join('、'));
  };
  return (
    <div className="org-picker" role="dialog" aria-label="选择责任单位">
      <input autoFocus placeholder="筛选单位…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="筛选单位" />
      <ul>
        {shown.map((org) => (
          <li key={org.id}>
            <label>
              <input type="checkbox" checked={chosen.includes(org.name)} onChange={() => toggle(org.name)} />
              {org.name}
              {chosen.includes(org.name) && <small>（第{chosen.indexOf(org.name) + 1}）</small>}
            </label>
          </li>
        ))}
      </ul>
      <div className="org-picker-actions">
        <button type="button" onClick={() => props.stopEditing(true)}>
          取消
        </button>
        <button type="button" className="primary" onClick={() => props.stopEditing()}>
          确定
        </button>
      </div>
    </div>
  );
}
