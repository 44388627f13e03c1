import { foldWidth } from './text/fold';

/**
 * The number grammar shared by the plan parser, grid editors and spreadsheet import:
 * "3.35万人" → 33500 人, "98%" → 0.98, "5.9‰" → 0.0059, "20/10万" → 0.0002, "1.2亿元" → 120000000 元.
 */

export const MAGNITUDES: Record<string, number> = { 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };

export interface Quantity {
  /** the number as written */
  value: number;
  /** the unit as written, including any magnitude ("万人") */
  unit: string;
  /** value expressed in baseUnit */
  baseValue: number;
  /** "人", "元", "ratio" for %/‰/per-100k rates, "" for a bare count */
  baseUnit: string;
}

/** Rounds away binary noise (0.0059000000000000004) without touching meaningful digits. */
export function tidy(n: number): number {
  return Number.parseFloat(n.toPrecision(12));
}

/** Applies a unit as written to a number: magnitude prefixes scale, rates become ratios. */
export function toBase(value: number, unit: string): { baseValue: number; baseUnit: string } {
  if (unit === '%') return { baseValue: tidy(value / 100), baseUnit: 'ratio' };
  if (unit === '‰') return { baseValue: tidy(value / 1000), baseUnit: 'ratio' };
  const perMatch = /^\/(\d*)(万|千|亿)?$/.exec(unit);
  if (perMatch) {
    const count = perMatch[1] ? Number(perMatch[1]) : 1;
    const scale = perMatch[2] ? (MAGNITUDES[perMatch[2]] ?? 1) : 1;
    return { baseValue: tidy(value / (count * scale)), baseUnit: 'ratio' };
  }
  for (const prefix of ['千万', '百万', '十万', '亿', '万', '千']) {
    if (unit.startsWith(prefix)) {
      const rest = unit.slice(prefix.length);
      // "千米", "千克", "万元" are units, but only the first two are not magnitudes.
      if (prefix === '千' && /^(米|克|瓦)/.test(rest)) break;
      return { baseValue: tidy(value * (MAGNITUDES[prefix] ?? 1)), baseUnit: rest };
    }
  }
  return { baseValue: value, baseUnit: unit };
}

const NUMBER_PATTERN = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

/**
 * Parses what a user types into a numeric cell: full-width digits, thousands separators, a magnitude
 * (万/亿), a rate (%/‰), an accounting negative "(1,234.00)". Returns null for text that is not a number,
 * and for the conventional empty markers "-" / "—" (empty is not zero).
 */
export function parseQuantity(input: string): Quantity | null {
  let text = foldWidth(input).trim().replace(/\s+/g, '');
  if (text === '' || /^[-—–]+$/.test(text)) return null;
  let negative = false;
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting?.[1] !== undefined) {
    negative = true;
    text = accounting[1];
  }
  const match = /^([+-]?[\d,]+(?:\.\d+)?)(.*)$/.exec(text);
  if (!match?.[1]) return null;
  const numberText = match[1];
  const unit = match[2] ?? '';
  const parts = NUMBER_PATTERN.exec(numberText);
  if (!parts) return null;
  let value = Number((parts[1] ?? '') + (parts[2] ?? '').replaceAll(',', '') + (parts[3] ?? ''));
  if (!Number.isFinite(value)) return null;
  if (negative) value = -value;
  if (unit !== '' && !/^(%|‰|\/\d*[万千亿]?|[\u4e00-\u9fffA-Za-z²³/]+)$/.test(unit)) return null;
  return { value, unit, ...toBase(value, unit) };
}
