import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readCsv } from '../../core/exchange/csv';
import { readXlsx, SpreadsheetRefused } from '../../core/exchange/read-xlsx';
import { checkZip, looksLikeCompoundFile } from '../../core/exchange/zip-guard';
import type { ParseOutcome, ParseRequest } from './parse-protocol';

/** What the parser process does with one request: size check, signature and ZIP directory check, parse. */
export function parseFile(request: Omit<ParseRequest, 'id'>): ParseOutcome {
  const name = basename(request.path);
  try {
    const { size } = statSync(request.path);
    if (size > request.maxFileBytes) {
      return { ok: false, reason: `“${name}”有${(size / 1024 / 1024).toFixed(1)} MB，超过上限${(request.maxFileBytes / 1024 / 1024).toFixed(0)} MB。` };
    }
    const bytes = new Uint8Array(readFileSync(request.path));
    if (extname(name).toLowerCase() === '.csv') return { ok: true, data: readCsv(bytes, name, request.maxRows) };
    const limits = { maxRows: request.maxRows, maxColumns: request.maxColumns };
    if (looksLikeCompoundFile(bytes)) return { ok: true, data: readXlsx(bytes, name, limits) };
    const zip = checkZip(bytes);
    if (!zip.ok) return { ok: false, reason: `“${name}”：${zip.reason}` };
    return { ok: true, data: readXlsx(bytes, name, limits) };
  } catch (error) {
    if (error instanceof SpreadsheetRefused) return { ok: false, reason: `“${name}”：${error.message}` };
    return { ok: false, reason: `无法读取“${name}”：${error instanceof Error ? error.message : String(error)}` };
  }
}
