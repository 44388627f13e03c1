import { decodeText } from '../text/decode';
import type { DocumentBlock, PlanDocument } from './blocks';

/** A text file → one paragraph block per non-empty line, each with its line number. */
export function textToBlocks(text: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line, place: { line: index + 1 } });
    });
  return blocks;
}

export function readTextDocument(bytes: Uint8Array, name: string): PlanDocument {
  const { text, encoding } = decodeText(bytes);
  return { name, format: 'text', encoding, blocks: textToBlocks(text), notes: [] };
}
