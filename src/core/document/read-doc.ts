import WordExtractor from 'word-extractor';
import { type DocumentBlock, DocumentRefused, type PlanDocument } from './blocks';

/**
 * Word 97–2003 and WPS (.doc/.wps, an OLE compound file) → blocks, through word-extractor (pure JavaScript,
 * offline). It gives the body text: paragraphs end with a line break and table cells with a tab, so a line
 * with tabs is a table row. Word's automatic numbering is not in that text (it lives in the list tables the
 * reader does not interpret); the parser still finds the plan's structure from the headings written as text,
 * and the preview says when numbers were not found.
 */
/**
 * Word ends each cell with a mark and each row with one more, and puts no line break between rows: a table
 * comes out as one line, "a\tb\t\tc\td\t\t". The first row's width (up to its row mark) cuts the rest.
 */
export function tableRows(line: string): string[][] {
  const tokens = line.split('\t').map((cell) => cell.trim());
  const width = tokens.indexOf('');
  const fits = width > 0 && tokens.every((token, i) => (i % (width + 1) === width ? token === '' : true));
  if (!fits) {
    while (tokens.length > 1 && tokens.at(-1) === '') tokens.pop();
    return [tokens];
  }
  const rows: string[][] = [];
  for (let start = 0; start + width <= tokens.length; start += width + 1) {
    const cells = tokens.slice(start, start + width);
    if (cells.some((cell) => cell !== '')) rows.push(cells);
  }
  return rows;
}

/**
 * word-extractor takes a Node Buffer (anything else is read as a file name). This reader runs only in the parser
 * process, which is Node; core has no Node types, so the one Node global it needs is named here.
 */
const nodeBuffer = (bytes: Uint8Array): Uint8Array =>
  (globalThis as unknown as { Buffer: { from(buffer: ArrayBufferLike, offset: number, length: number): Uint8Array } }).Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    bytes.byteLength,
  );

export async function readDoc(bytes: Uint8Array, name: string): Promise<PlanDocument> {
  let body: string;
  try {
    const document = await new WordExtractor().extract(nodeBuffer(bytes));
    // keep “quotes” and dashes as written (the default turns them into ASCII)
    body = document.getBody({ filterUnicode: false });
  } catch {
    throw new DocumentRefused('无法读取这个 .doc/.wps 文件（可能是加密、损坏或过旧的格式）。请在WPS或Word中打开，另存为 .docx 后再导入。');
  }
  const blocks: DocumentBlock[] = [];
  let paragraph = 0;
  let table = 0;
  let row = 0;
  let inTable = false;
  for (const line of body.split('\n')) {
    if (line.includes('\t') && line.replace(/\t/g, '').trim() !== '') {
      if (!inTable) {
        table++;
        row = 0;
        inTable = true;
      }
      for (const cells of tableRows(line)) {
        row++;
        blocks.push({ kind: 'row', cells, place: { table, row } });
      }
      continue;
    }
    if (line.trim() === '') continue;
    inTable = false;
    paragraph++;
    blocks.push({ kind: 'paragraph', text: line, place: { paragraph } });
  }
  return { name, format: 'doc', blocks, notes: [] };
}
