import { type InflateRaw, ZipParts } from '../document/zip-entries';
import type { CellRange, CellValue } from './sheet-data';

/**
 * A direct reader of the common .xlsx (transitional SpreadsheetML, as Excel, WPS, LibreOffice and SheetJS write
 * it): only the parts the import needs are inflated (workbook, its relationships, shared strings, the sheets),
 * and each sheet's XML is scanned once as a string, without building a tree or a cell object per cell. It gives
 * the values SheetJS gives with the options read-xlsx.ts uses (raw values, no formats, no dates), and answers
 * `null` for anything it does not handle — .xls, strict OOXML, prefixed elements, CDATA, date-typed cells, a
 * shared string index out of range, a malformed cell address — so that SheetJS reads those files instead. It
 * never guesses: an unexpected element where a row or a cell should be is such a case too.
 *
 * Known, deliberate difference: a formula's cached text (t="str") is unescaped once, as XML says; SheetJS
 * unescapes it twice ("&amp;lt;" is "&lt;" here and "<" there).
 */

/** Why the fast path gave up: the caller reads the file with SheetJS instead. */
class Unhandled extends Error {}

/** A row number past Excel's last row: no spreadsheet program writes one, so the file is refused, not read. */
class RowBeyondExcel extends Error {
  constructor(readonly row: number) {
    super(`row ${row}`);
  }
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIP_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

export interface FastSheet {
  name: string;
  /** row arrays by 0-based row index (holes for rows without cells); undefined or null for an empty cell */
  dense: (CellValue | undefined)[][];
  merges: CellRange[];
}

const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE = /_x([\da-fA-F]{4})_/gi;

function entity(match: string, code: string | undefined): string {
  switch (match) {
    case '&quot;':
      return '"';
    case '&apos;':
      return "'";
    case '&gt;':
      return '>';
    case '&lt;':
      return '<';
    case '&amp;':
      return '&';
  }
  // "&AMP;" or "&#X41;": SheetJS reads these its own odd way; not guessed here
  if (code === undefined || match[2] === 'X') throw new Unhandled();
  const hex = match[2] === 'x';
  if (!hex && !/^\d+$/.test(code)) throw new Unhandled();
  const n = Number.parseInt(code, hex ? 16 : 10);
  if (n > 0x10ffff) throw new Unhandled();
  return String.fromCodePoint(n);
}

/** XML entities, then Excel's _xHHHH_ escapes; `text` also turns CR LF into LF (as SheetJS does for cell text). */
export function unescapeXml(raw: string, text: boolean): string {
  let out = raw;
  if (out.includes('&')) out = out.replace(ENTITY, entity);
  if (out.includes('_x') || out.includes('_X')) out = out.replace(CODE, (_, c: string) => String.fromCharCode(Number.parseInt(c, 16)));
  if (text && out.includes('\r\n')) out = out.replace(/\r\n/g, '\n');
  return out;
}

/** The attributes of one start tag (the text between the element name and its '>'), values still escaped. */
function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const pattern = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = pattern.exec(tag); m; m = pattern.exec(tag)) out.set(m[1] as string, m[2] ?? m[3] ?? '');
  return out;
}

/** The root element's start tag must be `<name …>` in the transitional main namespace, unprefixed. */
function checkRoot(xml: string, name: string): number {
  const at = xml.indexOf(`<${name}`);
  if (at < 0) throw new Unhandled();
  const after = xml.charCodeAt(at + name.length + 1);
  if (after !== 32 && after !== 62 && after !== 9 && after !== 10 && after !== 13) throw new Unhandled();
  const end = xml.indexOf('>', at);
  if (end < 0) throw new Unhandled();
  if (attributesOf(xml.slice(at + name.length + 1, end)).get('xmlns') !== MAIN_NS) throw new Unhandled();
  return end + 1;
}

// —— shared strings (what SheetJS's parse_si gives) ——

