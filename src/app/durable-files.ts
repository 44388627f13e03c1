import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writing files so that a power cut leaves either the old file or the whole new one: write a temporary file
 * beside the target, fsync it, rename it over the target, fsync the folder (the rename itself lives in the
 * folder's entries; without that sync a power cut can undo it). A plain writeFileSync + rename can leave an
 * empty or half-written file under the real name after a power cut, because the data is still in the page cache.
 */

/** Flushes a file's data to the disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes a folder's entries (a rename, a new or removed file). Windows cannot open a folder for syncing and
 * NTFS journals its metadata itself, so there (and on file systems that refuse it) this is a no-op.
 */
export function fsyncFolder(folder: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    // some file systems (e.g. certain network mounts) do not support syncing a folder
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL' && (error as NodeJS.ErrnoException).code !== 'ENOTSUP') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates a folder (and missing parents) so that it survives a power cut: a new folder is an entry in its parent,
 * on the disk only once the parent is synced — without that, files synced inside it can vanish with it.
 */
export function ensureFolder(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) ensureFolder(parent);
  try {
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return;
  }
  fsyncFolder(parent);
}

/** A fresh name beside `path` for a temporary file, hidden from casual listing and never a workbook name. */
export function temporaryBeside(path: string, purpose = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * A short wait for the app's own files (backups and their manifest, the recent list, a restored workbook): an
 * antivirus scanner opens a file just written for a moment, and the rename over it fails meanwhile. Blocking, so kept
 * well under a second in all; exports, which Excel may hold for minutes, wait asynchronously (replaceFileDurable).
 */
export const RENAME_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400];

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Renames (trying again briefly while the target is held) and makes the rename durable. */
export function renameDurable(from: string, to: string, delaysMs: readonly number[] = RENAME_RETRY_DELAYS_MS, rename = renameSync): void {
  for (let attempt = 0; ; attempt++) {
    try {
      rename(from, to);
      break;
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isTransientReplaceError(error)) throw error;
      sleepSync(delay);
    }
  }
  fsyncFolder(dirname(to));
  if (dirname(from) !== dirname(to)) fsyncFolder(dirname(from));
}

/**
 * Moves a finished temporary file to `target` only if nothing is there yet (a hard link cannot replace a file;
 * where links are not supported, e.g. FAT32 USB sticks, the check and the rename are a moment apart).
 * Returns false when the target exists.
 */
export function renameNoClobber(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    try {
      // no hard links here: refuse if the name is taken, otherwise rename
      closeSync(openSync(to, 'r'));
      return false;
    } catch (probe) {
      if ((probe as NodeJS.ErrnoException).code !== 'ENOENT') throw probe;
    }
    renameSync(from, to);
    fsyncFolder(dirname(to));
    return true;
  }
  unlinkSync(from);
  fsyncFolder(dirname(to));
  return true;
}

/** temp → fsync → rename → fsync folder. On any failure the temporary file is removed and the target is as it was. */
export function writeFileDurable(path: string, bytes: Uint8Array | string): void {
  const temporary = writeTemporaryBeside(path, bytes);
  try {
    renameDurable(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Writes `bytes` to a new temporary file beside `path` and syncs it; removes it again if writing fails. */
function writeTemporaryBeside(path: string, bytes: Uint8Array | string): string {
  const temporary = temporaryBeside(path);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return temporary;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * How long a replace waits for a file another program holds. On Windows, Excel or WPS keep an open workbook locked
 * and antivirus scanners open a file just written for a moment; the rename over it fails with EBUSY or EPERM. A few
 * tries over about three seconds outlast a scanner; a file open in Excel is still refused, with the reason.
 */
export const REPLACE_RETRY_DELAYS_MS: readonly number[] = [100, 250, 500, 1000, 1500];

const HELD_BY_ANOTHER_PROGRAM = new Set(['EBUSY', 'EPERM']);

/** Whether a failed rename may succeed if tried again shortly (the target is held, not forbidden). */
export function isTransientReplaceError(error: unknown): boolean {
  return HELD_BY_ANOTHER_PROGRAM.has(String((error as NodeJS.ErrnoException | null)?.code ?? ''));
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * writeFileDurable for files other programs open (exports, reports): the rename over the target is retried while
 * the target is held, without blocking the process between tries. The temporary file is removed whatever happens;
 * the last error is thrown when every try failed, and the target is as it was.
 */
export async function replaceFileDurable(
  path: string,
  bytes: Uint8Array | string,
  options: { delaysMs?: readonly number[]; rename?: (from: string, to: string) => void; wait?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  // each try is a single rename: the waiting between tries is done here, without blocking
  const { delaysMs = REPLACE_RETRY_DELAYS_MS, rename = (from: string, to: string) => renameDurable(from, to, []), wait = pause } = options;
  const temporary = writeTemporaryBeside(path, bytes);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        rename(temporary, path);
        return;
      } catch (error) {
        const delay = delaysMs[attempt];
        if (delay === undefined || !isTransientReplaceError(error)) throw error;
        await wait(delay);
      }
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}
