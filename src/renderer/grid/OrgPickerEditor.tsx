import { useMemo, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useUnitStore } from '../stores/unit-store';

const split = (text: unknown): string[] =>
  String(text ?? '')
    .split(/[、,，;；/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Picks units from the owners list, in order of choice; the cell receives "甲、乙". */
export function UnitPickerEditor(props: CustomCellEditorProps): React.JSX.Element {
  const units = useUnitStore((state) => state.units);
  const [chosen, setChosen] = useState<string[]>(() => split(props.value));
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => units.filter((u) => u.name.includes(filter) || u.aliases.some((a) => a.includes(filter))), [units, filter]);
  const toggle = (name: string): void => {
    const next = chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name];
    setChosen(next);
    props.onValueChange(next.join('、'));
  };
  return (
    <div className="unit-picker" role="dialog" aria-label="选择责任单位">
      <input autoFocus placeholder="筛选单位…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="筛选单位" />
      <ul>
        {shown.map((unit) => (
          <li key={unit.id}>
            <label>
              <input type="checkbox" checked={chosen.includes(unit.name)} onChange={() => toggle(unit.name)} />
              {unit.name}
              {chosen.includes(unit.name) && <small>（第{chosen.indexOf(unit.name) + 1}）</small>}
            </label>
          </li>
        ))}
      </ul>
      <div className="unit-picker-actions">
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
