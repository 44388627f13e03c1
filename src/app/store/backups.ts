import { copyFileSync, existsSync, linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { WorkbenchError } from '../../shared/result';
import { ensureFolder, fsyncFile, fsyncFolder, renameDurable, temporaryBeside, writeFileDurable } from '../durable-files';
import { contentHash } from './content-hash';
import { copyOpenDatabase, type FileDb, openDatabase } from './connection';
import { schemaVersion } from './migrations';

/**
 * Verified backups beside the workbook (`<name>.backups/`). Each is taken with SQLite's own online backup (never
 * a file copy of a live WAL database) into a temporary name, turned into a self-contained rollback-journal file
 * (so checking it never leaves a `-wal`/`-shm` behind), synced, opened read-only, integrity-checked and hashed,
 * and only then given its name and listed in the manifest. Rotation keeps backups by age as backup tools do
 * (every one of the last day, one a day for a month, one a week for a year) under a count cap, and never the
 * newest good one.
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

/** The retention policy (README: Reliability → Backups). */
export const RETENTION = {
  /** every backup younger than this is kept */
  keepAllHours: 24,
  /** then the newest good backup of each calendar day, this many days back */
  dailyDays: 30,
  /** then the newest good backup of each week, this many weeks back */
  weeklyWeeks: 52,
  /** and never more than this many in all (the day's many, then the oldest dailies, then the oldest weeklies go first) */
  maxCount: 120,
} as const;

export type RetentionPolicy = { [K in keyof typeof RETENTION]: number };

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
  writeFileDurable(manifestPath(dir), JSON.stringify(entries, null, 1));
}

/** Opens a backup read-only and checks it: integrity, schema version, content hash. */
export function verifyBackup(file: string, nativeBinding?: string): Pick<BackupEntry, 'verified' | 'problem' | 'hash' | 'schemaVersion'> {
  let db: FileDb | null = null;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true, nativeBinding });
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') return { verified: false, problem: `完整性检查未通过：${integrity}`, hash: '', schemaVersion: 0 };
    return { verified: true, problem: '', hash: contentHash(db), schemaVersion: schemaVersion(db) };
  } catch {
    return { verified: false, problem: '无法作为工作簿打开', hash: '', schemaVersion: 0 };
  } finally {
    db?.close();
  }
}

const fileStamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

const dayKey = (date: Date): string => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
/** Weeks counted from a Monday, in local time. */
const weekKey = (date: Date): number => {
  const midnight = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const mondayBased = (midnight.getDay() + 6) % 7;
  return Math.round((midnight.getTime() - mondayBased * 86_400_000) / (7 * 86_400_000));
};

/**
 * Which backups to keep at `now`. Pure, so the policy is tested over a simulated year. Unverified backups count
 * only while recent (the list shows that they failed); the day and week representatives are good ones.
 */
export function keptBackups<T extends Pick<BackupEntry, 'at' | 'verified'>>(
  entries: readonly T[],
  now: Date = new Date(),
  policy: RetentionPolicy = RETENTION,
): T[] {
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  const ageOf = (entry: T): number => now.getTime() - new Date(entry.at).getTime();
  // 0 never dropped, then weekly, daily, recent: a higher number goes first when over the cap
  const priority = new Map<T, number>();
  const mark = (entry: T, level: number): void => {
    priority.set(entry, Math.min(level, priority.get(entry) ?? Number.POSITIVE_INFINITY));
  };
  const newestGood = sorted.find((entry) => entry.verified);
  if (newestGood) mark(newestGood, 0);
  const days = new Set<string>();
  const weeks = new Set<number>();
  for (const entry of sorted) {
    const age = ageOf(entry);
    if (age <= policy.keepAllHours * 3_600_000) mark(entry, 3);
    if (!entry.verified) continue;
    const at = new Date(entry.at);
    if (age <= policy.dailyDays * 86_400_000 && !days.has(dayKey(at))) {
      days.add(dayKey(at));
      mark(entry, 2);
    }
    if (age <= policy.weeklyWeeks * 7 * 86_400_000 && !weeks.has(weekKey(at))) {
      weeks.add(weekKey(at));
      mark(entry, 1);
    }
  }
  const kept = sorted.filter((entry) => priority.has(entry));
  const droppable = kept
    .filter((entry) => (priority.get(entry) ?? 0) > 0)
    .sort((a, b) => (priority.get(b) ?? 0) - (priority.get(a) ?? 0) || a.at.localeCompare(b.at));
  const drop = new Set(droppable.slice(0, Math.max(0, kept.length - policy.maxCount)));
  return kept.filter((entry) => !drop.has(entry));
}

