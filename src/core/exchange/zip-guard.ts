import type { Refusal } from '../refusal';
/**
 * Cheap checks on an .xlsx before any parser sees it: the ZIP signature, and the uncompressed sizes its
 * central directory declares (a zip bomb announces itself there). A lying directory is still caught by the
 * parser's memory cap; this only turns the common cases into a clear message without spending the memory.
 */

export interface ZipLimits {
  /** all entries together, uncompressed */
  maxTotalBytes: number;
  /** any one entry, uncompressed (a 50 MB sharedStrings.xml) */
  maxEntryBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 400 * 1024 * 1024, maxEntryBytes: 150 * 1024 * 1024, maxEntries: 2000 };

export type ZipCheck = { ok: true } | Refusal;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * A legacy .xls (BIFF8) is an OLE2 compound file. It has no compression, so it cannot expand beyond its own
 * size: the file-size cap bounds it, and the parser process's memory cap and timeout do the rest.
 */
export function looksLikeCompoundFile(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 512 && signature.every((byte, i) => bytes[i] === byte);
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

export function checkZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  if (!looksLikeZip(bytes))
    return { ok: false, reason: '不是有效的 .xlsx 或 .xls 文件（缺少ZIP文件头）。如是 WPS 格式（.et），请在 WPS 中另存为 .xlsx。' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end-of-central-directory record is in the last 64 KB + 22 bytes
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: '文件不完整（ZIP目录缺失），可能在拷贝时被截断。' };
  const entries = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entries > limits.maxEntries) return { ok: false, reason: `文件包含${entries}个部件，超过上限${limits.maxEntries}。` };
  let offset = directoryOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      return { ok: false, reason: '文件不完整或已损坏（ZIP目录无法读取）。' };
    }
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    if (size > limits.maxEntryBytes)
      return { ok: false, reason: `文件中的“${name}”解压后有${mb(size)}，超过单个部件上限${mb(limits.maxEntryBytes)}。` };
    total += size;
    if (total > limits.maxTotalBytes)
      return { ok: false, reason: `文件解压后超过${mb(limits.maxTotalBytes)}，不像是正常的表格（可能是“ZIP炸弹”）。` };
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true };
}
