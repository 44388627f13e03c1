import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import { contentHash } from './content-hash';
import { type Db, openDatabase } from './connection';
import { schemaVersion } from './migrations';

/**
 * Rotating, verified backups beside the workbook (`<name>.backups/`). Each is taken with SQLite's own
 * online backup (never a file copy of a live WAL database), then opened read-only, integrity-checked and
 * hashed; the manifest records what was verified. Rotation never deletes the newest good backup.
 */

export const BACKUP_REASONS = ['open', 'migration', 'import', 'periodic', 'manual', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  open: '打开时',
  migration: '升级数据结构前',
  import: '导入前',
  periodic: '定时',
  manual: '手动',
  'before-restore': '恢复前',
};

export interface BackupEntry {
  file: string;
  at: string;
  reason: BackupReason;
  size: number;
  schemaVersion: number;
  hash: string;
  verified: boolean;
  problem: string;
}

export const KEEP_BACKUPS = 20;

export function backupDir(workbookPath: string): string {
  return join(dirname(workbookPath), `${basename(workbookPath)}.backups`);
}

function manifestPath(dir: string): string {
  return join(dir, 'manifest.json');
}

export function listBackups(workbookPath: string): BackupEntry[] {
  const dir = backupDir(workbookPath);
  if (!existsSync(manifestPath(dir))) return [];
  try {
    const entries = JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as BackupEntry[];
    return entries.filter((entry) => existsSync(join(dir, entry.file))).sort((a, b) => b.at.localeCompare(a.at));
  } catch {
    return [];
  }
}

function writeManifest(dir: string, entries: readonly BackupEntry[]): void {
  const temporary = `${manifestPath(dir)}.tmp`;
  writeFileSync(temporary, JSON.stringify(entries, null, 1));
  renameSync(temporary, manifestPath(dir));
}

/** Opens a backup read-only and checks it: integrity, schema version, content hash. */
export function verifyBackup(file: string, nativeBinding?: string): Pick<BackupEntry, 'verified' | 'problem' | 'hash' | 'schemaVersion'> {
  let db: Db | null = null;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true, nativeBinding });
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') return { verified: false, problem: `完整性检查未通过：${integrity}`, hash: '', schemaVersion: 0 };
    return { verified: true, problem: '', hash: contentHash(db), schemaVersion: schemaVersion(db) };
  } catch (error) {
    return { verified: false, problem: `无法打开：${(error as Error).message}`, hash: '', schemaVersion: 0 };
  } finally {
    db?.close();
  }
}

const fileStamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/** The newest `KEEP_BACKUPS`, plus the newest verified one wherever it is: the last good backup is never dropped. */
export function keptBackups<T extends Pick<BackupEntry, 'at' | 'verified'>>(entries: readonly T[], keep = KEEP_BACKUPS): T[] {
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  const newestGood = sorted.find((entry) => entry.verified);
  return sorted.filter((entry, index) => index < keep || entry === newestGood);
}

function rotate(dir: string, entries: BackupEntry[]): BackupEntry[] {
  const keep = keptBackups(entries);
  for (const entry of entries) {
    if (!keep.includes(entry)) rmSync(join(dir, entry.file), { force: true });
  }
  return keep;
}

function record(workbookPath: string, file: string, reason: BackupReason, at: Date, nativeBinding?: string): BackupEntry {
  const dir = backupDir(workbookPath);
  const entry: BackupEntry = { file: basename(file), at: at.toISOString(), reason, size: statSync(file).size, ...verifyBackup(file, nativeBinding) };
  writeManifest(dir, rotate(dir, [entry, ...listBackups(workbookPath)]));
  return entry;
}

function newBackupFile(workbookPath: string, reason: BackupReason, at: Date): string {
  const dir = backupDir(workbookPath);
  mkdirSync(dir, { recursive: true });
  let file = join(dir, `${fileStamp(at)}-${reason}.mswb`);
  for (let n = 2; existsSync(file); n++) file = join(dir, `${fileStamp(at)}-${reason}-${n}.mswb`);
  return file;
}

/** An online backup of the open workbook (SQLite's backup API: consistent while the app keeps working). */
export async function takeBackup(db: Db, workbookPath: string, reason: BackupReason, nativeBinding?: string): Promise<BackupEntry> {
  const at = new Date();
  const file = newBackupFile(workbookPath, reason, at);
  await db.backup(file);
  return record(workbookPath, file, reason, at, nativeBinding);
}

/**
 * A backup before migrating, while the workbook is already open but not yet changed. Synchronous (the
 * migration must wait for it), so it uses VACUUM INTO — SQLite's own consistent copy — rather than the
 * asynchronous backup API.
 */
export function takeBackupSync(db: Db, workbookPath: string, reason: BackupReason, nativeBinding?: string): BackupEntry {
  const at = new Date();
  const file = newBackupFile(workbookPath, reason, at);
  db.prepare('VACUUM INTO ?').run(file);
  return record(workbookPath, file, reason, at, nativeBinding);
}

/**
 * Puts a verified backup in place of the workbook. The workbook must be closed. Its `-wal` and `-shm` are
 * removed first: left behind, SQLite would replay the old write-ahead log onto the restored file. A
 * damaged workbook is kept aside (never overwritten), under `<name>.damaged-<time>`.
 */
export function restoreBackup(workbookPath: string, backupFile: string, options: { keepDamaged?: boolean; nativeBinding?: string } = {}): void {
  const check = verifyBackup(backupFile, options.nativeBinding);
  if (!check.verified) throw new WorkbenchError('storage', `备份文件未通过校验（${check.problem}），未做恢复。`);
  if (options.keepDamaged && existsSync(workbookPath)) {
    renameSync(workbookPath, `${workbookPath}.damaged-${fileStamp(new Date())}`);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${workbookPath}${suffix}`, { force: true });
  const temporary = `${workbookPath}.restoring`;
  copyFileSync(backupFile, temporary);
  renameSync(temporary, workbookPath);
}

export function backupFiles(workbookPath: string): string[] {
  const dir = backupDir(workbookPath);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.mswb')) : [];
}
