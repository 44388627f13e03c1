import { parseQuantity } from '../quantity';
import type { Refusal } from '../refusal';

/**
 * Money is stored as integer 分 and shown in 万元 by default. Parsing accepts what a clerk types or a sheet
 * holds ("3.4万", "1,234.56", "1.2亿元", "(12.5)") and refuses, rather than rounds, anything finer than 1 分.
 */

export const FEN_PER_YUAN = 100;
export const MONEY_UNITS = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 } as const;
export type MoneyUnit = keyof typeof MONEY_UNITS;
export const MONEY_UNIT_LABELS: Record<MoneyUnit, string> = { yuan: '元', wan: '万元', yi: '亿元' };

/** The fen per unit for a unit as written after the number; undefined when it is not a money unit. */
function scaleOfWrittenUnit(unit: string, defaultUnit: MoneyUnit): number | undefined {
  switch (unit) {
    case '':
      return MONEY_UNITS[defaultUnit];
    case '元':
      return MONEY_UNITS.yuan;
    case '千元':
      return 1000 * FEN_PER_YUAN;
    case '万':
    case '万元':
      return MONEY_UNITS.wan;
    case '亿':
    case '亿元':
      return MONEY_UNITS.yi;
    default:
      return undefined;
  }
}

export type MoneyParse = { ok: true; fen: number } | Refusal;

/** Converts `value` in a unit of `fenPerUnit` to fen, refusing sub-fen digits instead of rounding them. */
export function toFen(value: number, fenPerUnit: number): MoneyParse {
  const exact = value * fenPerUnit;
  const fen = Math.round(exact);
  // Binary floating point makes 1.234567 × 10⁶ = 1234566.9999999998; anything beyond that noise is a real
  // fraction of a fen.
  if (Math.abs(exact - fen) > Math.max(1e-6, Math.abs(exact) * 1e-12)) {
    return { ok: false, reason: '金额精确到分（元后两位小数），不能有更多小数位' };
  }
  if (!Number.isSafeInteger(fen)) return { ok: false, reason: '金额超出可保存的范围' };
  return { ok: true, fen: fen === 0 ? 0 : fen };
}

export function parseMoney(text: string, defaultUnit: MoneyUnit = 'wan'): MoneyParse {
  const quantity = parseQuantity(text);
  if (!quantity) return { ok: false, reason: `不是金额，请填数字，如 500（${MONEY_UNIT_LABELS[defaultUnit]}）、3.4万 或 1.2亿元` };
  const scale = scaleOfWrittenUnit(quantity.unit, defaultUnit);
  if (scale === undefined) return { ok: false, reason: `“${quantity.unit}”不是金额单位（可用元、万元、亿元）` };
  return toFen(quantity.value, scale);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Thousands separators and a fixed range of decimals. One Intl.NumberFormat per pattern, kept: toLocaleString
 * builds a new formatter on every call, which made scrolling a 100,000-line budget grid stutter.
 */
export function groupedNumber(value: number, minDecimals: number, maxDecimals: number): string {
  const key = `${minDecimals}-${maxDecimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** 万元 with thousands separators and two decimals, as finance tables show it. */
export function formatWan(fen: number): string {
  return groupedNumber(fen / MONEY_UNITS.wan, 2, 2);
}

export function formatYuan(fen: number): string {
  return groupedNumber(fen / FEN_PER_YUAN, 2, 2);
}

/** A large amount the way it reads best: 亿元 above one hundred million, otherwise 万元. */
export function formatReadable(fen: number): string {
  if (Math.abs(fen) >= MONEY_UNITS.yi) return `${groupedNumber(fen / MONEY_UNITS.yi, 2, 2)}亿元`;
  return `${groupedNumber(fen / MONEY_UNITS.wan, 2, 2)}万元`;
}
