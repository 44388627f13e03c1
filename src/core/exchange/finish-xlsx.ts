import { unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { type Deflater, writeZip } from './zip-writer';

/**
 * What SheetJS Community cannot write, added at the XML level: frozen header rows (a <pane> in each sheet
 * view) and A4 landscape printing fitted to the page width. Element order follows the schema, so Excel and
 * WPS open the file without a repair prompt.
 */

export interface SheetFinish {
  frozenRows: number;
  frozenColumns?: number;
  landscape?: boolean;
  /**
   * The data rows written directly (sheet-builder.ts sheetDataXml), given the style index of each number format:
   * they replace the sample row (row `sampleRow`, 1-based) that SheetJS wrote with one cell per format in `formats`.
   */
  rows?: { sampleRow: number; formats: readonly string[]; ref: string; xml: (styleOf: (format: string) => number) => Uint8Array };
}

function paneXml(rows: number, columns: number): string {
  const topLeft = `${XLSX.utils.encode_col(columns)}${rows + 1}`;
  const pane = columns > 0 && rows > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${columns > 0 ? ` xSplit="${columns}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`;
  return `<pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/>`;
}

/** The XML before the cells (sheet views, sheet properties) and after them (margins, page setup). */
function finishHead(xml: string, finish: SheetFinish): string {
  let out = xml;
  if (finish.frozenRows > 0 || (finish.frozenColumns ?? 0) > 0) {
    out = out.replace(/<sheetView ([^>]*?)\/>/, `<sheetView $1>${paneXml(finish.frozenRows, finish.frozenColumns ?? 0)}</sheetView>`);
  }
  // fit to one page wide (any number of pages tall), A4 (paperSize 9), landscape by default
  if (!/<sheetPr[\s>]/.test(out)) out = out.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  return out;
}

function finishTail(xml: string, finish: SheetFinish): string {
  const setup = `<pageSetup paperSize="9" orientation="${finish.landscape === false ? 'portrait' : 'landscape'}" fitToWidth="1" fitToHeight="0"/>`;
  return xml.replace(/(<pageMargins[^>]*\/>)/, `$1${setup}`);
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const SHEET_DATA_OPEN = ascii('<sheetData');
const SHEET_DATA_CLOSE = ascii('</sheetData>');

function matchesAt(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  for (let j = 0; j < pattern.length; j++) if (bytes[at + j] !== pattern[j]) return false;
  return true;
}

/**
 * Only the few hundred bytes around the cells are decoded and changed; the cells (megabytes for 50,000 rows)
 * are copied as bytes. `<sheetData` is near the start and `</sheetData>` near the end, so both searches are short.
 */
function joined(...pieces: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * The sample row's cells give each format's style index; the rows written directly take its place. The sheet
 * SheetJS wrote is small (title, subtitle, headers, the sample): it is handled as text, the rows as bytes.
 */
function withRows(bytes: Uint8Array, rows: NonNullable<SheetFinish['rows']>): Uint8Array {
  const xml = new TextDecoder().decode(bytes).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${rows.ref}"/>`);
  const encoder = new TextEncoder();
  const sample = new RegExp(`<row r="${rows.sampleRow}"[^>]*>(.*?)</row>`).exec(xml);
  if (!sample) {
    // no number formats, no sample row: the rows go at the end of the sheet's data
    if (rows.formats.length > 0) throw new Error('finishXlsx: the sample row is missing');
    const end = xml.indexOf('</sheetData>');
    return joined(
      encoder.encode(xml.slice(0, end)),
      rows.xml(() => 0),
      encoder.encode(xml.slice(end)),
    );
  }
  const styles = new Map<string, number>();
  for (const cell of (sample[1] as string).matchAll(/<c r="([A-Z]+)\d+"(?: s="(\d+)")?/g)) {
    const column = XLSX.utils.decode_col(cell[1] as string);
    const format = rows.formats[column];
    if (format !== undefined) styles.set(format, Number(cell[2] ?? 0));
  }
  const styleOf = (format: string): number => {
    const style = styles.get(format);
    if (style === undefined) throw new Error(`finishXlsx: no style for the number format ${format}`);
    return style;
  };
  return joined(encoder.encode(xml.slice(0, sample.index)), rows.xml(styleOf), encoder.encode(xml.slice(sample.index + sample[0].length)));
}

function finishSheetBytes(source: Uint8Array, finish: SheetFinish): Uint8Array {
  const bytes = finish.rows ? withRows(source, finish.rows) : source;
  let start = -1;
  for (let i = 0; i + SHEET_DATA_OPEN.length <= bytes.length && start < 0; i++) if (matchesAt(bytes, i, SHEET_DATA_OPEN)) start = i;
  let end = -1;
  for (let i = bytes.length - SHEET_DATA_CLOSE.length; i > start && end < 0; i--)
    if (matchesAt(bytes, i, SHEET_DATA_CLOSE)) end = i + SHEET_DATA_CLOSE.length;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  if (start < 0 || end < 0) {
    // an empty sheet (<sheetData/>): small enough to treat whole
    return encoder.encode(finishTail(finishHead(decoder.decode(bytes), finish), finish));
  }
  const head = encoder.encode(finishHead(decoder.decode(bytes.subarray(0, start)), finish));
  const tail = encoder.encode(finishTail(decoder.decode(bytes.subarray(end)), finish));
  const out = new Uint8Array(head.length + (end - start) + tail.length);
  out.set(head, 0);
  out.set(bytes.subarray(start, end), head.length);
  out.set(tail, head.length + (end - start));
  return out;
}

/**
 * `bytes` may be written uncompressed: the ZIP is compressed once, here, at the deflater's fastest level (Node's
 * zlib from the app, fflate otherwise; either compresses better than SheetJS's fixed-Huffman writer, and faster).
 */
export function finishXlsx(bytes: Uint8Array, finishes: readonly SheetFinish[], deflater?: Deflater): Uint8Array {
  const parts = Object.entries(unzipSync(bytes)).map(([name, content]) => {
    const match = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
    const finish = match ? finishes[Number(match[1]) - 1] : undefined;
    return { name, data: finish ? finishSheetBytes(content, finish) : content };
  });
  return writeZip(parts, deflater);
}