/** Removes a backup file and anything SQLite may have left beside it. */
function removeBackupFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Leftovers from earlier versions and interrupted backups: `-wal`/`-shm` beside backups (checking a WAL-mode
 * file read-only creates them), and temporary files of backups that never finished.
 */
export function sweepBackupFolder(dir: string, listed: ReadonlySet<string>, now = new Date()): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const companion = /^(.*\.mswb)-(wal|shm|journal)$/.exec(name);
    if (companion) {
      const main = companion[1] ?? '';
      const empty = statSync(path).size === 0;
      if (!listed.has(main) || companion[2] === 'shm' || empty) rmSync(path, { force: true });
      continue;
    }
    // a temporary file an interrupted backup left (another one could be in progress only for minutes)
    if (name.startsWith('.') && /\.(partial|tmp)-/.test(name) && now.getTime() - statSync(path).mtime.getTime() > 3_600_000)
      rmSync(path, { force: true });
  }
}

function rotate(dir: string, entries: BackupEntry[], now: Date): BackupEntry[] {
  const keep = keptBackups(entries, now);
  for (const entry of entries) {
    if (!keep.includes(entry)) removeBackupFile(join(dir, entry.file));
  }
  sweepBackupFolder(dir, new Set(keep.map((entry) => entry.file)), now);
  return keep;
}

/**
 * Makes a finished copy self-contained: rollback-journal mode (no `-wal`/`-shm` ever appears beside it when it is
 * read), synced to the disk.
 */
function settle(file: string, nativeBinding?: string): void {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  fsyncFile(file);
}

function toWalMode(file: string, nativeBinding?: string): void {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  fsyncFile(file);
}

