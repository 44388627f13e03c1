import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { parsePlan } from '../../core/plan/parse-plan';
import type { ParsedPlan } from '../../shared/plan';
import { WorkbenchError } from '../../shared/result';
import { type Db, openDatabase } from './connection';
import { Journal } from './journal';
import { type BackupEntry, type BackupReason, takeBackup, takeBackupSync } from './backups';
import { loadMigrations, migrate, schemaVersion } from './migrations';
import { ensureBudget } from './budget-repository';
import { ensureExecutionExample } from './execution-repository';
import { insertParsedPlan } from './plan-repository';

/** Where the app's own files are: the migrations and the seed plan ship beside the code. */
export interface WorkbookResources {
  migrationsDir: string;
  seedPlanFile: string;
  seedCorrectionsFile: string;
}

export function resourcesAt(rootDir: string): WorkbookResources {
  return {
    migrationsDir: join(rootDir, 'db', 'migrations'),
    seedPlanFile: join(rootDir, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'),
    seedCorrectionsFile: join(rootDir, 'db', 'seed', 'dazhou-2017.corrections.json'),
  };
}

export interface Workbook {
  readonly path: string;
  readonly db: Db;
  readonly journal: Journal;
  /** A verified online backup beside the workbook (see backups.ts). */
  backup(reason: BackupReason): Promise<BackupEntry>;
  close(): void;
}

export interface OpenWorkbookOptions {
  resources: WorkbookResources;
  nativeBinding?: string | undefined;
  /** the OS user recorded in the change log */
  actor?: string;
}

function currentActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
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

/**
 * Opens a workbook, creating it with the reference plan when the file does not exist yet, and brings its
 * schema up to date. A workbook made by a newer version is refused before anything is written.
 */
export function openWorkbook(path: string, options: OpenWorkbookOptions): Workbook {
  const isNew = !existsSync(path);
  const db = openDatabase(path, { nativeBinding: options.nativeBinding });
  try {
    if (!isNew) assertHealthy(db, path);
    const migrations = loadMigrations(options.resources.migrationsDir);
    const version = schemaVersion(db);
    // an older workbook is copied aside before its schema changes, so a failed upgrade loses nothing
    if (!isNew && version > 0 && version < migrations.length) takeBackupSync(db, path, 'migration', options.nativeBinding);
    migrate(db, migrations);
    if (isNew) {
      const plan = seedPlan(options.resources);
      db.transaction(() => insertParsedPlan(db, plan, '内置示例：达州市2017年实施计划'))();
    }
    ensureBudget(db);
    ensureExecutionExample(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    path,
    db,
    journal: new Journal(db, options.actor ?? currentActor()),
    backup: (reason) => takeBackup(db, path, reason, options.nativeBinding),
    close: () => db.close(),
  };
}

/**
 * A damaged file is refused before anything reads or writes it further. `quick_check` reads every page
 * (milliseconds for a workbook this size) and catches truncation and flipped bits in the b-trees.
 */
function assertHealthy(db: Db, path: string): void {
  let result: string;
  try {
    result = String(db.pragma('quick_check', { simple: true }));
  } catch (error) {
    result = (error as Error).message;
  }
  if (result !== 'ok') {
    throw new WorkbenchError('storage', `工作簿文件已损坏（${result}）：${path}。未对该文件做任何写入，可从备份恢复。`);
  }
}

/** `init`: a new workbook file with the default plan; refuses to touch an existing file. */
export function createWorkbook(path: string, options: OpenWorkbookOptions): Workbook {
  if (existsSync(path)) throw new WorkbenchError('conflict', `文件已存在：${path}。为避免覆盖数据，请换一个文件名。`);
  return openWorkbook(path, options);
}
