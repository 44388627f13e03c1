/**
 * A plan document as the parser sees it, whatever file it came from: an ordered list of blocks, each a
 * paragraph, a heading or a table row (with its cells), and where it stood in the source, so every task and
 * every warning can point the user back at the page, paragraph or table row it came from.
 */

export type DocumentFormat = 'docx' | 'doc' | 'pdf' | 'xlsx' | 'xls' | 'csv' | 'text';

export const FORMAT_NAMES: Record<DocumentFormat, string> = {
  docx: 'Word文档（.docx）',
  doc: 'Word 97-2003/WPS文档（.doc/.wps）',
  pdf: 'PDF',
  xlsx: 'Excel表格（.xlsx）',
  xls: 'Excel 97-2003表格（.xls）',
  csv: 'CSV表格',
  text: '文本',
};

export interface SourcePlace {
  /** 1-based line of a text file */
  line?: number;
  /** 1-based page of a PDF (or of a .docx that records its rendered page breaks) */
  page?: number;
  /** 1-based paragraph of a Word document (body paragraphs, tables not counted) */
  paragraph?: number;
  /** 1-based table of a document, or the sheet of a spreadsheet */
  table?: number;
  sheet?: string;
  /** 1-based row of that table or sheet */
  row?: number;
}

interface BlockBase {
  place: SourcePlace;
}

export interface TextBlock extends BlockBase {
  kind: 'paragraph' | 'heading';
  /** the text as a reader sees it, with automatic numbering put back ("（一）基本公共教育") */
  text: string;
  /** a heading's outline level (1 = top) when the document says so through its styles */
  level?: number;
}

export interface RowBlock extends BlockBase {
  kind: 'row';
  cells: string[];
  /** the document marks this row as a header (Word: repeat as header row) */
  header?: boolean;
  /** one cell spans the whole width of the table (a merged domain row) */
  spansWidth?: boolean;
}

export type DocumentBlock = TextBlock | RowBlock;

export interface PlanDocument {
  name: string;
  format: DocumentFormat;
  /** for text files: the detected encoding */
  encoding?: string;
  blocks: DocumentBlock[];
  /** what the reader noticed and dropped or could not read (page headers, unreadable parts) */
  notes: string[];
}

/** "第3页"、"第12段"、"表2 第5行"、"工作表“任务” 第4行"、"第40行". */
export function describePlace(place: SourcePlace): string {
  const parts: string[] = [];
  if (place.sheet !== undefined) parts.push(`工作表“${place.sheet}”`);
  if (place.page !== undefined) parts.push(`第${place.page}页`);
  if (place.table !== undefined && place.sheet === undefined) parts.push(`表${place.table}`);
  if (place.row !== undefined) parts.push(`第${place.row}行`);
  else if (place.paragraph !== undefined) parts.push(`第${place.paragraph}段`);
  else if (place.line !== undefined) parts.push(`第${place.line}行`);
  return parts.join(' ');
}

/** A document that cannot be read: the message is for the user, in Chinese. */
export class DocumentRefused extends Error {}
