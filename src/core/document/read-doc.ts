import WordExtractor from 'word-extractor';
import { type DocumentBlock, DocumentRefused, type PlanDocument } from './blocks';

/**
 * Word 97–2003 and WPS (.doc/.wps, an OLE compound file) → blocks, through word-extractor (pure JavaScript,
 * offline). It gives the body text: paragraphs end with a line break and table cells with a tab, so a line
 * with tabs is a table row. Word's automatic numbering is not in that text (it lives in the list tables the
 * reader does not interpret); the parser still finds the plan's structure from the headings written as text,
 * and the preview says when numbers were not found.
 */
export async function readDoc(bytes: Uint8Array, name: string): Promise<PlanDocument> {
  let body: string;
  try {
    const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = document.getBody();
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
      row++;
      const cells = line.split('\t').map((cell) => cell.trim());
      while (cells.length > 1 && cells.at(-1) === '') cells.pop();
      blocks.push({ kind: 'row', cells, place: { table, row } });
      continue;
    }
    if (line.trim() === '') continue;
    inTable = false;
    paragraph++;
    blocks.push({ kind: 'paragraph', text: line, place: { paragraph } });
  }
  return { name, format: 'doc', blocks, notes: [] };
}
