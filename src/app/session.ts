import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelOutput } from '../shared/contract';
import { WorkbenchError } from '../shared/result';
import { fsyncFile, renameDurable, renameNoClobber, temporaryBeside } from './durable-files';
import { listBackups, restoreBackup } from './store/backups';
import { copyOpenDatabase, dataVersion, type FileDb } from './store/connection';
import { copyThroughPrivateSnapshot, inspectWorkbookFile } from './store/file-check';
import { WorkbookRefused, type Workbook } from './store/workbook';
import { me, WorkbookLock } from './workbook-lock';

/** How to open: create a missing file (新建, first start), or take the lock from a live holder (强制打开). */
export interface OpenHow {
  create?: boolean;
  force?: boolean;
  /** a team workbook's password, typed for this opening (see either-home.ts) */
  password?: string | undefined;
}

type WorkbookStatus = ChannelOutput<'workbook-status'>;

export type WorkbookOpener = (path: string, how?: OpenHow) => Workbook;

/**
 * The workbook the app has open — or why it could not open it. When the file is refused the app still starts:
 * every channel that needs the workbook answers with the problem, the recovery channels list the verified
 * backups, and a restore swaps the workbook in place.
 */
/** The file under a workbook that is one; a team workbook is copied with 另存为本地副本 instead. */
function fileOf(workbook: Workbook): FileDb {
  if (!workbook.file) throw new WorkbenchError('conflict', '团队工作簿不能“另存为”：请用 文件 → 团队工作簿 → 另存为本地副本。');
  return workbook.file;
}

export class WorkbookSession {
  private current: Workbook | null = null;
  private problem = '';
  private problemReason = '';
  /** SQLite's data_version when this window opened the workbook: it moves when another process commits */
  private openedDataVersion = 0;
  /** what the page should say once it has (re)loaded, e.g. that a workbook from a USB stick was copied in */
  private pendingNotice = '';

  constructor(
    private workbookPath: string,
    private readonly openAt: WorkbookOpener,
    /** the SQLite binding built for this runtime (Electron's), for every file the session opens */
    readonly nativeBinding?: string,
  ) {}

  get path(): string {
    return this.workbookPath;
  }

  /** Leaves a message for the page to show when it next starts (a switch made by the shell, not by the page). */
  announce(notice: string): void {
    this.pendingNotice = notice;
  }

  /** The message left for the page, once. */
  takeNotice(): string {
    const notice = this.pendingNotice;
    this.pendingNotice = '';
    return notice;
  }

  /**
   * Copies a workbook that is not open (on a USB stick, say) to `local` and continues in the copy. The stick's
   * file is checked and read through a private snapshot: not even a `-shm` appears beside it.
   */
  copyInFrom(source: string, local: string): void {
    const verdict = inspectWorkbookFile(source, Number.MAX_SAFE_INTEGER, this.nativeBinding);
    if (verdict.kind === 'missing') throw new WorkbookRefused('missing', `找不到文件：${source}（U盘可能已拔出）。`);
    if (verdict.kind === 'refused') throw new WorkbookRefused(verdict.reason, verdict.message);
    mkdirSync(dirname(local), { recursive: true });
    const temporary = temporaryBeside(local, 'copying');
    try {
      copyThroughPrivateSnapshot(source, temporary, this.nativeBinding);
      fsyncFile(temporary);
      if (!renameNoClobber(temporary, local)) throw new WorkbenchError('conflict', `本机已有同名工作簿：${local}。为避免覆盖，未复制。`);
    } finally {
      rmSync(temporary, { force: true });
    }
    this.switchTo(local);
  }

  /**
   * Copies the open workbook to `target` with the backup API (never a file copy of a live WAL database) into a
   * temporary file, syncs it, moves it into place and continues there: Save As, and the way off a network share or a
   * roaming profile. An existing `target` is replaced only when `replace` says the user confirmed it.
   */
  async moveTo(target: string, options: { replace?: boolean } = {}): Promise<void> {
    await this.writeCopy(target, options.replace ?? false);
    this.close();
    this.workbookPath = target;
    if (!this.open()) throw new WorkbenchError('storage', `复制后无法打开：${this.problem}`);
  }

  /**
   * Writes a complete copy of the open workbook to `target` and keeps working where it is: Save As onto a USB stick,
   * so the stick holds one finished file (no -wal, no backups folder) and can be pulled as soon as the copy is done.
   */
  async saveCopyTo(target: string, options: { replace?: boolean } = {}): Promise<void> {
    await this.writeCopy(target, options.replace ?? false);
  }

