import { classLabel } from '../core/budget/classification';
import { formatWan, groupedNumber } from '../core/budget/money';
import { COMPARATOR_SIGNS, toWrittenUnit } from '../core/plan/cell-values';
import { formatStatedPercent } from '../core/percent';
import type { Comparator } from '../shared/plan';
import { BUDGET_FIELDS } from '../shared/fields/budget-fields';
import { TASK_STATUS_LABELS } from '../shared/task-status';
import type { TaskStatus } from '../shared/contract';
import { recordName } from './store/record-names';
import type { Db } from './store/connection';
import { lineFigures, overrideOf } from './store/scenario-repository';
import { targetStates } from './store/target-repository';

/**
 * The old and new values of a change-log row as a person reads them: a target's figures in the unit it is
 * written in (15.5万人, not 155000; 97.5%, not 0.975), money in 万元, codes as words (推进中, ≥, 是/否), a
 * scenario's adjustment with its amount (+500.00万元, +5%), a setting by name.
 */

type SqlValue = string | number | null;

export interface ChangeRow {
  op: 'update' | 'insert' | 'delete' | 'insert_range';
  table: string;
  rowKey: string;
  field: string;
  oldValue: SqlValue;
  newValue: SqlValue;
  rowJson: string | null;
}

export interface ChangeTexts {
  oldText: string;
  newText: string;
  /** a better name for the field than the column's, when the row says more (情景调整 → 金额) */
  fieldLabel?: string;
}

/** Fields written alongside another that says the same thing (a target's base value beside its value). */
export const DERIVED_FIELDS: Readonly<Record<string, readonly string[]>> = { target: ['base_value', 'base_unit'] };

const EMPTY = '（空）';
const count = (n: number): string => groupedNumber(n, 0, 4);
const wan = (fen: number): string => `${formatWan(fen)}万元`;
const yuan = (fen: number): string => `${groupedNumber(fen / 100, 2, 2)}元`;
const yesNo = (v: SqlValue): string => (v === null ? '按功能分类判断' : Number(v) === 1 ? '是' : '否');

/** A scenario adjusts a line's amount, quantity or rate: named as the line's field is. */
const overrideFieldLabel = (field: string): string =>
  field === 'amount' || field === 'quantity' || field === 'rate' ? BUDGET_FIELDS[field].label : field;

interface OverrideValue {
  field: string;
  op: string;
  value: number;
}

/** One scenario adjustment in words: 设为 29,400.00万元 / +500.00万元 / +5% / 设为 62.49万. */
export function overrideText({ field, op, value }: OverrideValue): string {
  if (op === 'pct') return `${value > 0 ? '+' : ''}${formatStatedPercent(value)}`;
  const amount = field === 'amount' ? wan(value) : field === 'rate' ? yuan(value) : count(value);
  if (op === 'add') return `${value > 0 ? '+' : ''}${amount}`;
  return amount;
}

