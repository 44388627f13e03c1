import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parsePlan } from '../../core/plan/parse-plan';
import type { ParsedPlan } from '../../shared/plan';
import { WorkbenchError } from '../../shared/result';
import type { WorkbookRole } from '../../shared/team-roles';
import { describeHolder, type LockFile, lockIsLive, me, readLock, type SessionOrigin, WorkbookLock } from '../workbook-lock';
import { type Db, type FileDb, openDatabase } from './connection';
import { readCopyOrigin } from './copy-origin';
import { Journal } from './journal';
import { type BackupEntry, type BackupReason, takeBackup, takeBackupSync } from './backups';
import { latestVersion, loadMigrations, migrate, pendingMigrations } from './migrations';
import { ensureBudget } from './budget-repository';
import { insertParsedPlan, planFingerprint } from './plan-repository';
import { APPLICATION_ID, type FileVerdict, inspectHeldWorkbook, inspectWorkbookFile, type RefusalReason } from './file-check';
import { ensureExecutionExample } from './execution-repository';
import { writeNewWorkbookFile } from './new-workbook-file';

/** Where the app's own files are: the migrations and the seed plan ship beside the code. */
export interface WorkbookResources {
  migrationsDir: string;
  /** the same schema's PostgreSQL form, for team workbooks (db/migrations-pg) */
  serverMigrationsDir: string;
  seedPlanFile: string;
  seedCorrectionsFile: string;
}

