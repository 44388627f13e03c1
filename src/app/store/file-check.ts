import Database from 'better-sqlite3';
import { closeSync, copyFileSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Deciding, before anything writes, whether a file is a workbook of this app that can be opened.
 *
 * Opening a file with SQLite is not a neutral act: a read-write connection switches a foreign database to WAL,
 * replays a `-wal` that may belong to another copy of the file into the main file, rolls back a `-journal`, and
 * on close checkpoints and deletes the log; even a read-only connection creates a `-shm`. So the check never
 * lets SQLite near the user's file: it reads the header bytes with plain file reads, then copies the file (and
 * its `-wal`) into a private temporary folder and asks SQLite there. A file that fails is left exactly as it
 * was, companions included.
 */

/** `PRAGMA application_id` of a workbook: "MSWB". Written once into every workbook's header. */
export const APPLICATION_ID = 0x4d535742;

/** Tables that make a database this app's workbook even before it carried the application id. */
const CORE_TABLES = ['schema_migration', 'plan', 'task', 'target', 'unit', 'action', 'change_log'];

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const WAL_MAGICS = [0x377f0682, 0x377f0683];

export type RefusalReason =
  'not-a-file' | 'empty' | 'foreign' | 'truncated' | 'damaged' | 'newer' | 'foreign-wal' | 'foreign-journal' | 'unreadable';

export type FileVerdict =
  | { kind: 'missing' }
  | { kind: 'refused'; reason: RefusalReason; message: string }
  /** `identified` is false for a workbook made before the application id was written (adopted on open) */
  | { kind: 'workbook'; schemaVersion: number; identified: boolean };

const AFTER = '文件及其旁边的附属文件都未做任何改动。';

function refused(reason: RefusalReason, message: string): FileVerdict {
  return { kind: 'refused', reason, message };
}

