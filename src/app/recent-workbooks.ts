import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureFolder, writeFileDurable } from './durable-files';

/** 最近打开: the last workbooks this user opened, kept in a small JSON file beside the default workbook. */
export class RecentWorkbooks {
  constructor(
    private readonly file: string,
    private readonly max = 10,
  ) {}

  list(): string[] {
    try {
      const paths = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  add(path: string): void {
    const paths = [path, ...this.list().filter((p) => p !== path)].slice(0, this.max);
    ensureFolder(dirname(this.file));
    writeFileDurable(this.file, JSON.stringify(paths, null, 1));
  }

  /** Only a path from the list may be opened by name: the page cannot make the app open any file it likes. */
  has(path: string): boolean {
    return this.list().includes(path);
  }

  existing(): { path: string; exists: boolean }[] {
    return this.list().map((path) => ({ path, exists: existsSync(path) }));
  }
}