function newBackupName(dir: string, reason: BackupReason, at: Date): string {
  let name = `${fileStamp(at)}-${reason}.mswb`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${fileStamp(at)}-${reason}-${n}.mswb`;
  return name;
}

/** Verifies a finished temporary copy, gives it its name and lists it; the manifest is rewritten durably. */
function record(workbookPath: string, temporary: string, reason: BackupReason, at: Date, nativeBinding?: string): BackupEntry {
  const dir = backupDir(workbookPath);
  settle(temporary, nativeBinding);
  const check = verifyBackup(temporary, nativeBinding);
  const file = newBackupName(dir, reason, at);
  renameDurable(temporary, join(dir, file));
  const entry: BackupEntry = { file, at: at.toISOString(), reason, size: statSync(join(dir, file)).size, ...check };
  writeManifest(dir, rotate(dir, [entry, ...listBackups(workbookPath)], at));
  return entry;
}

function temporaryIn(workbookPath: string): string {
  const dir = backupDir(workbookPath);
  ensureFolder(dir);
  return temporaryBeside(join(dir, 'backup.mswb'), 'partial');
}

/** An online backup of the open workbook (SQLite's backup API: consistent while the app keeps working). */
export async function takeBackup(db: FileDb, workbookPath: string, reason: BackupReason, nativeBinding?: string): Promise<BackupEntry> {
  const at = new Date();
  const temporary = temporaryIn(workbookPath);
  try {
    await copyOpenDatabase(db, temporary);
    return record(workbookPath, temporary, reason, at, nativeBinding);
  } catch (error) {
    removeBackupFile(temporary);
    throw error;
  }
}

/**
 * A backup before migrating, while the workbook is already open but not yet changed. Synchronous (the
 * migration must wait for it), so it uses VACUUM INTO — SQLite's own consistent copy — rather than the
 * asynchronous backup API.
 */
export function takeBackupSync(db: FileDb, workbookPath: string, reason: BackupReason, nativeBinding?: string): BackupEntry {
  const at = new Date();
  const temporary = temporaryIn(workbookPath);
  try {
    db.prepare('VACUUM INTO ?').run(temporary);
    return record(workbookPath, temporary, reason, at, nativeBinding);
  } catch (error) {
    removeBackupFile(temporary);
    throw error;
  }
}

const restoreFailure = (error: unknown): string => {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'SQLITE_FULL') return '磁盘空间不足';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') return '文件被占用或没有权限';
  return '复制或改名失败';
};

/** Keeps the damaged file under another name: a second name for the same file where links work, else a synced copy. */
function keepAside(path: string, aside: string): void {
  try {
    linkSync(path, aside);
  } catch {
    copyFileSync(path, aside);
    fsyncFile(aside);
  }
}

/**
 * Puts a verified backup in place of the workbook, never destroying the only good copy and never leaving a moment
 * without a workbook under its name:
 * 1. the backup is copied beside the workbook under a temporary name, synced, and verified again (same content
 *    hash) — a full disk or a bad copy stops here, with nothing else touched;
 * 2. a damaged workbook is kept as `<name>.damaged-<time>` (a second name for the same file);
 * 3. the workbook's `-wal`/`-shm` are moved aside with it (left behind, SQLite would replay the old log onto the
 *    restored file);
 * 4. the copy is renamed over the workbook — one atomic step: at any moment, and after a power cut at any moment,
 *    the name holds either the old file or the restored one — and the folder is synced.
 * If anything fails, whatever was moved is moved back and the temporary copy removed: the workbook is as it was.
 */
export function restoreBackup(
  workbookPath: string,
  backupFile: string,
  options: { keepDamaged?: boolean; expectedHash?: string; nativeBinding?: string } = {},
): void {
  const check = verifyBackup(backupFile, options.nativeBinding);
  if (!check.verified) throw new WorkbenchError('storage', `备份文件未通过校验（${check.problem}），未做恢复，工作簿保持原样。`);
  if (options.expectedHash && check.hash !== options.expectedHash) {
    throw new WorkbenchError('storage', '备份文件的内容与备份时记录的不一致（可能已被改动），未做恢复，工作簿保持原样。');
  }
  const temporary = temporaryBeside(workbookPath, 'restoring');
  try {
    copyFileSync(backupFile, temporary);
    fsyncFile(temporary);
    const copied = verifyBackup(temporary, options.nativeBinding);
    if (!copied.verified || copied.hash !== check.hash) throw new WorkbenchError('storage', '复制出的备份与原备份不一致');
    // into the workbook's own journal mode here, not at the first open: switching then writes a rollback journal
    // beside the workbook, which a power cut at that moment would leave behind
    toWalMode(temporary, options.nativeBinding);
  } catch (error) {
    removeBackupFile(temporary);
    const why = error instanceof WorkbenchError ? error.message : restoreFailure(error);
    throw new WorkbenchError('storage', `恢复失败（${why}）：工作簿和备份都保持原样，没有任何改动。请处理后重试。`);
  }
  const aside = `${workbookPath}.${options.keepDamaged ? 'damaged' : 'replaced'}-${fileStamp(new Date())}`;
  const moved: [string, string][] = [];
  try {
    if (options.keepDamaged && existsSync(workbookPath)) keepAside(workbookPath, aside);
    for (const suffix of ['-wal', '-shm']) {
      if (!existsSync(`${workbookPath}${suffix}`)) continue;
      renameSync(`${workbookPath}${suffix}`, `${aside}${suffix}`);
      moved.push([`${workbookPath}${suffix}`, `${aside}${suffix}`]);
    }
    if (moved.length > 0) fsyncFolder(dirname(workbookPath));
    renameDurable(temporary, workbookPath);
  } catch (error) {
    for (const [from, to] of moved.reverse()) renameSync(to, from);
    fsyncFolder(dirname(workbookPath));
    removeBackupFile(temporary);
    throw new WorkbenchError('storage', `恢复失败（${restoreFailure(error)}）：工作簿已放回原处，没有任何改动。请处理后重试。`);
  }
  // a healthy workbook was backed up before the restore: its companions moved aside are not needed
  if (!options.keepDamaged) for (const [, to] of moved) rmSync(to, { force: true });
}