const RICH_RUN = /<r\b[^<>]*>/;
const PHONETIC = /<rPh\b[^<>]*>[\s\S]*?<\/rPh>/g;
const RUN_TEXT = /<t\b[^<>]*>([^<]*)<\/t>/g;

/** One string item: plain `<t>`, or rich-text runs (phonetic runs left out); null when it has neither. */
function stringItem(x: string): string | null {
  if (!x) return '';
  // text in CDATA (legal XML, written by no spreadsheet program seen): not guessed
  if (x.includes('<![CDATA[')) throw new Unhandled();
  const plain = /^\s*<t([\s>/])/.exec(x);
  if (plain) {
    if (plain[1] === '/') throw new Unhandled();
    const start = x.indexOf('>') + 1;
    const end = x.indexOf('</t>', start);
    return unescapeXml(end < 0 ? x.slice(start) : x.slice(start, end), true);
  }
  if (RICH_RUN.test(x)) {
    let joined = '';
    for (const m of x.replace(PHONETIC, '').matchAll(RUN_TEXT)) joined += m[1];
    return unescapeXml(joined, true);
  }
  return null;
}

function sharedStrings(xml: string): (string | null)[] {
  let at = checkRoot(xml, 'sst');
  const out: (string | null)[] = [];
  for (;;) {
    const open = xml.indexOf('<si', at);
    if (open < 0) break;
    // <si> without attributes, as SheetJS splits on it; anything else is not guessed
    if (xml.charCodeAt(open + 3) !== 62) throw new Unhandled();
    const close = xml.indexOf('</si>', open);
    if (close < 0) throw new Unhandled();
    out.push(stringItem(xml.slice(open + 4, close).trim()));
    at = close + 5;
  }
  return out;
}

// —— a worksheet ——

const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);
/** an error cell, as read-xlsx.ts shows it (SheetJS gives no text for it without cellText) */
export const ERROR_TEXT = '#错误';

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function skipSpace(xml: string, at: number): number {
  let i = at;
  while (isSpace(xml.charCodeAt(i))) i++;
  return i;
}

function startsWithAt(xml: string, at: number, text: string): boolean {
  return xml.startsWith(text, at);
}

const TYPES = ['s', 'n', 'b', 'e', 'd', 'str', 'inlineStr'];

/** Excel's last row (1,048,576). */
const MAX_ROWS = 1_048_576;

/** A cell's t= value: one of the known types as a constant (no string made per cell), anything else sliced. */
function cellType(xml: string, start: number, end: number): string {
  for (const type of TYPES) if (end - start === type.length && xml.startsWith(type, start)) return type;
  return xml.slice(start, end);
}

/**
 * Where `needle` (a tag) first starts between from and to, or -1. It steps from '<' to '<' and never looks past
 * `to`: a plain indexOf would search to the end of the sheet for every cell without the tag (an inline-string
 * or empty cell), which made a text-only sheet quadratic — 8,000 rows took 91 s.
 */
function tagWithin(xml: string, needle: string, from: number, to: number): number {
  for (let at = xml.indexOf('<', from); at >= 0 && at < to; at = xml.indexOf('<', at + 1)) {
    if (xml.startsWith(needle, at)) return at;
  }
  return -1;
}

/** The text of the first `<name>` … `</name>` child between from and to, or undefined (SheetJS: empty is none). */
function childText(xml: string, name: string, from: number, to: number): string | undefined {
  const open = tagWithin(xml, `<${name}`, from, to);
  if (open < 0) return undefined;
  const after = xml.charCodeAt(open + name.length + 1);
  if (after !== 62 && !isSpace(after)) {
    if (after === 47) return undefined; // <v/>
    throw new Unhandled();
  }
  const start = xml.indexOf('>', open) + 1;
  if (start <= 0 || start > to) throw new Unhandled();
  // the first '<' after the text must close it: any other is CDATA or a child element, not guessed
  const end = xml.indexOf('<', start);
  if (end < 0 || end >= to || !xml.startsWith(`</${name}>`, end)) throw new Unhandled();
  if (end === start) return undefined;
  return xml.slice(start, end);
}