export function resourcesAt(rootDir: string): WorkbookResources {
  return {
    migrationsDir: join(rootDir, 'db', 'migrations'),
    serverMigrationsDir: join(rootDir, 'db', 'migrations-pg'),
    seedPlanFile: join(rootDir, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'),
    seedCorrectionsFile: join(rootDir, 'db', 'seed', 'dazhou-2017.corrections.json'),
  };
}

/** How this window has the workbook: as its one writer, or read-only because someone else has it. */
export type WorkbookAccess = { mode: 'write' } | { mode: 'read'; notice: string };

export interface Workbook {
  readonly path: string;
  readonly db: Db;
  /** the same connection as `db` when the workbook is a file (backups, integrity, copies); null on a server */
  readonly file: FileDb | null;
  readonly journal: Journal;
  readonly access: WorkbookAccess;
  /** a team workbook's: the person's role there (server-member.ts), which the page shows and offers edits by; a file has none */
  readonly role?: WorkbookRole | undefined;
  /**
   * Null while this window is the workbook's writer; a sentence once it is not (read-only from the start, or
   * another opener chose 强制打开 and took the lock). Checked before every write.
   */
  writeRefusal(): string | null;
  /** Who else is working in the workbook now ("李四@PC07"); a file has one writer, so none. */
  others(): string[];
  /**
   * A verified online backup beside the workbook (see backups.ts). A team workbook is backed up by its server:
   * the automatic backups (before an import, every ten minutes) are skipped (null) and 立即备份 says so.
   */
  backup(reason: BackupReason): Promise<BackupEntry | null>;
  close(): void;
}

/** A workbook that is a .mswb file: its connection is SQLite's, with everything a file has. */
export interface FileWorkbook extends Workbook {
  readonly db: FileDb;
  readonly file: FileDb;
  backup(reason: BackupReason): Promise<BackupEntry>;
}

export interface OpenWorkbookOptions {
  resources: WorkbookResources;
  nativeBinding?: string | undefined;
  /** the OS user recorded in the change log and the lock */
  actor?: string;
  /** what kind of process opens it (the lock and the journal say so); 'app' by default */
  origin?: SessionOrigin;
  /** create the workbook when the file does not exist: only 新建, `init` and the first start ask for this */
  create?: boolean;
  /** 强制打开: take the lock even though another live process holds it */
  force?: boolean;
}

/** A file refused before anything was written; the session shows the recovery screen with this reason. */
export class WorkbookRefused extends WorkbenchError {
  constructor(
    readonly reason: RefusalReason | 'missing',
    message: string,
  ) {
    super(reason === 'missing' ? 'not_found' : 'storage', message);
  }
}

export function seedPlan(resources: WorkbookResources): ParsedPlan {
  const parsed = parsePlan(readFileSync(resources.seedPlanFile, 'utf8'));
  const corrections = JSON.parse(readFileSync(resources.seedCorrectionsFile, 'utf8')) as Partial<Pick<ParsedPlan, 'title' | 'issuer'>>;
  return {
    ...parsed,
    ...(corrections.title ? { title: corrections.title } : {}),
    ...(corrections.issuer ? { issuer: corrections.issuer } : {}),
    warnings: parsed.warnings.filter((warning) => !(corrections.title && warning.includes('标题'))),
  };
}

function refuse(verdict: FileVerdict): never {
  if (verdict.kind === 'refused') throw new WorkbookRefused(verdict.reason, verdict.message);
  throw new Error('not a refusal');
}

function missing(path: string): WorkbookRefused {
  return new WorkbookRefused(
    'missing',
    `找不到工作簿文件“${path}”。请检查路径是否正确（文件可能已移动或U盘未插入）；要新建工作簿，请用“新建工作簿”（命令行用 init）。`,
  );
}

/**
 * Builds a new workbook — schema, identity, the reference plan, the example budget — in a temporary file beside
 * the target and moves it into place only when complete: a crash or a full disk never leaves half a workbook
 * under the real name, and an existing file is never replaced.
 */
function buildNewWorkbook(path: string, options: OpenWorkbookOptions): void {
  const migrations = loadMigrations(options.resources.migrationsDir);
  writeNewWorkbookFile(path, { migrations, nativeBinding: options.nativeBinding }, (db) => {
    const plan = seedPlan(options.resources);
    insertParsedPlan(db, plan, '内置示例：达州市2017年实施计划', planFingerprint(plan));
    ensureBudget(db);
    ensureExecutionExample(db);
  });
}

/**
 * Opens a workbook. Nothing is written to an existing file before it has been checked on a copy (file-check.ts):
 * a foreign, empty, truncated, damaged or newer file, or one with a log that is not its own, is refused as it is.
 * A file that passes is locked for this process (workbook-lock.ts) — or opened read-only when another live
 * process holds it — then brought up to date: a workbook made before this app wrote its identity, or with an older
 * schema, is backed up first, then migrated and stamped.
 */
export function openWorkbook(path: string, options: OpenWorkbookOptions): FileWorkbook {
  const migrations = loadMigrations(options.resources.migrationsDir);
  const latest = latestVersion(migrations);
  if (!existsSync(path)) {
    if (!options.create) throw missing(path);
    buildNewWorkbook(path, options);
  }
  const self = me(options.origin ?? 'app', options.actor);
  const lock = readLock(path);
  if (lock && !options.force && lockIsLive(lock, self, new Date())) return openReadOnly(path, options, lock, latest, self.session);

  const verdict = inspectWorkbookFile(path, latest, options.nativeBinding);
  if (verdict.kind === 'missing') throw missing(path);
  if (verdict.kind === 'refused') refuse(verdict);

  const attempt = WorkbookLock.acquire(path, self, { force: options.force ?? false });
  if ('heldBy' in attempt) return openReadOnly(path, options, attempt.heldBy, latest, self.session);
  if ('unwritable' in attempt) {
    return openReadOnly(
      path,
      options,
      null,
      latest,
      self.session,
      `${attempt.unwritable}，已以只读方式打开；如需修改，请用“另存为”保存到可写的位置。`,
    );
  }
  const held = attempt.acquired;
  let db: FileDb | null = null;
  try {
    db = openDatabase(path, { nativeBinding: options.nativeBinding, fileMustExist: true });
    // an older workbook (or one from before the identity was written) is copied aside before it changes
    if (pendingMigrations(db, migrations).length > 0 || !verdict.identified) takeBackupSync(db, path, 'migration', options.nativeBinding);
    migrate(db, migrations);
    if (Number(db.pragma('application_id', { simple: true })) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    ensureBudget(db);
    ensureExecutionExample(db);
  } catch (error) {
    db?.close();
    held.release();
    const code = String((error as { code?: unknown }).code ?? '');
    // the file itself is read-only (copied from a CD, or its read-only attribute set): look, do not touch
    if (code.startsWith('SQLITE_READONLY'))
      return openReadOnly(
        path,
        options,
        null,
        latest,
        self.session,
        '工作簿文件是只读的，已以只读方式打开；如需修改，请用“另存为”保存一份可写的副本。',
      );
    throw error;
  }
  const openDb = db;
  const journal = new Journal(
    openDb,
    self.user,
    { id: self.session, origin: self.origin, machine: self.machine },
    { resume: !options.force, historyFrom: readCopyOrigin(db)?.lastAction ?? 0 },
  );
  const writeRefusal = (): string | null => {
    if (held.stillHeld()) return null;
    return `${describeHolder(held.currentHolder()?.holder ?? null)}强制打开了该工作簿，本窗口已不能再修改（以免互相覆盖）。请关闭后重新打开工作簿以查看最新内容。`;
  };
  journal.writeGuard = writeRefusal;
  return {
    path,
    db: openDb,
    file: openDb,
    journal,
    others: () => [],
    access: { mode: 'write' },
    writeRefusal,
    backup: (reason) => takeBackup(openDb, path, reason, options.nativeBinding),
    close: () => {
      if (openDb.open) openDb.close();
      held.release();
    },
  };
}

/** The sentence a read-only opener shows: who has the workbook since when. */
export function heldNotice(lock: LockFile | null, origin: SessionOrigin = 'app'): string {
  const force = origin === 'cli' ? '或在命令后加 --force 强制写入（可能与对方的修改互相覆盖）' : '或选择“强制打开”';
  return `工作簿正在被 ${describeHolder(lock?.holder ?? null)}使用，已以只读方式打开。需要修改时，请等对方关闭后重新打开，${force}。`;
}

function openReadOnly(
  path: string,
  options: OpenWorkbookOptions,
  lock: LockFile | null,
  latest: number,
  session: string,
  notice = heldNotice(lock, options.origin),
): FileWorkbook {
  const verdict = inspectHeldWorkbook(path, latest, options.nativeBinding);
  if (verdict.kind === 'refused') refuse(verdict);
  const db = openDatabase(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  db.pragma('busy_timeout = 5000');
  if (pendingMigrations(db, loadMigrations(options.resources.migrationsDir)).length > 0) {
    db.close();
    // an older schema is upgraded only by its writer: reading it with this version's queries could misread it
    throw new WorkbenchError(
      'conflict',
      `“${basename(path)}”需要升级数据结构才能打开，但它正被 ${describeHolder(lock?.holder ?? null)}使用。请等对方关闭后再打开，工作簿未做任何改动。`,
    );
  }
  const self = me(options.origin ?? 'app', options.actor);
  const journal = new Journal(db, self.user, { id: session, origin: self.origin, machine: self.machine });
  journal.writeGuard = () => notice;
  return {
    path,
    db,
    file: db,
    journal,
    others: () => [],
    access: { mode: 'read', notice },
    writeRefusal: () => notice,
    backup: () => Promise.reject(new WorkbenchError('conflict', notice)),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** `init`: a new workbook file with the default plan; refuses to touch an existing file. */
export function createWorkbook(path: string, options: OpenWorkbookOptions): FileWorkbook {
  if (existsSync(path)) throw new WorkbenchError('conflict', `文件已存在：${path}。为避免覆盖数据，请换一个文件名。`);
  return openWorkbook(path, { ...options, create: true });
}
