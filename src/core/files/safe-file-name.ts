/**
 * File names the app suggests or writes (a plan title, an org's name, a report's title) must be valid on Windows,
 * whose rules are the strictest of the systems we ship for: no control characters or <>:"/\|?*, no trailing dot or
 * space, none of the device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or without an extension), and names
 * that differ only in case are the same file (NTFS).
 */

const FORBIDDEN = /[<>:"/\\|?*]/g;
// C0 controls (tab, line breaks), DEL and the C1 controls
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Keeps the whole path well under Windows' 260-character limit when saved in a typical folder. */
const MAX_STEM = 100;
const FALLBACK = '未命名';

/** One part of a composed name (an org's name before `-指标报送表`), cleaned as a whole name would be. */
export function cleanStem(stem: string): string {
  let name = stem.replace(CONTROLS, ' ').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/[. ]+$/, '');
  if (name.length > MAX_STEM) name = name.slice(0, MAX_STEM).replace(/[. ]+$/, '');
  return name === '' ? FALLBACK : name;
}

/**
 * A safe file name `stem.extension`. With `taken` (names already used in the same folder by this batch, compared
 * case-insensitively as NTFS does), a colliding name is numbered: `市教育局（2）.xlsx`. The chosen name is added to
 * `taken`.
 */
export function safeFileName(stem: string, extension: string, taken?: Set<string>): string {
  let base = cleanStem(stem);
  // "CON", "con.2017" and "Nul " all name the device, whatever the extension
  if (DEVICE_NAMES.test(base.split('.')[0] ?? '')) base = `_${base}`;
  const ext = extension.replace(/^\./, '');
  let name = `${base}.${ext}`;
  if (taken) {
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}（${n}）.${ext}`;
    taken.add(name.toLowerCase());
  }
  return name;
}

/**
 * `path` with `.extension` added when the user typed a bare name (as the Windows dialog does for its chosen type).
 * A name typed with another extension is kept as typed: it is the file the user named (and must be refused, not
 * renamed, if it is the open workbook).
 */
export function withExtension(path: string, extension: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  return /\.[^.\s]+$/.test(name) ? path : `${path}.${extension.replace(/^\./, '')}`;
}
