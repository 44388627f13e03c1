import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { DocumentRefused } from '../../core/document/blocks';
import { InflatedTooLarge } from '../../core/document/zip-entries';
import { readCsv } from '../../core/exchange/csv';
import { readXlsxFast, SpreadsheetRefused } from '../../core/exchange/read-xlsx-fast';
import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import { checkZip, looksLikeCompoundFile } from '../../core/exchange/zip-guard';
import type { ParseOutcome, ParseRequest } from './parse-protocol';

/**
 * Node's zlib for the ZIP parts: native, about twice as fast as fflate, and it stops at the declared size
 * (`maxOutputLength`), so a directory that understates a part is refused without inflating the rest.
 */
function inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new InflatedTooLarge();
    throw error;
  }
}

/**
 * The fast reader first (fast-xlsx.ts); SheetJS, loaded only then, for what it leaves (.xls, strict OOXML …).
 * Plan documents load pdf.js and the Word readers likewise only when a plan is read: a spreadsheet import
 * starts this process without them.
 */
async function readSpreadsheet(bytes: Uint8Array, name: string, limits: { maxRows: number; maxColumns: number }): Promise<SpreadsheetData> {
  const fast = readXlsxFast(bytes, name, limits, inflateRaw);
  if (fast) return fast;
  const { readXlsxWithSheetJs } = await import('../../core/exchange/read-xlsx');
  return readXlsxWithSheetJs(bytes, name, limits);
}

/** pdf.js's CMaps and standard fonts, from its package: a CJK PDF without embedded fonts needs them. */
function pdfAssets(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` };
  } catch {
    return {};
  }
}

/** What the parser process does with one request: size check, signature and ZIP directory check, parse. */
export async function parseFile(request: Omit<ParseRequest, 'id'>): Promise<ParseOutcome> {
  const name = basename(request.path);
  try {
    const { size } = statSync(request.path);
    if (size > request.maxFileBytes) {
      return {
        ok: false,
        reason: `“${name}”有${(size / 1024 / 1024).toFixed(1)} MB，超过上限${(request.maxFileBytes / 1024 / 1024).toFixed(0)} MB。`,
      };
    }
    const bytes = new Uint8Array(readFileSync(request.path));
    if (request.kind === 'plan') {
      const [{ readPlanFile }, { READ_LIMITS }] = await Promise.all([
        import('../../core/document/plan-reading'),
        import('../../core/document/read-document'),
      ]);
      const options = { ...READ_LIMITS, pdf: { ...READ_LIMITS.pdf, ...pdfAssets() } };
      return { ok: true, plan: await readPlanFile(bytes, name, options) };
    }
    if (extname(name).toLowerCase() === '.csv') return { ok: true, data: readCsv(bytes, name, request.maxRows) };
    const limits = { maxRows: request.maxRows, maxColumns: request.maxColumns };
    if (looksLikeCompoundFile(bytes)) return { ok: true, data: await readSpreadsheet(bytes, name, limits) };
    const zip = checkZip(bytes);
    if (!zip.ok) return { ok: false, reason: `“${name}”：${zip.reason}` };
    return { ok: true, data: await readSpreadsheet(bytes, name, limits) };
  } catch (error) {
    if (error instanceof SpreadsheetRefused || error instanceof DocumentRefused)
      return { ok: false, reason: `“${name}”：${error.message}` };
    if (error instanceof RangeError) return { ok: false, reason: `“${name}”结构异常（嵌套或数据量超出处理上限），未导入。` };
    return { ok: false, reason: `无法读取“${name}”：${error instanceof Error ? error.message : String(error)}` };
  }
}