function readHead(path: string, length: number): { bytes: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.alloc(Math.min(length, size));
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read), size };
  } finally {
    closeSync(fd);
  }
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** The database page size from the header (1 means 65536). */
function pageSizeOf(header: Buffer): number {
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/** Checks on the bytes alone: no SQLite, nothing written. Null when the file passes. */
function checkBytes(path: string): FileVerdict | null {
  const name = basename(path);
  const { bytes: header, size } = readHead(path, 100);
  if (size === 0) {
    return refused(
      'empty',
      `“${name}”是一个空文件（0 字节），不是有效的工作簿，可能是复制或下载没有完成。${AFTER}请从备份恢复，或重新复制该工作簿。`,
    );
  }
  if (header.length < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    return refused('foreign', `该文件不是民生规划工作簿：“${name}”不是本软件的文件格式。${AFTER}请确认选择的是 .mswb 工作簿文件。`);
  }
  const pageSize = pageSizeOf(header);
  const walSize = sizeOf(`${path}-wal`) ?? 0;
  if (walSize > 0) {
    const { bytes: wal } = readHead(`${path}-wal`, 32);
    const magic = wal.length >= 4 ? wal.readUInt32BE(0) : 0;
    // a log whose header never reached the disk (a power cut just after SQLite created it) reads as zeros: SQLite
    // ignores such a log, and so may we; anything else that is not a log would be overwritten by opening
    const unwritten = wal.every((byte) => byte === 0);
    if (!WAL_MAGICS.includes(magic) && !unwritten) {
      return refused(
        'foreign-wal',
        `工作簿旁边的“${name}-wal”不是 SQLite 日志文件，打开工作簿会把它覆盖。${AFTER}请把该文件移到别处后再打开工作簿。`,
      );
    }
    if (!unwritten && wal.length >= 12 && wal.readUInt32BE(8) !== pageSize) {
      return refused(
        'foreign-wal',
        `工作簿旁边的日志文件“${name}-wal”不属于该工作簿（页大小不同，可能来自另一份副本或另一台电脑）。${AFTER}请从备份恢复，或找回与该日志一起的工作簿文件。`,
      );
    }
  } else if ((sizeOf(`${path}-journal`) ?? 0) === 0) {
    // without a log or a journal, the main file must hold every page its header counts (either may legitimately
    // be ahead of the main file after a crash)
    const headerValid = header.readUInt32BE(24) === header.readUInt32BE(92);
    const pages = header.readUInt32BE(28);
    if (size % pageSize !== 0 || (headerValid && pages > 0 && pages * pageSize > size)) {
      return refused(
        'truncated',
        `工作簿文件“${name}”不完整（只有 ${size} 字节，应有 ${pages * pageSize} 字节），可能复制时中断或磁盘已满。${AFTER}请从备份恢复，或重新复制该工作簿。`,
      );
    }
  }
  // a file in rollback-journal mode has its own crash journal (SQLite rolls it back); a WAL-mode workbook never
  // has one, so a journal beside it would rewrite it with another file's pages
  const walMode = header[18] === 2 && header[19] === 2;
  if (walMode && (sizeOf(`${path}-journal`) ?? 0) > 0) {
    return refused(
      'foreign-journal',
      `工作簿旁边有一个回滚日志“${name}-journal”，本软件的工作簿不使用这种日志，打开会用它改写工作簿。${AFTER}请把该文件移到别处后再打开。`,
    );
  }
  return null;
}

interface SqliteFacts {
  quickCheck: string;
  applicationId: number;
  tables: Set<string>;
  versions: number[];
}

function factsOf(file: string, nativeBinding?: string): SqliteFacts {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    let quickCheck: string;
    try {
      quickCheck = (db.prepare('PRAGMA quick_check').all() as { quick_check: string }[]).map((r) => r.quick_check).join('；');
    } catch (error) {
      quickCheck = (error as Error).message;
    }
    if (quickCheck !== 'ok') return { quickCheck, applicationId: 0, tables: new Set(), versions: [] };
    const applicationId = Number(db.pragma('application_id', { simple: true }));
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    const versions = tables.has('schema_migration')
      ? (db.prepare('SELECT version FROM schema_migration ORDER BY version').all() as { version: number }[]).map((r) => r.version)
      : [];
    return { quickCheck, applicationId, tables, versions };
  } finally {
    db.close();
  }
}

