import { WorkbenchError } from '../shared/result';
import { listBackups, restoreBackup } from './store/backups';
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
    readonly path: string,
    private readonly openAt: (path: string) => Workbook,
    private readonly nativeBinding?: string,
  ) {}

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
      this.problem = error instanceof Error ? error.message : String(error);
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
