import { columnLetter } from '../../core/exchange/sheet-data';
import type { ErrorDetail } from '../../shared/result';

/** The pieces of a sheet-mapping form the import dialogs share: column and unit choices, the header row, problems. */

export const MONEY_UNIT_CHOICES = { yuan: '元', wan: '万元', yi: '亿元' } as const;
export type MoneyUnitChoice = keyof typeof MONEY_UNIT_CHOICES;

interface ColumnSelectProps {
  label: string;
  value: number | null;
  headers: readonly string[];
  onChange(column: number | null): void;
  /** offers （无） for a column the table may not have */
  optional?: boolean;
}

export function ColumnSelect({ label, value, headers, onChange, optional = false }: ColumnSelectProps): React.JSX.Element {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} aria-label={label}>
        {optional && <option value="">（无）</option>}
        {headers.map((h, i) => (
          <option key={i} value={i}>
            {columnLetter(i)}列 {h}
          </option>
        ))}
      </select>
    </label>
  );
}

export function UnitSelect({ value, onChange }: { value: MoneyUnitChoice; onChange(unit: MoneyUnitChoice): void }): React.JSX.Element {
  return (
    <label>
      金额单位
      <select value={value} onChange={(e) => onChange(e.target.value as MoneyUnitChoice)} aria-label="金额单位">
        {Object.entries(MONEY_UNIT_CHOICES).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The header row, 1-based as a spreadsheet shows it; the mapping keeps it 0-based. */
export function HeaderRowInput({ value, onChange }: { value: number; onChange(row: number): void }): React.JSX.Element {
  return (
    <label>
      表头在第
      <input
        type="number"
        min={1}
        max={20}
        value={value + 1}
        onChange={(e) => onChange(Math.max(0, Number(e.target.value) - 1))}
        aria-label="表头行"
        style={{ width: 56 }}
      />
      行
    </label>
  );
}

export function ProblemList({ problems }: { problems: readonly ErrorDetail[] }): React.JSX.Element | null {
  if (problems.length === 0) return null;
  return (
    <div className="problems" role="alert">
      <strong>{problems.length} 处问题（全部改正后才能导入）：</strong>
      <ul>
        {problems.slice(0, 50).map((p, i) => (
          <li key={i}>
            {p.where ? `${p.where}：` : ''}
            {p.message}
          </li>
        ))}
      </ul>
      {problems.length > 50 && <p>……另有 {problems.length - 50} 处</p>}
    </div>
  );
}

/** "（GB18030编码）" after a CSV's name; nothing for a workbook. */
export function encodingNote(encoding: string): string {
  return encoding !== 'xlsx' ? `（${encoding.toUpperCase()}编码）` : '';
}
