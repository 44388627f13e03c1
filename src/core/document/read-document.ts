import { readCsv } from '../exchange/csv';
import { readXlsx, SpreadsheetRefused } from '../exchange/read-xlsx';
import { checkZip } from '../exchange/zip-guard';
import { DocumentRefused, type PlanDocument } from './blocks';
import { detectFormat } from './format';
import { readDoc } from './read-doc';
import { DOCX_LIMITS, type DocxLimits, readDocx } from './read-docx';
import { PDF_LIMITS, type PdfOptions, readPdf } from './read-pdf';
import { sheetsToDocument } from './read-sheets';
import { readTextDocument } from './read-text';

/**
 * The one seam between plan files and the plan parser: bytes and a file name in, blocks out. The format is
 * chosen by content, so a .doc renamed .docx, or a PDF saved as .txt, is still read by the right reader.
 * Binary formats must only be read in the parser process (src/app/exchange/parse-worker.ts), which has the
 * size, time and memory limits; this function itself has no I/O.
 */

export interface ReadOptions {
  pdf: PdfOptions;
  docx: DocxLimits;
  maxRows: number;
  maxColumns: number;
}

export const READ_LIMITS: ReadOptions = { pdf: PDF_LIMITS, docx: DOCX_LIMITS, maxRows: 20_000, maxColumns: 60 };

export async function readPlanDocument(bytes: Uint8Array, name: string, options: ReadOptions = READ_LIMITS): Promise<PlanDocument> {
  const guess = detectFormat(bytes, name);
  if (!guess.ok) throw new DocumentRefused(guess.reason);
  try {
    switch (guess.format) {
      case 'docx':
        return readDocx(bytes, name, options.docx);
      case 'doc':
        return await readDoc(bytes, name);
      case 'pdf':
        return await readPdf(bytes, name, options.pdf);
      case 'xlsx': {
        const zip = checkZip(bytes);
        if (!zip.ok) throw new DocumentRefused(zip.reason);
        return sheetsToDocument(readXlsx(bytes, name, { maxRows: options.maxRows, maxColumns: options.maxColumns }), 'xlsx');
      }
      case 'xls':
        return sheetsToDocument(readXlsx(bytes, name, { maxRows: options.maxRows, maxColumns: options.maxColumns }), 'xls');
      case 'csv':
        return sheetsToDocument(readCsv(bytes, name, options.maxRows), 'csv');
      case 'text':
        return readTextDocument(bytes, name);
    }
  } catch (error) {
    if (error instanceof SpreadsheetRefused) throw new DocumentRefused(error.message);
    throw error;
  }
}
