/**
 * Rebuilding a folder as the disk would hold it after a power cut, from the log powercut-shim.c records.
 *
 * The model (the usual one of crash-consistency tools such as ALICE and CrashMonkey): at the moment of the cut,
 * - a file's writes and truncations up to its last completed fsync/fdatasync are on the disk;
 * - its later writes are each either on the disk or not (caches write back in any order);
 * - creating, removing, renaming or linking a name is on the disk once its folder was fsynced after it, and
 *   otherwise either happened or not;
 * - the shared-memory file (`-shm`) is gone: it is rebuilt by SQLite after a restart, like any memory.
 * A write is the unit: SQLite writes whole pages and relies on a sector write being atomic, as disks provide.
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { constants } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const { O_TRUNC } = constants;

export type LogEntry =
  | { kind: 'create'; path: string; inode: number }
  | { kind: 'write'; inode: number; offset: number; data: Buffer }
  | { kind: 'truncate'; inode: number; length: number }
  | { kind: 'sync'; inode: number }
  | { kind: 'dirsync'; path: string }
  | { kind: 'unlink'; path: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'link'; from: string; to: string }
  | { kind: 'mkdir'; path: string };

export interface ParsedLog {
  entries: LogEntry[];
  /** the traced folder: it and the folders already in it exist before the run */
  root: string;
  initialFolders: Set<string>;
  /** the folder's files before the traced process started: name → inode */
  initial: Map<string, number>;
  initialContent: Map<number, Buffer>;
}

/**
 * Reads the log, resolving every file descriptor to the file ("inode") it was opened on, the way the live process
 * saw the folder — so a write through a descriptor opened under a name that was later renamed lands on the right file.
 */
export function parseLog(
  bytes: Buffer,
  initialFiles: Map<string, Buffer>,
  root: string,
  initialFolders: readonly string[] = [],
): ParsedLog {
  let nextInode = 1;
  const initial = new Map<string, number>();
  const initialContent = new Map<number, Buffer>();
  for (const [path, content] of initialFiles) {
    initial.set(path, nextInode);
    initialContent.set(nextInode++, content);
  }
  const names = new Map(initial);
  const fds = new Map<number, { inode: number | null; path: string; isDir: boolean }>();
  const entries: LogEntry[] = [];
  let at = 0;
  const str = (): string => {
    const length = bytes.readUInt32LE(at);
    at += 4;
    const text = bytes.subarray(at, at + length).toString('utf8');
    at += length;
    return text;
  };
  while (at < bytes.length) {
    const kind = String.fromCharCode(bytes[at] ?? 0);
    at += 1;
    switch (kind) {
      case 'O': {
        const fd = bytes.readInt32LE(at);
        const flags = bytes.readInt32LE(at + 4);
        const created = bytes[at + 8] === 1;
        const isDir = bytes[at + 9] === 1;
        at += 10;
        const path = str();
        if (isDir) {
          fds.set(fd, { inode: null, path, isDir });
          break;
        }
        let inode = names.get(path);
        if (created || inode === undefined) {
          inode = nextInode++;
          names.set(path, inode);
          entries.push({ kind: 'create', path, inode });
        } else if (flags & O_TRUNC) {
          entries.push({ kind: 'truncate', inode, length: 0 });
        }
        fds.set(fd, { inode, path, isDir });
        break;
      }
      case 'W': {
        const fd = bytes.readInt32LE(at);
        const offset = Number(bytes.readBigInt64LE(at + 4));
        const length = bytes.readUInt32LE(at + 12);
        at += 16;
        const data = bytes.subarray(at, at + length);
        at += length;
        const file = fds.get(fd);
        if (file?.inode != null) entries.push({ kind: 'write', inode: file.inode, offset, data });
        break;
      }
      case 'S': {
        const file = fds.get(bytes.readInt32LE(at));
        at += 4;
        if (file?.isDir) entries.push({ kind: 'dirsync', path: file.path });
        else if (file?.inode != null) entries.push({ kind: 'sync', inode: file.inode });
        break;
      }
      case 'T': {
        const file = fds.get(bytes.readInt32LE(at));
        const length = Number(bytes.readBigInt64LE(at + 4));
        at += 12;
        if (file?.inode != null) entries.push({ kind: 'truncate', inode: file.inode, length });
        break;
      }
      case 'C':
        fds.delete(bytes.readInt32LE(at));
        at += 4;
        break;
      case 'U': {
        const path = str();
        names.delete(path);
        entries.push({ kind: 'unlink', path });
        break;
      }
      case 'R':
      case 'L': {
        const from = str();
        const to = str();
        const inode = names.get(from);
        if (inode !== undefined) names.set(to, inode);
        if (kind === 'R') names.delete(from);
        entries.push({ kind: kind === 'R' ? 'rename' : 'link', from, to });
        break;
      }
      case 'M':
        entries.push({ kind: 'mkdir', path: str() });
        break;
      default:
        throw new Error(`power-cut log: unknown entry '${kind}' at byte ${at - 1}`);
    }
  }
  return { entries, initial, initialContent, root, initialFolders: new Set([root, ...initialFolders]) };
}

