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

function finishSheetXml(xml: string, finish: SheetFinish): string {
  let out = xml;
  if (finish.frozenRows > 0 || (finish.frozenColumns ?? 0) > 0) {
    out = out.replace(/<sheetView ([^>]*?)\/>/, `<sheetView $1>${paneXml(finish.frozenRows, finish.frozenColumns ?? 0)}</sheetView>`);
  }
  // fit to one page wide (any number of pages tall), A4 (paperSize 9), landscape by default
  if (!/<sheetPr[\s>]/.test(out)) out = out.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  const setup = `<pageSetup paperSize="9" orientation="${finish.landscape === false ? 'portrait' : 'landscape'}" fitToWidth="1" fitToHeight="0"/>`;
  out = out.replace(/(<pageMargins[^>]*\/>)/, `$1${setup}`);
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
    entry.content = new TextEncoder().encode(finishSheetXml(new TextDecoder().decode(entry.content), finish));
  });
  return XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Uint8Array;
}
