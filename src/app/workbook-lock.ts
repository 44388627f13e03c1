import { closeSync, fsyncSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * One writer per workbook: a small owner file beside it (`<workbook>.lock`) naming who works in it — user,
 * machine, process, since when — as Office does with its `~$` owner files. SQLite's own locks keep two writers
 * from tearing a page, but not from working over each other for an afternoon (and they are unreliable on network
 * shares); this file is what lets a second opener say who has the workbook and open it read-only.
 *
 * A lock is stale when its process is gone (same machine) or it has not been refreshed for a long time (another
 * machine, where the process cannot be asked). The holder refreshes it every minute.
 */

export const LOCK_SUFFIX = '.lock';
export const LOCK_REFRESH_MS = 60_000;
/** Another machine's lock not refreshed for this long is taken to be left over from a crash or a power cut. */
export const LOCK_STALE_AFTER_MS = 30 * 60_000;

/** How long an unreadable lock file is given to be written by the process that just created it. */
export const UNREADABLE_LOCK_GRACE_MS = 10_000;

export type SessionOrigin = 'app' | 'cli';

const holderSchema = z.object({
  app: z.literal('minsheng-workbench'),
  session: z.string(),
  user: z.string(),
  machine: z.string(),
  pid: z.number().int(),
  since: z.string(),
  origin: z.enum(['app', 'cli']),
  /** who held it when this holder chose 强制打开 */
  forcedFrom: z.string().optional(),
});
export type LockHolder = z.infer<typeof holderSchema>;

export interface LockFile {
  holder: LockHolder | null;
  /** last refresh (the file's modification time) */
  refreshedAt: Date;
}

export const lockPathOf = (workbookPath: string): string => `${workbookPath}${LOCK_SUFFIX}`;

/** The lock beside a workbook, or null when there is none. A file that is not a lock of ours has holder null. */
export function readLock(workbookPath: string): LockFile | null {
  const path = lockPathOf(workbookPath);
  try {
    const refreshedAt = statSync(path).mtime;
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return { holder: parsed.success ? parsed.data : null, refreshedAt };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // unreadable or half-written: a holder that cannot be named
    try {
      return { holder: null, refreshedAt: statSync(path).mtime };
    } catch {
      return null;
    }
  }
}

/** This process as a lock holder. */
export interface Me {
  user: string;
  machine: string;
  pid: number;
  origin: SessionOrigin;
  session: string;
}

export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function me(origin: SessionOrigin, user = currentUser()): Me {
  return { user, machine: hostname(), pid: process.pid, origin, session: randomUUID() };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a lock still stands for a live holder. Pure apart from the injected answers, so the rules are tested
 * with other machines' locks and dead processes.
 */
export function lockIsLive(
  lock: LockFile,
  self: Pick<Me, 'machine'>,
  now: Date,
  isAlive: (pid: number) => boolean = processAlive,
): boolean {
  const age = now.getTime() - lock.refreshedAt.getTime();
  // an empty or garbled lock is left by a holder that died while writing it (a crash, a power cut): it holds
  // nothing once it is more than a moment old (a moment: another opener may be between creating and writing it)
  if (!lock.holder) return age < UNREADABLE_LOCK_GRACE_MS;
  if (lock.holder.machine === self.machine) return isAlive(lock.holder.pid) && age < LOCK_STALE_AFTER_MS * 4;
  return age < LOCK_STALE_AFTER_MS;
}

function clock(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const hm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return at.toDateString() === now.toDateString() ? hm : `${at.getMonth() + 1}月${at.getDate()}日 ${hm}`;
}

/** “张三（PC-07）于 09:12 起” */
export function describeHolder(holder: LockHolder | null, now = new Date()): string {
  if (!holder) return '另一个程序';
  const where = holder.origin === 'cli' ? `${holder.machine}，命令行` : holder.machine;
  return `${holder.user}（${where}）于 ${clock(holder.since, now)} 起`;
}

function writeLockFile(path: string, holder: LockHolder, flag: 'wx' | 'w'): void {
  const fd = openSync(path, flag);
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type LockAttempt = { acquired: WorkbookLock } | { heldBy: LockFile } | { unwritable: string };

/** The lock this process holds on one workbook. */
export class WorkbookLock {
  private released = false;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    readonly workbookPath: string,
    readonly holder: LockHolder,
  ) {}

  /**
   * Takes the lock: creates the file if there is none, replaces a stale one, and with `force` replaces a live one
   * (强制打开). Otherwise answers who holds it.
   */
  static acquire(
    workbookPath: string,
    self: Me,
    options: { force?: boolean; now?: Date; isAlive?: (pid: number) => boolean } = {},
  ): LockAttempt {
    const path = lockPathOf(workbookPath);
    const now = options.now ?? new Date();
    const holder: LockHolder = {
      app: 'minsheng-workbench',
      session: self.session,
      user: self.user,
      machine: self.machine,
      pid: self.pid,
      since: now.toISOString(),
      origin: self.origin,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeLockFile(path, holder, 'wx');
        return { acquired: new WorkbookLock(workbookPath, holder).startRefreshing() };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { unwritable: '工作簿所在的文件夹不可写' };
        if (code === 'ENOENT') return { unwritable: '工作簿所在的文件夹不存在' };
        if (code !== 'EEXIST') throw error;
      }
      const existing = readLock(workbookPath);
      if (!existing) continue;
      if (lockIsLive(existing, self, now, options.isAlive) && !options.force) return { heldBy: existing };
      // stale (or forced): remove it only if it is still the one judged, then race for a fresh one with 'wx'
      const again = readLock(workbookPath);
      if (again && JSON.stringify(again.holder) === JSON.stringify(existing.holder)) {
        if (options.force && existing.holder) holder.forcedFrom = describeHolder(existing.holder, now);
        rmSync(path, { force: true });
      }
    }
    const last = readLock(workbookPath);
    return last ? { heldBy: last } : { unwritable: '无法创建锁文件' };
  }

  private startRefreshing(): this {
    this.timer = setInterval(() => this.refresh(), LOCK_REFRESH_MS);
    this.timer.unref?.();
    return this;
  }

  /** Touches the file so other machines see the holder is alive. */
  refresh(): void {
    if (this.released || !this.stillHeld()) return;
    const now = new Date();
    try {
      utimesSync(lockPathOf(this.workbookPath), now, now);
    } catch {
      // a missed refresh only makes the lock look older
    }
  }

  /** False once someone else has forced the workbook open (their lock replaced ours). */
  stillHeld(): boolean {
    if (this.released) return false;
    return readLock(this.workbookPath)?.holder?.session === this.holder.session;
  }

  /** Who holds the lock now, when it is no longer us. */
  currentHolder(): LockFile | null {
    return readLock(this.workbookPath);
  }

  /** Removes the file — only if it is still ours (a forced opener's lock stays). */
  release(): void {
    if (this.released) return;
    if (this.timer) clearInterval(this.timer);
    if (this.stillHeld()) rmSync(lockPathOf(this.workbookPath), { force: true });
    this.released = true;
  }
}