function inlineString(xml: string, from: number, to: number): CellValue {
  const open = tagWithin(xml, '<is', from, to);
  if (open < 0) return '';
  const after = xml.charCodeAt(open + 3);
  if (after === 47) return '';
  if (after !== 62 && !isSpace(after)) throw new Unhandled();
  const start = xml.indexOf('>', open) + 1;
  const end = tagWithin(xml, '</is>', start, to);
  if (end < 0) return '';
  return stringItem(xml.slice(start, end));
}

function cellValue(
  type: string | undefined,
  v: string | undefined,
  xml: string,
  from: number,
  to: number,
  strings: (string | null)[] | null,
): CellValue | undefined {
  switch (type) {
    case undefined:
    case '':
    case 'n': {
      if (v === undefined) return undefined;
      const n = Number.parseFloat(v.includes('&') ? unescapeXml(v, false) : v);
      return Number.isFinite(n) ? n : null;
    }
    case 's': {
      if (v === undefined) return undefined;
      if (!strings) throw new Unhandled();
      const index = Number.parseInt(v, 10);
      if (!(index >= 0 && index < strings.length)) throw new Unhandled();
      return strings[index] as string | null;
    }
    case 'str':
      return v === undefined ? '' : unescapeXml(v, true);
    case 'inlineStr':
      return inlineString(xml, from, to);
    case 'b': {
      const text = v === undefined ? undefined : unescapeXml(v, false);
      return text === '1' || text === 'true';
    }
    case 'e':
      if (v === undefined) return null;
      if (!ERRORS.has(unescapeXml(v, false))) throw new Unhandled();
      return ERROR_TEXT;
    default:
      // 'd' (an ISO date in the cell) and anything unknown
      throw new Unhandled();
  }
}

const MERGE = /<mergeCell ref=["']([A-Z0-9:]+)['"]\s*\/?>/g;

function mergeRange(ref: string): CellRange {
  // SheetJS's decode_range: letters, then digits, of each side; one cell when there is no second side
  const side = (text: string): { row: number; column: number } => {
    let i = 0;
    let column = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i) - 64;
      if (c < 1 || c > 26) break;
      column = column * 26 + c;
    }
    let row = 0;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      row = row * 10 + d;
    }
    return { row: row - 1, column: column - 1 };
  };
  const colon = ref.indexOf(':');
  const start = side(colon < 0 ? ref : ref.slice(0, colon));
  const end = colon < 0 ? start : side(ref.slice(colon + 1));
  return { startRow: start.row, startColumn: start.column, endRow: end.row, endColumn: end.column };
}

