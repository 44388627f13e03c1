import { type DocumentBlock, DocumentRefused, type PlanDocument, type RowBlock } from './blocks';
import { NumberingCounter, readNumbering } from './docx-numbering';
import { walkXml } from './xml';
import { ZipParts } from './zip-entries';

/**
 * .docx → blocks. Body paragraphs in order, with Word's automatic numbering put back in front of their text
 * and heading levels from their styles; tables row by row: a cell spanning the grid is a full-width row, a
 * vertically merged cell repeats the text of the cell that starts the merge, a row marked "repeat as header"
 * is flagged. Page numbers come from the page breaks Word records when it last laid the document out.
 */

export interface DocxLimits {
  /** tables inside table cells, deeper than this, are refused (a crafted file nests thousands) */
  maxTableDepth: number;
  maxBlocks: number;
}

export const DOCX_LIMITS: DocxLimits = { maxTableDepth: 8, maxBlocks: 100_000 };

interface StyleInfo {
  basedOn?: string;
  outlineLevel?: number;
  numId?: string;
  numLevel?: number;
  name?: string;
}

function readStyles(xml: string | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return styles;
  let current: StyleInfo | null = null;
  let inParagraphProperties = false;
  walkXml(
    xml,
    {
      open(name, attributes) {
        const value = attributes['w:val'];
        if (name === 'w:style') {
          current = {};
          styles.set(attributes['w:styleId'] ?? '', current);
        } else if (!current) return;
        else if (name === 'w:name') current.name = value;
        else if (name === 'w:basedOn') current.basedOn = value;
        else if (name === 'w:pPr') inParagraphProperties = true;
        else if (inParagraphProperties && name === 'w:outlineLvl') current.outlineLevel = Number(value);
        else if (inParagraphProperties && name === 'w:numId') current.numId = value;
        else if (inParagraphProperties && name === 'w:ilvl') current.numLevel = Number(value);
      },
      close(name) {
        if (name === 'w:style') current = null;
        if (name === 'w:pPr') inParagraphProperties = false;
      },
      text() {},
    },
    'word/styles.xml',
  );
  return styles;
}

/** A style's own setting or its nearest ancestor's. */
function inherited<K extends keyof StyleInfo>(styles: Map<string, StyleInfo>, id: string | undefined, key: K): StyleInfo[K] {
  const seen = new Set<string>();
  let styleId = id;
  while (styleId !== undefined && !seen.has(styleId)) {
    seen.add(styleId);
    const style = styles.get(styleId);
    if (!style) return undefined;
    if (style[key] !== undefined) return style[key];
    styleId = style.basedOn;
  }
  return undefined;
}

function headingLevel(styles: Map<string, StyleInfo>, styleId: string | undefined, outline: number | undefined): number | undefined {
  if (outline !== undefined && outline < 9) return outline + 1;
  const fromStyle = inherited(styles, styleId, 'outlineLevel');
  if (fromStyle !== undefined && fromStyle < 9) return fromStyle + 1;
  const name = (styleId ? styles.get(styleId)?.name : undefined) ?? styleId ?? '';
  const match = /^(?:heading|标题)\s*(\d)$/i.exec(name);
  return match ? Number(match[1]) : undefined;
}

interface ParagraphState {
  text: string;
  styleId?: string;
  numId?: string;
  numLevel?: number;
  outline?: number;
  /** the page it starts on */
  page: number;
}

interface CellState {
  paragraphs: string[];
  span: number;
  merge: 'restart' | 'continue' | null;
}

interface TableState {
  rows: { cells: CellState[]; header: boolean }[];
  gridColumns: number;
  row: { cells: CellState[]; header: boolean } | null;
  cell: CellState | null;
}

