import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../shared/result';
import { listBackups, restoreBackup } from './store/backups';
import { openDatabase } from './store/connection';
import type { Workbook } from './store/workbook';

/**
 * The workbook the app has open — or why it could not open it. When the file is damaged the app still
 * starts: every channel that needs the workbook answers with the problem, the recovery channels list the
 * verified backups, and a restore swaps the workbook in place.
 */
export class WorkbookSession {
  private current: Workbook | null = null;
  private problem = '';

  constructor(
    private workbookPath: string,
    private readonly openAt: (path: string) => Workbook,
    private readonly nativeBinding?: string,
  ) {}

  /**
   * Copies a workbook that is not open (on a USB stick, say) to `local` through SQLite — a consistent copy
   * even if the file has a -wal beside it — and continues in the copy.
   */
  copyInFrom(source: string, local: string): void {
    mkdirSync(dirname(local), { recursive: true });
    // read-only: the stick's file is not touched (no migration, no WAL)
    const reader = openDatabase(source, { readonly: true, fileMustExist: true, nativeBinding: this.nativeBinding });
    try {
      reader.prepare('VACUUM INTO ?').run(local);
    } finally {
      reader.close();
    }
    this.switchTo(local);
  }

  get path(): string {
    return this.workbookPath;
  }

  /**
   * Copies the open workbook to `target` with the backup API (never a file copy of a live WAL database)
   * and continues there: the way off a network share or a roaming profile.
   */
  async moveTo(target: string): Promise<void> {
    const workbook = this.workbook;
    await workbook.db.backup(target);
    this.close();
    this.workbookPath = target;
    if (!this.open()) throw new WorkbenchError('storage', `复制后无法打开：${this.problem}`);
  }

  /** Closes this workbook and opens another; if that fails, the previous one is opened again. */
  switchTo(target: string): void {
    const previous = this.workbookPath;
    this.close();
    this.workbookPath = target;
    if (this.open()) return;
    const problem = this.problem;
    this.workbookPath = previous;
    this.open();
    throw new WorkbenchError('storage', `无法打开“${target}”：${problem}`);
  }

  /** Takes a workbook opened elsewhere (the CLI, tests) as the current one. */
  adopt(workbook: Workbook): this {
    this.current = workbook;
    this.problem = '';
    return this;
  }

  /** Opens the workbook; on failure keeps the reason (the file is left exactly as it was). */
  open(): boolean {
    try {
      this.current = this.openAt(this.path);
      this.problem = '';
      return true;
    } catch (error) {
      this.current = null;
      this.problem = describeOpenFailure(error);
      return false;
    }
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  get failure(): string {
    return this.problem;
  }

  get workbook(): Workbook {
    if (!this.current) throw new WorkbenchError('storage', `工作簿无法打开：${this.problem}`);
    return this.current;
  }

  close(): void {
    if (this.current?.db.open) this.current.close();
    this.current = null;
  }

  /**
   * Replaces the workbook with a verified backup. The current workbook, if it opens, is backed up first;
   * a damaged one is kept aside under a new name, never overwritten.
   */
  async restore(file: string): Promise<void> {
    const entry = listBackups(this.path).find((backup) => backup.file === file);
    if (!entry) throw new WorkbenchError('not_found', `找不到备份“${file}”。`);
    if (!entry.verified) throw new WorkbenchError('storage', `备份“${file}”未通过校验（${entry.problem}），不能用于恢复。`);
    const damaged = !this.current;
    if (this.current) await this.current.backup('before-restore');
    this.close();
    restoreBackup(this.path, `${this.path}.backups/${file}`, { keepDamaged: damaged, nativeBinding: this.nativeBinding });
    if (!this.open()) throw new WorkbenchError('storage', `恢复后仍无法打开工作簿：${this.problem}`);
  }
}

/** Why a workbook did not open, in Chinese; SQLite's own words are kept in brackets for support staff. */
export function describeOpenFailure(error: unknown): string {
  if (error instanceof WorkbenchError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /malformed|not a database/i.test(detail)) {
    return `工作簿文件已损坏或不是工作簿（${detail}）。未对该文件做任何写入，可从备份恢复。`;
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') return `无法读取工作簿文件（${detail}），请检查文件是否存在、是否有权限。`;
  if (code === 'SQLITE_BUSY') return `工作簿正被其他程序占用（${detail}），请关闭后重试。`;
  return `工作簿无法打开（${detail}）。`;
}
