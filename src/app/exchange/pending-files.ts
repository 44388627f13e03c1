import { randomUUID } from 'node:crypto';
import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import { WorkbenchError } from '../../shared/result';

/**
 * A file read for a preview waits here until the user applies or abandons it; the page holds only a token.
 * A few at most, for a limited time: an abandoned preview does not keep its data forever.
 */
export class PendingFiles<T = SpreadsheetData> {
  private readonly files = new Map<string, { data: T; at: number }>();

  constructor(
    private readonly maxFiles = 4,
    private readonly maxAgeMs = 60 * 60 * 1000,
  ) {}

  put(data: T): string {
    const now = Date.now();
    for (const [token, entry] of this.files) if (now - entry.at > this.maxAgeMs) this.files.delete(token);
    while (this.files.size >= this.maxFiles) this.files.delete(this.files.keys().next().value as string);
    const token = randomUUID();
    this.files.set(token, { data, at: now });
    return token;
  }

  get(token: string): T {
    const entry = this.files.get(token);
    if (!entry) throw new WorkbenchError('not_found', '预览已过期或已被处理，请重新选择文件。');
    return entry.data;
  }

  drop(token: string): void {
    this.files.delete(token);
  }
}
