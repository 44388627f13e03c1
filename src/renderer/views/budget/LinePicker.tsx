import { useMemo, useState } from 'react';
import type { BudgetLineRow } from '../../../shared/budget';

/** More options than this make a list nobody scrolls and a dialog that takes seconds to open at 100,000 lines. */
export const MAX_LISTED_LINES = 200;

/** The lines whose code or name contains `query` (all when it is empty), at most `limit`, always with `keep`. */
export function matchingLines(lines: readonly BudgetLineRow[], query: string, keep?: number, limit = MAX_LISTED_LINES): BudgetLineRow[] {
  const text = query.trim();
  const shown: BudgetLineRow[] = [];
  for (const line of lines) {
    if (shown.length >= limit) break;
    if (text === '' || line.code.includes(text) || line.name.includes(text)) shown.push(line);
  }
  const kept = keep === undefined ? undefined : lines.find((line) => line.id === keep);
  if (kept && !shown.includes(kept)) shown.unshift(kept);
  return shown;
}

interface Props {
  lines: readonly BudgetLineRow[];
  value: number;
  onChange(lineId: number): void;
  label: string;
}

/** A budget line chosen from a list narrowed by code or name. */
export function LinePicker({ lines, value, onChange, label }: Props): React.JSX.Element {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => matchingLines(lines, query, value), [lines, query, value]);
  const more = lines.length > shown.length;
  return (
    <>
      {lines.length > MAX_LISTED_LINES && (
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="按科目编码或名称查找" aria-label={`查找${label}`} />
      )}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} aria-label={label}>
        {shown.map((l) => (
          <option key={l.id} value={l.id}>
            {l.code} {l.name}
            {l.livelihood ? '（民生）' : ''}
          </option>
        ))}
      </select>
      {more && (
        <span className="hint">
          共{lines.length}行，列出前{shown.length}行；输入编码或名称可缩小范围。
        </span>
      )}
    </>
  );
}