export function scanWorksheet(xml: string, strings: (string | null)[] | null): { dense: (CellValue | undefined)[][]; merges: CellRange[] } {
  const bodyStart = checkRoot(xml, 'worksheet');
  const dense: (CellValue | undefined)[][] = [];
  const dataOpen = xml.indexOf('<sheetData', bodyStart);
  let tail = bodyStart;
  if (dataOpen >= 0) {
    const dataTagEnd = xml.indexOf('>', dataOpen);
    if (dataTagEnd < 0) throw new Unhandled();
    tail = dataTagEnd + 1;
    if (xml.charCodeAt(dataTagEnd - 1) !== 47) {
      let at = dataTagEnd + 1;
      let rowNumber = 0;
      let sawEmptyRow = false;
      for (;;) {
        at = skipSpace(xml, at);
        if (startsWithAt(xml, at, '</sheetData>')) {
          tail = at + 12;
          break;
        }
        if (
          !startsWithAt(xml, at, '<row') ||
          !(isSpace(xml.charCodeAt(at + 4)) || xml.charCodeAt(at + 4) === 62 || xml.charCodeAt(at + 4) === 47)
        )
          throw new Unhandled();
        const rowTagEnd = xml.indexOf('>', at);
        if (rowTagEnd < 0) throw new Unhandled();
        if (xml.charCodeAt(rowTagEnd - 1) === 47) {
          // an empty row: SheetJS does not count it for a following row without r=
          sawEmptyRow = true;
          at = rowTagEnd + 1;
          continue;
        }
        // r= read in place when it is the first attribute (as every writer puts it); otherwise all of them
        const r = startsWithAt(xml, at, '<row r="')
          ? xml.slice(at + 8, xml.indexOf('"', at + 8))
          : attributesOf(xml.slice(at + 4, rowTagEnd)).get('r');
        if (r !== undefined) {
          if (!/^\d+$/.test(r)) throw new Unhandled();
          rowNumber = Number(r);
        } else {
          if (sawEmptyRow) throw new Unhandled();
          rowNumber++;
        }
        if (rowNumber < 1) throw new Unhandled();
        // a hostile r="2000000000" would make a two-billion-slot array (SheetJS loops for minutes on it)
        if (rowNumber > MAX_ROWS) throw new RowBeyondExcel(rowNumber);
        at = rowTagEnd + 1;
        let column = -1;
        for (;;) {
          at = skipSpace(xml, at);
          if (startsWithAt(xml, at, '</row>')) {
            at += 6;
            break;
          }
          const after = xml.charCodeAt(at + 2);
          if (xml.charCodeAt(at) !== 60 || xml.charCodeAt(at + 1) !== 99 || !(isSpace(after) || after === 62 || after === 47))
            throw new Unhandled();
          const cellTagEnd = xml.indexOf('>', at);
          if (cellTagEnd < 0) throw new Unhandled();
          const empty = xml.charCodeAt(cellTagEnd - 1) === 47;
          // the attributes read in place (r and t kept, s and the rest skipped): this loop runs once per cell
          let type: string | undefined;
          let hasRef = false;
          const tagEnd = empty ? cellTagEnd - 1 : cellTagEnd;
          let row = rowNumber - 1;
          for (let i = at + 2; i < tagEnd;) {
            while (i < tagEnd && isSpace(xml.charCodeAt(i))) i++;
            if (i >= tagEnd) break;
            const nameStart = i;
            while (i < tagEnd && xml.charCodeAt(i) !== 61 && !isSpace(xml.charCodeAt(i))) i++;
            const nameLength = i - nameStart;
            i = skipSpace(xml, i);
            if (xml.charCodeAt(i) !== 61) throw new Unhandled();
            const quoteAt = skipSpace(xml, i + 1);
            const quote = xml.charCodeAt(quoteAt);
            if (quote !== 34 && quote !== 39) throw new Unhandled();
            const close = xml.indexOf(quote === 34 ? '"' : "'", quoteAt + 1);
            if (close < 0 || close >= tagEnd) throw new Unhandled();
            if (nameLength === 1) {
              const name = xml.charCodeAt(nameStart);
              if (name === 114) {
                // r="BC12", read in place
                hasRef = true;
                let c = quoteAt + 1;
                let letters = 0;
                for (; c < close; c++) {
                  const code = xml.charCodeAt(c) - 64;
                  if (code < 1 || code > 26) break;
                  letters = letters * 26 + code;
                }
                if (c === quoteAt + 1 || c > quoteAt + 4) throw new Unhandled();
                const digitsAt = c;
                let number = 0;
                for (; c < close; c++) {
                  const d = xml.charCodeAt(c) - 48;
                  if (d < 0 || d > 9) throw new Unhandled();
                  number = number * 10 + d;
                }
                if (c === digitsAt || number < 1) throw new Unhandled();
                if (number > MAX_ROWS) throw new RowBeyondExcel(number);
                row = number - 1;
                column = letters - 1;
              } else if (name === 116) type = cellType(xml, quoteAt + 1, close);
            }
            i = close + 1;
          }
          if (!hasRef) column++;
          let value: CellValue | undefined;
          if (empty) {
            at = cellTagEnd + 1;
            value = cellValue(type, undefined, xml, at, at, strings);
          } else {
            const close = xml.indexOf('</c>', cellTagEnd);
            if (close < 0) throw new Unhandled();
            const v = childText(xml, 'v', cellTagEnd + 1, close);
            value = cellValue(type, v, xml, cellTagEnd + 1, close, strings);
            at = close + 4;
          }
          if (value === undefined) continue;
          (dense[row] ??= [])[column] = value;
        }
      }
    }
  }
  const merges: CellRange[] = [];
  MERGE.lastIndex = 0;
  const rest = xml.slice(tail);
  for (let m = MERGE.exec(rest); m; m = MERGE.exec(rest)) merges.push(mergeRange(m[1] as string));
  return { dense, merges };
}

