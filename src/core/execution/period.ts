import { chineseOrdinal, foldWidth } from '../text/fold';

/**
 * The period of an execution table: the year and the last month it covers (a table "2017年1-6月" holds the
 * spending from January to the end of June). Read from a title, a heading or a sheet name as finance offices
 * write them: `2017年1-6月`, `1—6月`, `一至六月`, `截至6月底`, `2017年6月`, a sheet called `6月`.
 */
export interface Period {
  year: number;
  month: number;
}

/** What a text says about the period; either part may be missing. */
export interface PeriodHint {
  year: number | null;
  month: number | null;
}

const MONTH_NUMBER = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const RANGE = new RegExp(`(?:(\\d{4})\\s*年)?\\s*(?:1|一)\\s*[-—~～至到]\\s*${MONTH_NUMBER}\\s*月`);
const UNTIL = new RegExp(`截[至止]\\s*(?:(\\d{4})\\s*年)?\\s*${MONTH_NUMBER}\\s*月`);
const YEAR_MONTH = new RegExp(`(\\d{4})\\s*年\\s*${MONTH_NUMBER}\\s*月`);
const MONTH_ONLY = new RegExp(`^${MONTH_NUMBER}\\s*月(?:份)?(?:[^\\d]|$)`);
const YEAR = /(?:^|[^\d])((?:19|20)\d{2})\s*(?:年|[-_.\s]|$)/;

function monthOf(text: string | undefined): number | null {
  if (!text) return null;
  const month = /^\d+$/.test(text) ? Number(text) : chineseOrdinal(text);
  return month !== null && month >= 1 && month <= 12 ? month : null;
}

function yearOf(text: string | undefined): number | null {
  if (!text) return null;
  const year = Number(text);
  return year >= 1990 && year <= 2100 ? year : null;
}

/** The period a title, heading or sheet name states, as far as it states one. */
export function periodHint(raw: string): PeriodHint {
  const text = foldWidth(raw).replace(/\s+/g, ' ');
  for (const pattern of [RANGE, UNTIL, YEAR_MONTH]) {
    const match = pattern.exec(text);
    const month = monthOf(match?.[2]);
    if (match && month !== null) return { year: yearOf(match[1]) ?? yearOf(YEAR.exec(text)?.[1]), month };
  }
  const year = yearOf(YEAR.exec(text)?.[1]);
  const only = MONTH_ONLY.exec(text.trim());
  return { year, month: monthOf(only?.[1]) };
}

/** The first hint that names a month, with a year from any of them (the title may have it, a sheet name not). */
export function periodFromTexts(texts: readonly string[]): PeriodHint {
  const hints = texts.map(periodHint);
  const withMonth = hints.find((hint) => hint.month !== null);
  const year = withMonth?.year ?? hints.find((hint) => hint.year !== null)?.year ?? null;
  return { year, month: withMonth?.month ?? null };
}

/** `2017-06` (the CLI's --period) → { year: 2017, month: 6 }; null when it is not that form. */
export function parsePeriodArgument(text: string): Period | null {
  const match = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const year = yearOf(match[1]);
  const month = monthOf(match[2]);
  return year === null || month === null ? null : { year, month };
}

export function periodKey(period: Period): string {
  return `${period.year}-${String(period.month).padStart(2, '0')}`;
}

/** "2017年1-6月" (January alone: "2017年1月"). */
export function periodLabel(period: Period): string {
  return period.month === 1 ? `${period.year}年1月` : `${period.year}年1-${period.month}月`;
}

export function comparePeriods(a: Period, b: Period): number {
  return a.year - b.year || a.month - b.month;
}
