import { describe, expect, it } from 'vitest';
import { describeHolder, LOCK_STALE_AFTER_MS, type LockFile, lockIsLive } from '../../../src/app/workbook-lock';

const holder = (machine: string, pid = 100): LockFile['holder'] => ({
  app: 'minsheng-workbench',
  session: 's',
  user: '张三',
  machine,
  pid,
  since: new Date(2026, 11, 1, 9, 12).toISOString(),
  origin: 'app',
});

describe('whether a lock still stands', () => {
  const now = new Date(2026, 11, 1, 10, 0);
  const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

  it('on this machine: as long as the process lives (and refreshes)', () => {
    expect(lockIsLive({ holder: holder('PC-01'), refreshedAt: minutesAgo(1) }, { machine: 'PC-01' }, now, () => true)).toBe(true);
    expect(lockIsLive({ holder: holder('PC-01'), refreshedAt: minutesAgo(1) }, { machine: 'PC-01' }, now, () => false)).toBe(false);
    // a reused process number that never refreshes the lock ends up stale
    expect(lockIsLive({ holder: holder('PC-01'), refreshedAt: minutesAgo(300) }, { machine: 'PC-01' }, now, () => true)).toBe(false);
  });

  it('on another machine: by age, since its process cannot be asked', () => {
    const never = () => {
      throw new Error('another machine’s process is not looked up here');
    };
    expect(lockIsLive({ holder: holder('PC-07'), refreshedAt: minutesAgo(2) }, { machine: 'PC-01' }, now, never)).toBe(true);
    expect(
      lockIsLive({ holder: holder('PC-07'), refreshedAt: minutesAgo(LOCK_STALE_AFTER_MS / 60_000 + 1) }, { machine: 'PC-01' }, now, never),
    ).toBe(false);
  });

  it('an unreadable lock (its writer died while writing it) counts only while it may still be being written', () => {
    expect(lockIsLive({ holder: null, refreshedAt: new Date(now.getTime() - 2_000) }, { machine: 'PC-01' }, now)).toBe(true);
    expect(lockIsLive({ holder: null, refreshedAt: minutesAgo(1) }, { machine: 'PC-01' }, now)).toBe(false);
  });

  it('names the holder as a person reads it', () => {
    expect(describeHolder(holder('PC-07'), new Date(2026, 11, 1, 15, 0))).toBe('张三（PC-07）于 09:12 起');
    expect(describeHolder(holder('PC-07'), new Date(2026, 11, 3, 15, 0))).toBe('张三（PC-07）于 12月1日 09:12 起');
    expect(describeHolder({ ...holder('PC-07'), origin: 'cli' } as LockFile['holder'], new Date(2026, 11, 1, 15, 0))).toBe(
      '张三（PC-07，命令行）于 09:12 起',
    );
    expect(describeHolder(null)).toBe('另一个程序');
  });
});