// —— the package ——

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function relationships(xml: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const a = attributesOf(m[1] as string);
    const id = a.get('Id');
    const type = a.get('Type');
    const target = a.get('Target');
    if (id === undefined || type === undefined || target === undefined) throw new Unhandled();
    if (a.get('TargetMode') === 'External') continue;
    out.set(id, { type, target: unescapeXml(target, false) });
  }
  return out;
}

/**
 * The sheets of an .xlsx in workbook order, or null when this reader does not handle the file (SheetJS then
 * reads it). Refusals (a ZIP that lies about a part's size, a damaged part) are thrown by `refused`.
 */
export function readXlsxSheets(
  bytes: Uint8Array,
  fileName: string,
  options: { refused: (message: string) => Error; inflateRaw?: InflateRaw | undefined },
): FastSheet[] | null {
  const zip = new ZipParts(bytes, fileName, undefined, options);
  try {
    const rootRels = zip.text('_rels/.rels');
    if (rootRels === null) return null;
    const office = [...relationships(rootRels).values()].filter((r) => r.type === `${RELATIONSHIP_TYPES}officeDocument`);
    if (office.length !== 1) return null;
    const workbookPath = resolvePart('', (office[0] as { target: string }).target);
    const workbookXml = zip.text(workbookPath);
    if (workbookXml === null) return null;
    checkRoot(workbookXml, 'workbook');
    const relsPath = `${workbookPath.split('/').slice(0, -1).join('/')}/_rels/${workbookPath.split('/').pop()}.rels`;
    const relsXml = zip.text(relsPath);
    if (relsXml === null) return null;
    const rels = relationships(relsXml);

    let strings: (string | null)[] | null = null;
    const stringParts = [...rels.values()].filter((r) => r.type === `${RELATIONSHIP_TYPES}sharedStrings`);
    if (stringParts.length > 1) return null;
    if (stringParts.length === 1) {
      const xml = zip.text(resolvePart(workbookPath, (stringParts[0] as { target: string }).target));
      if (xml === null) return null;
      strings = sharedStrings(xml);
    }

    const sheetsOpen = workbookXml.indexOf('<sheets>');
    const sheetsClose = workbookXml.indexOf('</sheets>');
    if (sheetsOpen < 0 || sheetsClose < sheetsOpen) return null;
    const list = workbookXml.slice(sheetsOpen, sheetsClose);
    const out: FastSheet[] = [];
    for (const m of list.matchAll(/<sheet\b([^>]*)>/g)) {
      const a = attributesOf(m[1] as string);
      const name = a.get('name');
      const id = a.get('r:id');
      if (name === undefined || id === undefined) return null;
      const rel = rels.get(id);
      if (!rel || rel.type !== `${RELATIONSHIP_TYPES}worksheet`) return null; // chartsheets, macro sheets
      const xml = zip.text(resolvePart(workbookPath, rel.target));
      if (xml === null) return null;
      const sheetName = unescapeXml(name, false);
      try {
        out.push({ name: sheetName, ...scanWorksheet(xml, strings) });
      } catch (error) {
        if (!(error instanceof RowBeyondExcel)) throw error;
        throw options.refused(
          `工作表“${sheetName}”中有第${error.row}行，超过Excel的最大行数（${MAX_ROWS}行），文件不像是正常的表格，未导入。`,
        );
      }
    }
    return out.length > 0 ? out : null;
  } catch (error) {
    if (error instanceof Unhandled) return null;
    throw error;
  }
}
