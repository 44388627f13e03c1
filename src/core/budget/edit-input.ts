import { foldWidth } from '../text/fold';
import { parseQuantity } from '../quantity';
import { type MoneyUnit, parseMoney } from './money';
import type { OverrideField, OverrideOp } from './model';
import type { Refusal } from '../refusal';

/**
 * What a planner types into an amount, quantity or rate cell. In a scenario, a plain number sets the value,
 * a signed one changes it ("+500" adds 500万元, "-3%" cuts by 3%); in the baseline a number is the value.
 */

export type EditParse = { ok: true; op: OverrideOp; value: number } | Refusal;

const DEFAULT_UNITS: Record<OverrideField, MoneyUnit | null> = { amount: 'wan', rate: 'yuan', quantity: null };

function parsePlain(text: string, field: OverrideField): EditParse {
  const unit = DEFAULT_UNITS[field];
  if (unit) {
    const money = parseMoney(text, unit);
    return money.ok ? { ok: true, op: 'set', value: money.fen } : money;
  }
  const quantity = parseQuantity(text);
  if (!quantity || quantity.baseUnit === 'ratio') return { ok: false, reason: '不是数量，请填数字，如 624900 或 62.49万' };
  return { ok: true, op: 'set', value: quantity.baseValue };
}

export function parseEdit(input: string, field: OverrideField, inScenario: boolean): EditParse {
  const text = foldWidth(input).trim();
  if (text === '') return { ok: false, reason: '请输入数值' };
  const percent = /^([+-]?)(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    if (!inScenario) return { ok: false, reason: '基线中请填写数值；按百分比调整请在情景中进行' };
    const ratio = Number(`${percent[1]}${percent[2]}`) / 100;
    if (ratio <= -1) return { ok: false, reason: '调减幅度不能达到或超过100%' };
    return { ok: true, op: 'pct', value: ratio };
  }
  if (inScenario && /^[+-]/.test(text)) {
    const delta = parsePlain(text.replace(/^\+/, ''), field);
    return delta.ok ? { ok: true, op: 'add', value: delta.value } : delta;
  }
  const plain = parsePlain(text.replace(/^\+/, ''), field);
  if (plain.ok && plain.value < 0 && field !== 'amount') return { ok: false, reason: '数量和单价不能为负数' };
  return plain;
}
