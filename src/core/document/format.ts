import { looksLikeZip } from '../exchange/zip-guard';
import type { DocumentFormat } from './blocks';
import type { Refusal } from '../refusal';

/**
 * Which reader a file needs, from its bytes (a renamed file is still read correctly): PDF by its header, a ZIP
 * by the parts it lists (Word vs Excel), an OLE compound file by its streams (Word/WPS vs Excel), anything
 * else as text. A format we cannot read gets a message saying what to save it as.
 */

export type FormatGuess = { ok: true; format: DocumentFormat } | Refusal;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, i) => bytes[at + i] === byte);
}

function asciiAt(bytes: Uint8Array, start: number, length: number): string {
  let out = '';
  for (let i = start; i < Math.min(bytes.length, start + length); i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

/** Names in the ZIP's central directory (the local headers may lie; the directory is what readers use). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const entries = view.getUint16(i + 10, true);
    let offset = view.getUint32(i + 16, true);
    const names: string[] = [];
    for (let n = 0; n < entries && offset + 46 <= bytes.length; n++) {
      if (view.getUint32(offset, true) !== 0x02014b50) break;
      const nameLength = view.getUint16(offset + 28, true);
      names.push(new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
      offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return names;
  }
  return [];
}

/** UTF-16 stream names of an OLE compound file's directory, found by scanning (enough to tell Word from Excel). */
function oleMentions(bytes: Uint8Array, name: string): boolean {
  const pattern: number[] = [];
  for (const ch of name) pattern.push(ch.charCodeAt(0), 0);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i += 2) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

export function detectFormat(bytes: Uint8Array, name: string): FormatGuess {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (asciiAt(bytes, 0, 1024).includes('%PDF-')) return { ok: true, format: 'pdf' };
  if (looksLikeZip(bytes)) {
    const names = zipEntryNames(bytes);
    if (names.includes('word/document.xml')) return { ok: true, format: 'docx' };
    if (names.some((n) => n.startsWith('xl/'))) return { ok: true, format: 'xlsx' };
    if (names.includes('content.xml'))
      return { ok: false, reason: '这是OpenDocument（.odt/.ods）文件，请在WPS或Word中另存为 .docx（或 .xlsx）后再导入。' };
    if (names.length === 0) return { ok: false, reason: '文件不完整（ZIP目录缺失），可能在拷贝时被截断。' };
    return { ok: false, reason: '这是一个ZIP压缩包，不是Word或Excel文件。请先解压，再导入其中的计划文件。' };
  }
  if (startsWith(bytes, OLE_SIGNATURE)) {
    if (oleMentions(bytes, 'WordDocument')) return { ok: true, format: 'doc' };
    if (oleMentions(bytes, 'Workbook') || oleMentions(bytes, 'Book')) return { ok: true, format: 'xls' };
    return { ok: false, reason: '无法识别的旧版Office/WPS文件，请在WPS或Word中另存为 .docx 后再导入。' };
  }
  if (asciiAt(bytes, 0, 6) === '{\\rtf1' || asciiAt(bytes, 0, 5) === '{\\rtf') {
    return { ok: false, reason: '这是RTF文件，请在WPS或Word中另存为 .docx 后再导入。' };
  }
  if (extension === 'csv') return { ok: true, format: 'csv' };
  // a binary file that is none of the above is not a text file either
  const sample = bytes.subarray(0, 4096);
  let controls = 0;
  for (const byte of sample) if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) controls++;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && controls > sample.length / 50) {
    return { ok: false, reason: '无法识别的文件格式。可导入的格式：.docx、.doc/.wps、.pdf、.xlsx/.xls/.csv 和文本文件（.txt）。' };
  }
  return { ok: true, format: 'text' };
}
