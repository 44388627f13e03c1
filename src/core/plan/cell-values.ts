import { parseQuantity, toBase } from '../quantity';
import { foldWidth } from '../text/fold';
import type { Comparator } from '../../shared/plan';
import type { Refusal } from '../refusal';

/**
 * Turning what a user typed (or pasted from Excel/WPS) into a target's stored fields, with a reason in
 * Chinese when it cannot be stored. Shared by the grid editors, paste and spreadsheet import.
 */

export type Parsed<T> = { ok: true; value: T } | Refusal;

const COMPARATOR_WORDS: Record<string, Comparator> = {
  '≥': '>=',
  '>=': '>=',
  '>': '>=',
  不低于: '>=',
  不少于: '>=',
  以上: '>=',
  '≤': '<=',
  '<=': '<=',
  '<': '<=',
  不高于: '<=',
  不超过: '<=',
  以内: '<=',
  以下: '<=',
  '=': '=',
  等于: '=',
  达到: '=',
  区间: 'range',
  范围: 'range',
  '~': 'range',
};

export const COMPARATOR_SIGNS: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '=': '=', range: '区间' };

export function parseComparator(text: string): Parsed<Comparator> {
  const value = COMPARATOR_WORDS[foldWidth(text).trim()];
  return value ? { ok: true, value } : { ok: false, reason: '无法识别，比较方式请选“≥”“≤”“=”或“区间”' };
}

export interface WrittenValue {
  value: number;
  unit: string;
  baseValue: number;
  baseUnit: string;
}

/**
 * An example of valid input for a figure in `unit`, as a message shows it: "如 3.4 或 34000人" for a 万人
 * target (the bare number is read in the target's unit, or a number with its own unit).
 */
export function valueExample(unit: string): string {
  const base = toBase(1, unit);
  if (base.baseUnit === 'ratio') return `如 97.5 或 97.5${unit}`;
  if (base.baseValue !== 1) {
    const example = toBase(3.4, unit);
    return `如 3.4（即3.4${unit}）或 ${example.baseValue}${example.baseUnit}`;
  }
  if (unit === '') return '如 12';
  return `如 12 或 12${unit}`;
}

/**
 * The target value as written. A bare number keeps the unit already written ("3.4" in a 万人 target is
 * 3.4万人); a number with a unit replaces it, as long as it measures the same thing.
 */
export function parseTargetValue(text: string, currentUnit: string, currentBaseUnit: string): Parsed<WrittenValue> {
  const quantity = parseQuantity(text);
  if (!quantity) return { ok: false, reason: `不是数值，请填数字，${valueExample(currentUnit)}` };
  if (quantity.unit === '') {
    const base = toBase(quantity.value, currentUnit);
    return { ok: true, value: { value: quantity.value, unit: currentUnit, ...base } };
  }
  if (currentBaseUnit !== '' && quantity.baseUnit !== '' && quantity.baseUnit !== currentBaseUnit) {
    return {
      ok: false,
      reason: `单位不一致：该指标以“${currentBaseUnit === 'ratio' ? '%' : currentBaseUnit}”计，输入的是“${quantity.unit}”，${valueExample(currentUnit)}`,
    };
  }
  return {
    ok: true,
    value: { value: quantity.value, unit: quantity.unit, baseValue: quantity.baseValue, baseUnit: quantity.baseUnit || currentBaseUnit },
  };
}

/**
 * An actual or baseline figure, stored in the target's base unit. A bare number is read in the unit the
 * target is written in (98 in a % target is 98%); empty clears it (empty is not zero).
 */
export function parseMeasure(text: string, targetUnit: string, targetBaseUnit: string): Parsed<number | null> {
  const folded = foldWidth(text).trim();
  if (folded === '' || /^[-—–]+$/.test(folded)) return { ok: true, value: null };
  const parsed = parseTargetValue(folded, targetUnit, targetBaseUnit);
  return parsed.ok ? { ok: true, value: parsed.value.baseValue } : parsed;
}

/** A measure in base units shown in the unit the target is written in (34000 人 in a 万人 target → 3.4). */
export function toWrittenUnit(baseValue: number, unit: string): number {
  const scale = toBase(1, unit).baseValue;
  return scale ? Number.parseFloat((baseValue / scale).toPrecision(12)) : baseValue;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, reason: `${year}年${month}月没有${day}日` };
  }
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

/** A due date: 2017-06-30, 2017/6/30, 2017.6.30, 2017年6月30日, 2017年6月底 / 2017年6月 (end of month); '' clears. */
export function parseDueDate(text: string): Parsed<string> {
  const folded = foldWidth(text).trim();
  if (folded === '') return { ok: true, value: '' };
  const full = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(folded);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  const month = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*(底|末)?$/.exec(folded);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12) return { ok: false, reason: `没有${m}月` };
    return isoDate(year, m, new Date(Date.UTC(year, m, 0)).getUTCDate());
  }
  const yearEnd = /^(\d{4})\s*年?\s*(底|末)$/.exec(folded);
  if (yearEnd) return isoDate(Number(yearEnd[1]), 12, 31);
  return { ok: false, reason: '不是日期，请写成2017-06-30或2017年6月底' };
}

/** A range target's bounds: "6~8", "6-8所", "1—2个"; stored in base units, unit as written. */
export function parseRange(text: string, currentUnit: string, currentBaseUnit: string): Parsed<{ min: number; max: number; unit: string }> {
  const folded = foldWidth(text).trim();
  const match = /^(\d+(?:\.\d+)?)\s*[~～\-—至到]\s*(\d+(?:\.\d+)?)\s*(\S*)$/.exec(folded);
  if (!match) return { ok: false, reason: '不是区间，区间指标请写成“6~8”或“6~8所”' };
  const unit = match[3] || currentUnit;
  const low = parseTargetValue(`${match[1]}${unit}`, currentUnit, currentBaseUnit);
  const high = parseTargetValue(`${match[2]}${unit}`, currentUnit, currentBaseUnit);
  if (!low.ok) return low;
  if (!high.ok) return high;
  if (low.value.baseValue > high.value.baseValue) return { ok: false, reason: '区间下限不能大于上限' };
  return { ok: true, value: { min: low.value.baseValue, max: high.value.baseValue, unit } };
}