  private async writeCopy(target: string, replace: boolean): Promise<void> {
    const workbook = this.workbook;
    const temporary = temporaryBeside(target, 'saving');
    try {
      await copyOpenDatabase(fileOf(workbook), temporary);
      fsyncFile(temporary);
      if (replace) {
        // the replaced workbook's own log files would be read as this file's: they go with it
        for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
        renameDurable(temporary, target);
      } else if (!renameNoClobber(temporary, target)) {
        throw new WorkbenchError('conflict', `文件已存在：${target}。为避免覆盖，请换一个文件名。`);
      }
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true });
    }
  }

  /** Closes this workbook and opens another; if that fails, the previous one is opened again. */
  switchTo(target: string, how: OpenHow = {}): void {
    const previous = this.workbookPath;
    this.close();
    this.workbookPath = target;
    if (this.open(how)) return;
    const problem = this.problem;
    this.workbookPath = previous;
    this.open();
    throw new WorkbenchError('storage', `无法打开“${target}”：${problem}`);
  }

  /** 强制打开: this window had the workbook read-only; it takes the lock from the other holder and opens it for writing. */
  forceOpen(): void {
    this.switchTo(this.workbookPath, { force: true });
  }

  /** Takes a workbook opened elsewhere (the CLI, tests) as the current one. */
  adopt(workbook: Workbook): this {
    this.current = workbook;
    this.problem = '';
    this.problemReason = '';
    this.openedDataVersion = dataVersion(workbook.db);
    return this;
  }

  /** Opens the workbook; on failure keeps the reason (the file is left exactly as it was). */
  open(how: OpenHow = {}): boolean {
    try {
      this.adopt(this.openAt(this.path, how));
      return true;
    } catch (error) {
      this.current = null;
      this.problem = describeOpenFailure(error);
      this.problemReason = error instanceof WorkbookRefused ? error.reason : 'error';
      return false;
    }
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  get failure(): string {
    return this.problem;
  }

  /** Why the workbook is not open, as a code the recovery screen can branch on ('' when open). */
  get failureReason(): string {
    return this.problemReason;
  }

  get workbook(): Workbook {
    if (!this.current) throw new WorkbenchError('storage', `工作簿无法打开：${this.problem}`);
    return this.current;
  }

  /** Why this window may not write now, or null (also null when nothing is open: the handler says why). */
  writeRefusal(): string | null {
    return this.current ? this.current.writeRefusal() : null;
  }

  /** Read-only or not, and whether another process has committed since this window opened the workbook. */
  status(): WorkbookStatus {
    const refusal = this.writeRefusal();
    const role = this.current?.role;
    return {
      path: this.path,
      readOnly: refusal !== null,
      notice: refusal ?? '',
      externalChanges: this.current ? dataVersion(this.current.db) - this.openedDataVersion : 0,
      others: this.current ? this.current.others() : [],
      ...(role ? { role } : {}),
    };
  }

  close(): void {
    this.current?.close();
    this.current = null;
  }

  /**
   * Replaces the workbook with a verified backup. The current workbook, if it opens, is backed up first. The
   * swap itself is copy → verify → sync → rename (backups.ts): on any failure the workbook, damaged or not, is
   * where it was, and the message says what happened.
   */
  async restore(file: string): Promise<void> {
    const entry = listBackups(this.path).find((backup) => backup.file === file);
    if (!entry) throw new WorkbenchError('not_found', `找不到备份“${file}”。`);
    if (!entry.verified) throw new WorkbenchError('storage', `备份“${file}”未通过校验（${entry.problem}），不能用于恢复。`);
    const damaged = !this.current;
    if (this.current) await this.current.backup('before-restore');
    this.close();
    // nobody else may be working in the file while it is swapped
    const attempt = WorkbookLock.acquire(this.path, me('app'));
    if (!('acquired' in attempt)) {
      this.open();
      throw new WorkbenchError('conflict', '工作簿正被其他程序使用，不能恢复。请等对方关闭后重试。');
    }
    try {
      restoreBackup(this.path, `${this.path}.backups/${file}`, {
        keepDamaged: damaged,
        expectedHash: entry.hash,
        nativeBinding: this.nativeBinding,
      });
    } catch (error) {
      attempt.acquired.release();
      this.open();
      throw error;
    }
    attempt.acquired.release();
    if (!this.open()) throw new WorkbenchError('storage', `恢复后仍无法打开工作簿：${this.problem}`);
  }
}

/** Why a workbook did not open, in Chinese. */
export function describeOpenFailure(error: unknown): string {
  if (error instanceof WorkbenchError) return error.message;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return '工作簿文件已损坏或不是工作簿。未对该文件做任何写入，可从备份恢复。';
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') return '无法读取工作簿文件，请检查文件是否存在、是否有权限。';
  if (code === 'SQLITE_BUSY') return '工作簿正被其他程序占用，请关闭后重试。';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return '磁盘空间不足，工作簿未能打开。请清理磁盘后重试。';
  return '工作簿无法打开（意外的错误）。文件未做任何改动；请重试，或从备份恢复。';
}
