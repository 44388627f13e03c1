import { Inflate } from 'fflate';
import { checkZip, DEFAULT_ZIP_LIMITS, type ZipLimits } from '../exchange/zip-guard';
import { DocumentRefused } from './blocks';

/**
 * Reads named parts of a ZIP (a .docx) after the central-directory checks every imported ZIP gets. Each part
 * is inflated with a running count, so a directory that understates a part's size (a zip bomb that lies) is
 * stopped at the declared size, never at the end of memory.
 */

interface Entry {
  compressedSize: number;
  size: number;
  method: number;
  localHeader: number;
}

function centralEntries(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map<string, Entry>();
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const count = view.getUint16(i + 10, true);
    let offset = view.getUint32(i + 16, true);
    for (let n = 0; n < count && offset + 46 <= bytes.length; n++) {
      if (view.getUint32(offset, true) !== 0x02014b50) break;
      const nameLength = view.getUint16(offset + 28, true);
      const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
      entries.set(name, {
        method: view.getUint16(offset + 10, true),
        compressedSize: view.getUint32(offset + 20, true),
        size: view.getUint32(offset + 24, true),
        localHeader: view.getUint32(offset + 42, true),
      });
      offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    break;
  }
  return entries;
}

export class ZipParts {
  private readonly entries: Map<string, Entry>;

  private readonly refused: (message: string) => Error;
  private readonly inflateRaw: InflateRaw | undefined;

  /**
   * `refused` makes the error a refusal throws (a spreadsheet reader refuses with its own kind); `inflateRaw`
   * replaces fflate's inflate with the host's (the parser process passes Node's zlib, about twice as fast).
   */
  constructor(
    private readonly bytes: Uint8Array,
    fileName: string,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
    options: { refused?: (message: string) => Error; inflateRaw?: InflateRaw } = {},
  ) {
    this.refused = options.refused ?? ((message) => new DocumentRefused(message));
    this.inflateRaw = options.inflateRaw;
    const check = checkZip(bytes, limits);
    if (!check.ok) throw this.refused(check.reason.replace('不像是正常的表格', `“${fileName}”不像是正常的文档`));
    this.entries = centralEntries(bytes);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The part as UTF-8 text, or null when the ZIP has no such part. */
  text(name: string): string | null {
    const bytes = this.bytesOf(name);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  }

  /** The part's bytes, inflated, or null when the ZIP has no such part. */
  bytesOf(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const local = entry.localHeader;
    if (local + 30 > this.bytes.length || view.getUint32(local, true) !== 0x04034b50) {
      throw this.refused(`文件中的“${name}”无法读取，文件可能已损坏。`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return data.subarray(0, entry.size);
    if (entry.method !== 8) throw this.refused(`文件中的“${name}”使用了不支持的压缩方式。`);
    const bomb = `文件中的“${name}”解压后比它声明的大小更大（可能是“ZIP炸弹”），已停止读取。`;
    if (this.inflateRaw) {
      try {
        return this.inflateRaw(data, entry.size);
      } catch (error) {
        if (error instanceof InflatedTooLarge) throw this.refused(bomb);
        throw this.refused(`文件中的“${name}”无法解压，文件可能已损坏或被截断。`);
      }
    }
    const chunks: Uint8Array[] = [];
    let produced = 0;
    const inflater = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > entry.size) throw new ZipBomb(bomb);
      chunks.push(chunk);
    });
    try {
      // fed in small pieces so that each output chunk stays small and the count above stops a bomb early
      const piece = 16 * 1024;
      for (let at = 0; at < data.length || at === 0; at += piece) {
        inflater.push(data.subarray(at, at + piece), at + piece >= data.length);
        if (data.length === 0) break;
      }
    } catch (error) {
      if (error instanceof ZipBomb) throw this.refused(error.message);
      throw this.refused(`文件中的“${name}”无法解压，文件可能已损坏或被截断。`);
    }
    const out = new Uint8Array(produced);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

class ZipBomb extends Error {}

/** What an `inflateRaw` throws when the data inflates past `maxBytes` (it must stop there, not at the end). */
export class InflatedTooLarge extends Error {}

/** Raw DEFLATE data inflated, at most `maxBytes` of it: more throws InflatedTooLarge. */
export type InflateRaw = (data: Uint8Array, maxBytes: number) => Uint8Array;