/** Builds the describer for one listing: a target's units are read once per target. */
export function changeTexts(db: Db): (row: ChangeRow) => ChangeTexts {
  const targetUnits = new Map<number, { unit: string; baseUnit: string } | null>();
  const targetUnit = (id: number): { unit: string; baseUnit: string } | null => {
    if (!targetUnits.has(id)) {
      const [state] = targetStates(db, [id]);
      targetUnits.set(id, state ? { unit: state.unit, baseUnit: state.base_unit } : null);
    }
    return targetUnits.get(id) ?? null;
  };
  const baselineFen = (lineId: number): number | null => lineFigures(db, lineId)?.amountFen ?? null;
  const baselineAmount = (lineId: number, field: string): string => {
    const line = lineFigures(db, lineId);
    if (!line) return '基线值';
    if (field === 'amount') return `基线 ${wan(line.amountFen)}`;
    if (field === 'rate') return line.rateFen === null ? '基线值' : `基线 ${yuan(line.rateFen)}`;
    return line.quantity === null ? '基线值' : `基线 ${count(line.quantity)}`;
  };

  /** A target figure stored in base units, shown in the unit the target is written in. */
  const targetFigure = (targetId: number, field: string, value: SqlValue): string => {
    if (value === null || value === '') return EMPTY;
    const units = targetUnit(targetId);
    if (typeof value !== 'number' || !units) return String(value);
    if (field === 'value') return `${count(value)}${units.unit}`;
    return `${count(toWrittenUnit(value, units.unit))}${units.unit}`;
  };

  const settingText = (key: string, value: SqlValue): string => {
    if (value === null) return EMPTY;
    const text = String(value);
    switch (key) {
      case 'budget.floor':
        return formatStatedPercent(Number(text));
      case 'budget.livelihood_classes': {
        try {
          const codes = JSON.parse(text) as string[];
          return codes.map((code) => `${code} ${classLabel(code).replace(/（.*）/, '')}`).join('、') || EMPTY;
        } catch {
          return text;
        }
      }
      case 'budget.current_scenario':
        return recordName(db, 'scenario', Number(text)) ?? (text ? `情景（编号${text}）` : '当前基线');
      case 'progress.as_of':
        return text === '' ? '默认（计划年度内为今天，往年为年末）' : text;
      case 'progress.yellow_points':
      case 'progress.red_points':
        return `${text}个百分点`;
      default:
        return text;
    }
  };

  const updateValue = (row: ChangeRow, key: Record<string, SqlValue>, value: SqlValue): string => {
    switch (row.table) {
      case 'target': {
        if (['value', 'min_value', 'max_value', 'baseline', 'actual', 'base_value'].includes(row.field))
          return targetFigure(Number(key.id), row.field, value);
        if (row.field === 'comparator' && typeof value === 'string') return COMPARATOR_SIGNS[value as Comparator] ?? value;
        break;
      }
      case 'task':
        if (row.field === 'status' && typeof value === 'string') return TASK_STATUS_LABELS[value as TaskStatus] ?? value;
        break;
      case 'task_owner':
      case 'domain_owner':
      case 'safeguard_owner':
        if (row.field === 'role') return value === 'lead' ? '牵头' : value === 'co' ? '配合' : EMPTY;
        break;
      case 'budget_line':
        if (value === null) return row.field === 'livelihood_override' ? yesNo(null) : EMPTY;
        if (row.field === 'amount_fen') return wan(Number(value));
        if (row.field === 'driver_rate_fen') return yuan(Number(value));
        if (row.field === 'driver_quantity') return count(Number(value));
        if (row.field === 'livelihood_override') return yesNo(value);
        if (row.field === 'task_id') return recordName(db, 'task', value) ?? `任务（编号${value}）`;
        if (row.field === 'driver_target_id') return recordName(db, 'target', value) ?? `指标（编号${value}）`;
        break;
      case 'scenario':
        if (row.field === 'locked') return Number(value) === 1 ? '已锁定' : '未锁定';
        break;
      case 'scenario_override': {
        if (row.field === 'value' && typeof value === 'number') {
          const current = overrideOf(db, Number(key.scenario_id), Number(key.line_id), String(key.field));
          return overrideText({ field: String(key.field), op: current?.op ?? 'set', value });
        }
        if (row.field === 'op') return value === 'set' ? '设定' : value === 'add' ? '增减' : value === 'pct' ? '按比例' : String(value);
        break;
      }
      case 'setting':
        return settingText(String(key.key), value);
    }
    return value === null || value === '' ? EMPTY : String(value);
  };

  /** An added or removed row in one phrase. */
  const rowSummary = (table: string, row: Record<string, SqlValue>): string => {
    switch (table) {
      case 'scenario_override':
        return overrideText({ field: String(row.field), op: String(row.op), value: Number(row.value) });
      case 'budget_line':
        return `${row.code ?? ''} ${row.name ?? ''} ${wan(Number(row.amount_fen ?? 0))}`.trim();
      case 'scenario':
        return `情景“${row.name ?? ''}”`;
      case 'task_owner':
      case 'domain_owner':
      case 'safeguard_owner':
        return row.role === 'lead' ? '牵头' : '配合';
      case 'unit':
        return String(row.name ?? '');
      case 'unit_alias':
        return `别名“${row.alias ?? ''}”`;
      default:
        return String(row.label ?? row.name ?? row.title ?? '');
    }
  };

  return (row) => {
    const key = JSON.parse(row.rowKey) as Record<string, SqlValue>;
    if (row.op === 'update') {
      const texts = { oldText: updateValue(row, key, row.oldValue), newText: updateValue(row, key, row.newValue) };
      return row.table === 'setting' ? { ...texts, fieldLabel: '设定值' } : texts;
    }
    if (row.op === 'insert_range') return { oldText: '', newText: '' };
    const stored = row.rowJson ? (JSON.parse(row.rowJson) as Record<string, SqlValue>) : {};
    if (row.table === 'scenario_override') {
      const field = String(stored.field ?? key.field ?? 'amount');
      let adjustment = rowSummary(row.table, stored);
      // a set amount also says how far it moves from the baseline: 118,500.00万元（+500.00万元）
      const base = baselineFen(Number(key.line_id));
      if (field === 'amount' && stored.op === 'set' && base !== null && Number(stored.value) !== base) {
        adjustment += `（${overrideText({ field, op: 'add', value: Number(stored.value) - base })}）`;
      }
      const baseline = baselineAmount(Number(key.line_id), field);
      const fieldLabel = `${overrideFieldLabel(field)}${row.op === 'insert' ? '调整' : '恢复基线'}`;
      return row.op === 'insert'
        ? { oldText: baseline, newText: adjustment, fieldLabel }
        : { oldText: adjustment, newText: baseline, fieldLabel };
    }
    const summary = rowSummary(row.table, stored);
    return row.op === 'insert' ? { oldText: '', newText: summary } : { oldText: summary, newText: '' };
  };
}