/** Runs `work` on a private copy of the file (and its log), so that nothing SQLite does can reach the original. */
function withPrivateCopy<T>(path: string, withLog: boolean, work: (copy: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-check-'));
  try {
    const copy = join(dir, 'check.mswb');
    copyFileSync(path, copy);
    if (withLog) copyFileSync(`${path}-wal`, `${copy}-wal`);
    // a rollback-mode file's hot journal is part of it: SQLite rolls it back on the copy as it would on the file
    if ((sizeOf(`${path}-journal`) ?? 0) > 0) copyFileSync(`${path}-journal`, `${copy}-journal`);
    return work(copy);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A consistent copy of a workbook that is not open anywhere (a USB stick's), written by SQLite's VACUUM INTO from
 * a private snapshot: the original and its folder are only read.
 */
export function copyThroughPrivateSnapshot(source: string, target: string, nativeBinding?: string): void {
  withPrivateCopy(source, (sizeOf(`${source}-wal`) ?? 0) > 0, (copy) => {
    const db = new Database(copy, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      db.prepare('VACUUM INTO ?').run(target);
    } finally {
      db.close();
    }
  });
}

function factsOfCopy(path: string, withLog: boolean, nativeBinding?: string): SqliteFacts {
  try {
    return withPrivateCopy(path, withLog, (copy) => factsOf(copy, nativeBinding));
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      return { quickCheck: '不是有效的数据库', applicationId: 0, tables: new Set(), versions: [] };
    throw error;
  }
}

/** What the SQLite facts say about a file that passed the byte checks. */
function judge(name: string, facts: SqliteFacts, schemaLatest: number): FileVerdict {
  if (facts.applicationId !== APPLICATION_ID) {
    const ours = facts.applicationId === 0 && CORE_TABLES.every((table) => facts.tables.has(table));
    if (!ours) {
      return refused(
        'foreign',
        `该文件不是民生规划工作簿：“${name}”是另一个程序的数据库文件。${AFTER}请确认选择的是本软件的 .mswb 工作簿。`,
      );
    }
  }
  const unknown = facts.versions.filter((version) => version > schemaLatest);
  if (unknown.length > 0) {
    return refused(
      'newer',
      `该工作簿由更新版本的民生规划工作台创建（数据结构版本 ${Math.max(...unknown)}），本软件只支持到版本 ${schemaLatest}。${AFTER}请升级软件后再打开。`,
    );
  }
  return { kind: 'workbook', schemaVersion: Math.max(0, ...facts.versions), identified: facts.applicationId === APPLICATION_ID };
}

/**
 * The verdict on a workbook file that no live process holds. Reads the original only; SQLite runs on a copy.
 */
export function inspectWorkbookFile(path: string, schemaLatest: number, nativeBinding?: string): FileVerdict {
  const name = basename(path);
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return refused('unreadable', `无法读取“${name}”，请检查文件是否存在以及是否有读取权限。`);
  }
  if (!stat.isFile()) return refused('not-a-file', `“${name}”是一个文件夹，不是工作簿文件。请选择 .mswb 工作簿文件。`);
  try {
    const byBytes = checkBytes(path);
    if (byBytes) return byBytes;
    const withLog = (sizeOf(`${path}-wal`) ?? 0) > 0;
    const facts = factsOfCopy(path, withLog, nativeBinding);
    if (facts.quickCheck !== 'ok') {
      // was it the log? the main file alone tells
      if (withLog && factsOfCopy(path, false, nativeBinding).quickCheck === 'ok') {
        return refused(
          'foreign-wal',
          `工作簿旁边的日志文件“${name}-wal”与工作簿不匹配（可能来自另一份副本，或另一台电脑异常退出时留下），合在一起会损坏数据。${AFTER}请从备份恢复，或找回与该日志一起的工作簿文件。`,
        );
      }
      return refused('damaged', `工作簿文件“${name}”已损坏（完整性检查未通过）。${AFTER}请从下面列出的备份中选一个恢复。`);
    }
    return judge(name, facts, schemaLatest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return refused('unreadable', `没有读取“${name}”的权限，请检查文件权限后重试。`);
    if (code === 'ENOSPC') return refused('unreadable', `临时文件夹空间不足，无法检查“${name}”。请清理磁盘后重试。`);
    throw error;
  }
}

/**
 * The same verdict for a file another live process holds open: its log belongs to that process, and a copy taken
 * while it writes could be torn, so SQLite reads it in place through a read-only connection (which may create
 * the shared-memory file the holder already has; it writes nothing else).
 */
export function inspectHeldWorkbook(path: string, schemaLatest: number, nativeBinding?: string): FileVerdict {
  const byBytes = checkBytes(path);
  if (byBytes && byBytes.kind === 'refused' && byBytes.reason !== 'truncated') return byBytes;
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  let facts: SqliteFacts;
  try {
    const quickCheck = String(db.pragma('quick_check', { simple: true }));
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    facts = {
      quickCheck,
      applicationId: Number(db.pragma('application_id', { simple: true })),
      tables,
      versions: tables.has('schema_migration')
        ? (db.prepare('SELECT version FROM schema_migration').all() as { version: number }[]).map((r) => r.version)
        : [],
    };
  } finally {
    db.close();
  }
  if (facts.quickCheck !== 'ok')
    return refused('damaged', `工作簿文件“${basename(path)}”完整性检查未通过。请联系正在使用它的人，或从备份恢复。`);
  return judge(basename(path), facts, schemaLatest);
}
