/**
 * Width folding that keeps every character at its index, so a regex can run on the folded text while the
 * caller slices the original (the user's punctuation stays as written in stored text).
 * Full-width ASCII (！…～) becomes ASCII, the ideographic space a space, dash variants one hyphen-like form.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else if (code === 0x2014 || code === 0x2013 || code === 0x2015 || code === 0x2012 || code === 0xfe63) out += '—';
    else out += ch;
  }
  // Every mapped character is in the BMP, so lengths match; surrogate pairs pass through unchanged.
  return out;
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "三" → 3, "十二" → 12, "二十一" → 21; up to 99, which is all that section numbering needs. */
export function chineseOrdinal(text: string): number | null {
  if (text.length === 0) return null;
  const tenAt = text.indexOf('十');
  if (tenAt === -1) {
    if (text.length !== 1) return null;
    return CHINESE_DIGITS[text] ?? null;
  }
  const tensText = text.slice(0, tenAt);
  const onesText = text.slice(tenAt + 1);
  const tens = tensText === '' ? 1 : CHINESE_DIGITS[tensText];
  const ones = onesText === '' ? 0 : CHINESE_DIGITS[onesText];
  if (tens === undefined || ones === undefined || onesText.length > 1 || tensText.length > 1) return null;
  return tens * 10 + ones;
}
