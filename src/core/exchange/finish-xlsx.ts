import * as XLSX from 'xlsx';

/**
 * What SheetJS Community cannot write, added at the XML level: frozen header rows (a <pane> in each sheet
 * view) and A4 landscape printing fitted to the page width. Element order follows the schema, so Excel and
 * WPS open the file without a repair prompt.
 */

export interface SheetFinish {
  frozenRows: number;
  frozenColumns?: number;
  landscape?: boolean;
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
function finishSheetBytes(bytes: Uint8Array, finish: SheetFinish): Uint8Array {
  let start = -1;
  for (let i = 0; i + SHEET_DATA_OPEN.length <= bytes.length && start < 0; i++) if (matchesAt(bytes, i, SHEET_DATA_OPEN)) start = i;
  let end = -1;
  for (let i = bytes.length - SHEET_DATA_CLOSE.length; i > start && end < 0; i--) if (matchesAt(bytes, i, SHEET_DATA_CLOSE)) end = i + SHEET_DATA_CLOSE.length;
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

/** `bytes` may be written uncompressed: the ZIP is compressed once, here. */
export function finishXlsx(bytes: Uint8Array, finishes: readonly SheetFinish[]): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  zip.FullPaths.forEach((path: string, index: number) => {
    const match = /xl\/worksheets\/sheet(\d+)\.xml$/.exec(path);
    const finish = match ? finishes[Number(match[1]) - 1] : undefined;
    const entry = zip.FileIndex[index] as { content?: Uint8Array } | undefined;
    if (!finish || !entry?.content) return;
    entry.content = finishSheetBytes(entry.content, finish);
  });
  return XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Uint8Array;
}
