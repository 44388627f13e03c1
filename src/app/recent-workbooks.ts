import { isServerAddress } from './store/pg/server-address';
import { readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
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

  /** Each listed workbook and whether it can be reached now, all asked at once, none waited on for long. */
  async existing(probe: Probe = access, timeoutMs = REACHABLE_WITHIN_MS): Promise<{ path: string; exists: boolean }[]> {
    const paths = this.list();
    const answers = await Promise.all(paths.map((path) => reachable(path, probe, timeoutMs)));
    return paths.map((path, i) => ({ path, exists: answers[i] ?? false }));
  }
}

type Probe = (path: string) => Promise<unknown>;

/** How long the 文件 menu waits for a path on a share or a stick before showing it as unavailable. */
export const REACHABLE_WITHIN_MS = 1500;

/**
 * Whether a file answers within `timeoutMs`. A mapped drive whose server is gone can take half a minute to fail; a
 * synchronous check in the main process would freeze every window for that long, so the check is asynchronous (the
 * OS call runs off the main thread) and a path that has not answered in time counts as unavailable.
 */
export async function reachable(path: string, probe: Probe = access, timeoutMs = REACHABLE_WITHIN_MS): Promise<boolean> {
  // a team workbook's server is asked when it is opened, with the sentence that says what is wrong
  if (isServerAddress(path)) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      probe(path).then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