/** A small seeded generator (mulberry32): a failing cut can be rebuilt from its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file's bytes while the log is replayed: written in place, grown by doubling (copying per write is quadratic). */
class FileBytes {
  private buffer: Buffer;
  length: number;

  constructor(initial: Buffer) {
    this.buffer = Buffer.from(initial);
    this.length = initial.length;
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(size, this.buffer.length * 2, 4096));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  write(offset: number, data: Buffer): void {
    const start = offset < 0 ? this.length : offset;
    const end = start + data.length;
    this.reserve(end);
    // a write past the end leaves zeros in between, as a sparse file reads
    if (start > this.length) this.buffer.fill(0, this.length, start);
    data.copy(this.buffer, start);
    this.length = Math.max(this.length, end);
  }

  truncate(length: number): void {
    this.reserve(length);
    if (length > this.length) this.buffer.fill(0, this.length, length);
    this.length = length;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

export interface CutOptions {
  /** the power fails after this many log entries */
  cut: number;
  rng: () => number;
  /** the model without its guarantees: syncs count for nothing (what synchronous=OFF gives) — the control run */
  ignoreSyncs?: boolean;
}

/** The folder's files (name → bytes) as the disk holds them after the cut. */
export function diskAfterCut(log: ParsedLog, options: CutOptions): Map<string, Buffer> {
  const { entries } = log;
  const cut = Math.min(options.cut, entries.length);
  const lastSync = new Map<number, number>();
  const lastDirSync = new Map<string, number>();
  if (!options.ignoreSyncs) {
    for (let i = 0; i < cut; i++) {
      const entry = entries[i];
      if (entry?.kind === 'sync') lastSync.set(entry.inode, i);
      if (entry?.kind === 'dirsync') lastDirSync.set(entry.path, i);
    }
  }
  const durableName = (path: string, i: number): boolean => i < (lastDirSync.get(dirname(path)) ?? -1);
  const content = new Map([...log.initialContent].map(([inode, bytes]) => [inode, new FileBytes(bytes)]));
  const names = new Map(log.initial);
  const folders = new Set(log.initialFolders);
  for (let i = 0; i < cut; i++) {
    const entry = entries[i];
    if (!entry) continue;
    switch (entry.kind) {
      case 'write':
      case 'truncate': {
        if (!(i < (lastSync.get(entry.inode) ?? -1) || options.rng() < 0.5)) break;
        let file = content.get(entry.inode);
        if (!file) {
          file = new FileBytes(Buffer.alloc(0));
          content.set(entry.inode, file);
        }
        if (entry.kind === 'write') file.write(entry.offset, entry.data);
        else file.truncate(entry.length);
        break;
      }
      case 'create':
        if (durableName(entry.path, i) || options.rng() < 0.5) {
          names.set(entry.path, entry.inode);
          if (!content.has(entry.inode)) content.set(entry.inode, new FileBytes(Buffer.alloc(0)));
        }
        break;
      case 'unlink':
        if (durableName(entry.path, i) || options.rng() < 0.5) names.delete(entry.path);
        break;
      case 'rename':
      case 'link': {
        const inode = names.get(entry.from);
        if (inode === undefined || !(durableName(entry.to, i) || options.rng() < 0.5)) break;
        names.set(entry.to, inode);
        if (entry.kind === 'rename') names.delete(entry.from);
        break;
      }
      case 'mkdir':
        if (durableName(entry.path, i) || options.rng() < 0.5) folders.add(entry.path);
        break;
      default:
        break;
    }
  }
  // a file in a folder whose own entry did not reach the disk is not reachable after the restart
  const reachable = (path: string): boolean => {
    for (let folder = dirname(path); folder.startsWith(log.root); folder = dirname(folder)) {
      if (!folders.has(folder)) return false;
      if (folder === log.root) return true;
    }
    return false;
  };
  const files = new Map<string, Buffer>();
  for (const [path, inode] of names) {
    if (!path.endsWith('-shm') && reachable(path)) files.set(path, content.get(inode)?.bytes() ?? Buffer.alloc(0));
  }
  return files;
}

/** Reads a folder's files (one level) as the starting state of the disk. */
export function readFolder(dir: string, names: readonly string[]): Map<string, Buffer> {
  return new Map(names.map((name) => [join(dir, name), readFileSync(join(dir, name))]));
}

/**
 * Writes a rebuilt disk into `target`, the traced folder's files under their own names, dated ten minutes back
 * (the restart takes a while: a lock file's age is part of what the next start reads).
 */
export function writeDisk(files: Map<string, Buffer>, tracedDir: string, target: string, skip: (name: string) => boolean): void {
  mkdirSync(target, { recursive: true });
  const past = new Date(Date.now() - 10 * 60_000);
  for (const [path, bytes] of files) {
    const name = relative(tracedDir, path);
    if (skip(name)) continue;
    mkdirSync(dirname(join(target, name)), { recursive: true });
    writeFileSync(join(target, name), bytes);
    utimesSync(join(target, name), past, past);
  }
}
