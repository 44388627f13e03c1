import type { DocumentBlock } from '../document/blocks';
import { describePlace } from '../document/blocks';
import { foldWidth } from '../text/fold';
import { isNumbered } from './numbering';
import { hasOpenOwnerGroup } from './owners';

/**
 * What the parser walks: text lines and table rows, each with where it stands in the source (for messages)
 * and its character offset in the document text (targets point back into it). A plain-text plan gives lines
 * with its own offsets; a document read into blocks gives lines and rows over the text of its blocks.
 */

export interface TextLine {
  kind: 'line';
  /** original, trimmed */
  text: string;
  /** same length as text */
  folded: string;
  offset: number;
  /** "第12行", "第3页 第5行", "第40段" */
  place: string;
  /** a heading level the document gave this line, if any */
  heading?: number;
}

export interface TableRow {
  kind: 'row';
  cells: string[];
  offset: number;
  place: string;
  header: boolean;
  spansWidth: boolean;
  /** rows of one table share it */
  table: string;
}

export type PlanLine = TextLine | TableRow;

function textLine(raw: string, offset: number, place: string, heading?: number): TextLine | null {
  const leading = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text === '') return null;
  return { kind: 'line', text, folded: foldWidth(text), offset: offset + leading, place, ...(heading !== undefined ? { heading } : {}) };
}

export function linesOfText(document: string): PlanLine[] {
  const lines: PlanLine[] = [];
  let offset = 0;
  document.split('\n').forEach((raw, index) => {
    const line = textLine(raw.replace(/\r$/, ''), offset, `第${index + 1}行`);
    if (line) lines.push(line);
    offset += raw.length + 1;
  });
  return joinOpenOwnerGroups(lines);
}

/** Lines and rows of a document's blocks, and the document text their offsets refer to. */
export function linesOfBlocks(blocks: readonly DocumentBlock[]): { lines: PlanLine[]; text: string } {
  const lines: PlanLine[] = [];
  let text = '';
  for (const block of blocks) {
    const place = describePlace(block.place);
    if (block.kind === 'row') {
      const table = `${block.place.sheet ?? ''}|${block.place.table ?? ''}`;
      lines.push({
        kind: 'row',
        cells: block.cells.map((cell) => cell.trim()),
        offset: text.length,
        place,
        header: block.header === true,
        spansWidth: block.spansWidth === true,
        table,
      });
      text += `${block.cells.join('\t')}\n`;
      continue;
    }
    for (const part of block.text.split('\n')) {
      const line = textLine(part.replace(/\t+/g, ' '), text.length, place, block.kind === 'heading' ? block.level : undefined);
      if (line) lines.push(line);
      text += `${part}\n`;
    }
  }
  return { lines: joinOpenOwnerGroups(lines), text };
}

/** "（牵头单位：市教育局，配合单位：市财" + "政局）": an owner bracket cut at a line end goes on to the next line. */
function joinOpenOwnerGroups(lines: PlanLine[]): PlanLine[] {
  const out: PlanLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as PlanLine;
    const next = lines[i + 1];
    if (
      line.kind === 'line' &&
      next?.kind === 'line' &&
      hasOpenOwnerGroup(line.text) &&
      /[)）】\]〕]/.test(next.folded) &&
      next.text.length < 120 &&
      !isNumbered(next.folded)
    ) {
      const text = line.text + next.text;
      out.push({ ...line, text, folded: foldWidth(text) });
      i++;
      continue;
    }
    out.push(line);
  }
  return out;
}
