import type { ReactNode } from 'react';
import { FUNCTION_CLASSES_2017, LIVELIHOOD_PRESETS, presetOf } from '../../core/budget/classification';

interface ClassPickerProps {
  classes: ReadonlySet<string>;
  onChange(next: Set<string>): void;
  /** shown before the preset buttons (the floor input in the floor settings) */
  leading?: ReactNode;
}

/** Which function classes count as 民生: the two presets and any custom set, with where each definition comes from. */
export function ClassPicker({ classes, onChange, leading }: ClassPickerProps): React.JSX.Element {
  const preset = presetOf([...classes]);
  const toggle = (code: string): void => {
    const next = new Set(classes);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    onChange(next);
  };
  return (
    <>
      <div className="form-row">
        {leading}
        {Object.values(LIVELIHOOD_PRESETS).map((p) => (
          <button key={p.id} type="button" className={preset === p.id ? 'active' : ''} onClick={() => onChange(new Set(p.classes))}>
            {p.label}
          </button>
        ))}
        <span className="badge">{preset === 'custom' ? '自定义口径' : LIVELIHOOD_PRESETS[preset].label}</span>
      </div>
      <p className="hint">{preset === 'custom' ? '自定义口径：勾选的功能分类计入民生支出。' : LIVELIHOOD_PRESETS[preset].source}</p>
      <div className="class-grid">
        {FUNCTION_CLASSES_2017.map((c) => (
          <label key={c.code} title={c.laterName ? `现称${c.laterName}` : undefined}>
            <input type="checkbox" checked={classes.has(c.code)} onChange={() => toggle(c.code)} />
            {c.code} {c.name}
          </label>
        ))}
      </div>
    </>
  );
}