export function readDocx(bytes: Uint8Array, name: string, limits: DocxLimits = DOCX_LIMITS): PlanDocument {
  const zip = new ZipParts(bytes, name);
  const documentXml = zip.text('word/document.xml');
  if (documentXml === null) throw new DocumentRefused('这不是Word文档（缺少正文部件 word/document.xml）。');
  const styles = readStyles(zip.text('word/styles.xml'));
  const numberingXml = zip.text('word/numbering.xml');
  const counter = new NumberingCounter(numberingXml ? readNumbering(numberingXml) : new Map());

  const blocks: DocumentBlock[] = [];
  const notes: string[] = [];
  let page = 1;
  let sawPageBreak = false;
  let paragraphNumber = 0;
  let tableNumber = 0;
  const tables: TableState[] = [];
  let paragraph: ParagraphState | null = null;
  let inRun = false;
  let inText = false;
  let skipDepth = 0; // inside deleted text, field instructions or a fallback copy
  let inParagraphProperties = false;
  let inRowProperties = false;
  let inCellProperties = false;

  const push = (block: DocumentBlock): void => {
    if (blocks.length >= limits.maxBlocks) throw new DocumentRefused(`文档超过${limits.maxBlocks}个段落或表格行，不像是一份实施计划。`);
    blocks.push(block);
  };

  const finishParagraph = (state: ParagraphState): void => {
    const level = inherited(styles, state.styleId, 'numLevel');
    const numId = state.numId ?? inherited(styles, state.styleId, 'numId');
    const label = numId !== undefined ? counter.next(numId, state.numLevel ?? level ?? 0) : '';
    const text = `${label}${state.text}`.replace(/[ \t\u00a0]+$/g, '');
    const table = tables.at(-1);
    if (table?.cell) {
      table.cell.paragraphs.push(text);
      return;
    }
    paragraphNumber++;
    if (text.trim() === '') return;
    const heading = headingLevel(styles, state.styleId, state.outline);
    const place = { paragraph: paragraphNumber, ...(sawPageBreak ? { page: state.page } : {}) };
    push(heading !== undefined ? { kind: 'heading', text, level: heading, place } : { kind: 'paragraph', text, place });
  };

  const finishTable = (table: TableState): void => {
    tableNumber++;
    const number = tableNumber;
    // a vertically merged cell shows the text of the cell that starts the merge, by grid column
    const above = new Map<number, string>();
    table.rows.forEach((row, rowIndex) => {
      const cells: string[] = [];
      let column = 0;
      for (const cell of row.cells) {
        let text = cell.paragraphs.join('\n').trim();
        if (cell.merge === 'continue') text = above.get(column) ?? '';
        else above.set(column, cell.merge === 'restart' ? text : '');
        if (cell.merge === null) above.delete(column);
        cells.push(text);
        for (let extra = 1; extra < cell.span; extra++) cells.push('');
        column += cell.span;
      }
      const filled = row.cells.filter((cell) => cell.paragraphs.join('').trim() !== '');
      const widest = Math.max(table.gridColumns, column);
      const spansWidth =
        row.cells.length === 1 && widest > 1 ? true : filled.length === 1 && (filled[0]?.span ?? 1) >= widest && widest > 1;
      const block: RowBlock = { kind: 'row', cells, place: { table: number, row: rowIndex + 1, ...(sawPageBreak ? { page } : {}) } };
      if (row.header) block.header = true;
      if (spansWidth) block.spansWidth = true;
      if (cells.some((cell) => cell !== '')) push(block);
    });
  };

  walkXml(
    documentXml,
    {
      open(tag, attributes) {
        if (skipDepth > 0) {
          skipDepth++;
          return;
        }
        switch (tag) {
          case 'w:del':
          case 'w:delText':
          case 'w:instrText':
          case 'mc:Fallback':
          case 'w:footnoteReference':
            skipDepth = 1;
            return;
          case 'w:p':
            if (paragraph && tables.length === 0) {
              // a paragraph inside a text box inside a paragraph: kept as part of the outer one
              return;
            }
            paragraph = { text: '', page };
            return;
          case 'w:pPr':
            inParagraphProperties = true;
            return;
          case 'w:pStyle':
            if (paragraph && inParagraphProperties) paragraph.styleId = attributes['w:val'];
            return;
          case 'w:numId':
            if (paragraph && inParagraphProperties) paragraph.numId = attributes['w:val'];
            return;
          case 'w:ilvl':
            if (paragraph && inParagraphProperties) paragraph.numLevel = Number(attributes['w:val'] ?? 0);
            return;
          case 'w:outlineLvl':
            if (paragraph && inParagraphProperties) paragraph.outline = Number(attributes['w:val'] ?? 9);
            return;
          case 'w:r':
            inRun = true;
            return;
          case 'w:t':
            inText = inRun;
            return;
          case 'w:tab':
            if (paragraph && inRun) paragraph.text += '\t';
            return;
          case 'w:br':
            if (attributes['w:type'] === 'page') {
              page++;
              sawPageBreak = true;
            } else if (paragraph && inRun) paragraph.text += '\n';
            return;
          case 'w:lastRenderedPageBreak':
            page++;
            sawPageBreak = true;
            return;
          case 'w:sym':
            if (paragraph && inRun) paragraph.text += String.fromCharCode(Number.parseInt(attributes['w:char'] ?? '20', 16) & 0xffff);
            return;
          case 'w:noBreakHyphen':
            if (paragraph) paragraph.text += '-';
            return;
          case 'w:tbl':
            if (tables.length >= limits.maxTableDepth) {
              throw new DocumentRefused(`文档中的表格嵌套超过${limits.maxTableDepth}层，不像是正常的计划文件，未导入。`);
            }
            tables.push({ rows: [], gridColumns: 0, row: null, cell: null });
            return;
          case 'w:gridCol': {
            const table = tables.at(-1);
            if (table) table.gridColumns++;
            return;
          }
          case 'w:tr': {
            const table = tables.at(-1);
            if (table) table.row = { cells: [], header: false };
            return;
          }
          case 'w:trPr':
            inRowProperties = true;
            return;
          case 'w:tblHeader': {
            const row = tables.at(-1)?.row;
            if (row && inRowProperties && attributes['w:val'] !== '0' && attributes['w:val'] !== 'false') row.header = true;
            return;
          }
          case 'w:tc': {
            const table = tables.at(-1);
            if (table?.row) {
              table.cell = { paragraphs: [], span: 1, merge: null };
              table.row.cells.push(table.cell);
            }
            return;
          }
          case 'w:tcPr':
            inCellProperties = true;
            return;
          case 'w:gridSpan': {
            const cell = tables.at(-1)?.cell;
            if (cell && inCellProperties) cell.span = Math.max(1, Math.min(200, Number(attributes['w:val'] ?? 1) || 1));
            return;
          }
          case 'w:vMerge': {
            const cell = tables.at(-1)?.cell;
            if (cell && inCellProperties) cell.merge = attributes['w:val'] === 'restart' ? 'restart' : 'continue';
            return;
          }
          default:
            return;
        }
      },
      close(tag) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        switch (tag) {
          case 'w:p': {
            const table = tables.at(-1);
            // nested paragraphs (text boxes) close without ending the outer one
            if (paragraph && (tables.length === 0 || table?.cell)) {
              const finished: ParagraphState = paragraph;
              paragraph = null;
              finishParagraph(finished);
            }
            return;
          }
          case 'w:pPr':
            inParagraphProperties = false;
            return;
          case 'w:r':
            inRun = false;
            return;
          case 'w:t':
            inText = false;
            return;
          case 'w:trPr':
            inRowProperties = false;
            return;
          case 'w:tcPr':
            inCellProperties = false;
            return;
          case 'w:tc': {
            const table = tables.at(-1);
            if (table) table.cell = null;
            return;
          }
          case 'w:tr': {
            const table = tables.at(-1);
            if (table?.row) table.rows.push(table.row);
            if (table) table.row = null;
            return;
          }
          case 'w:tbl': {
            const table = tables.pop();
            if (!table) return;
            const outer = tables.at(-1);
            if (outer?.cell) {
              // a table inside a cell: its text becomes part of the cell, row by row
              outer.cell.paragraphs.push(...table.rows.map((row) => row.cells.map((cell) => cell.paragraphs.join(' ')).join(' ')));
              return;
            }
            finishTable(table);
            return;
          }
          default:
            return;
        }
      },
      text(text) {
        if (skipDepth > 0 || !inText || !paragraph) return;
        const open: ParagraphState = paragraph;
        open.text += text;
      },
    },
    'word/document.xml',
  );
  if (blocks.length === 0) notes.push('文档正文为空。');
  return { name, format: 'docx', blocks, notes };
}
