import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbookSession } from '../../src/app/session';
import { backupDir, keptBackups, listBackups, RETENTION } from '../../src/app/store/backups';
import { openDatabase } from '../../src/app/store/connection';
import { contentHash } from '../../src/app/store/content-hash';
import { loadMigrations, migrate } from '../../src/app/store/migrations';
import { openWorkbook } from '../../src/app/store/workbook';
import { fileDb, invoker, latestSchemaVersion, newWorkbook, resources, tempDir } from './helpers';

const open = (path: string) => openWorkbook(path, { resources, actor: 'tester', create: true });
const remark = (path: string): unknown => {
  const db = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT remark FROM task WHERE id = 1').get() as { remark: string }).remark;
  } finally {
    db.close();
  }
};

describe('backups', () => {
  it('are taken with the backup API, verified (integrity, hash) and listed with time and size', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const result = await invoke('backup-create', {});
    expect(result.ok).toBe(true);
    const [entry] = listBackups(workbook.path);
    expect(entry).toMatchObject({ reason: 'manual', verified: true, problem: '' });
    expect(entry?.size).toBeGreaterThan(10_000);
    expect(entry?.hash).toBe(contentHash(workbook.db));
  });

  it('rotation keeps the newest verified backup even when all newer ones failed verification', async () => {
    const now = new Date(Date.UTC(2026, 0, 1, 12, 0));
    const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
    // a good backup three days ago, then more failed ones today than the count cap allows
    const entries = [
      { at: at(3 * 24 * 60), verified: true, file: 'good' },
      ...Array.from({ length: RETENTION.maxCount + 5 }, (_, i) => ({ at: at(i), verified: false, file: `bad${i}` })),
    ];
    const kept = keptBackups(entries, now);
    expect(kept).toHaveLength(RETENTION.maxCount);
    expect(kept.map((e) => e.file)).toContain('good');
    // the newest failed ones are listed (so the user sees that backups fail), the oldest failed ones go
    expect(kept.map((e) => e.file)).toContain('bad0');
    expect(kept.map((e) => e.file)).not.toContain(`bad${RETENTION.maxCount + 4}`);
  });

  it('are kept by age: every one of the last day, one a day for a month, one a week for a year, under a count cap', () => {
    // a year and a half of an office's work: a backup every hour from 8 to 18 on working days, rotated as the app does
    let kept: { at: string; verified: boolean }[] = [];
    const start = new Date(2025, 0, 6, 8, 0);
    let now = start;
    for (let day = 0; day < 540; day++) {
      const date = new Date(start.getFullYear(), start.getMonth(), start.getDate() + day);
      if (date.getDay() === 0 || date.getDay() === 6) continue;
      for (let hour = 8; hour <= 18; hour++) {
        now = new Date(date.getFullYear(), date.getMonth(), date.getDate(), hour, 5);
        kept = keptBackups([{ at: now.toISOString(), verified: true }, ...kept], now);
      }
    }
    const ages = kept.map((entry) => (now.getTime() - new Date(entry.at).getTime()) / 86_400_000);
    expect(kept.length).toBeLessThanOrEqual(RETENTION.maxCount);
    // all of the last day
    expect(ages.filter((age) => age <= 1)).toHaveLength(11);
    // a backup from before a bad edit noticed a week later, and from every working day of the last month
    const days = new Set(kept.map((entry) => new Date(entry.at).toDateString()));
    for (let back = 1; back <= 30; back++) {
      const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
      if (day.getDay() !== 0 && day.getDay() !== 6) expect(days.has(day.toDateString()), day.toDateString()).toBe(true);
    }
    // one a week for a year, and nothing older
    for (let week = 5; week < 52; week++)
      expect(
        ages.some((age) => age > week * 7 && age <= (week + 1) * 7 + 1),
        `week ${week}`,
      ).toBe(true);
    expect(Math.max(...ages)).toBeLessThanOrEqual(52 * 7 + 7);
  });

  it('leave no -wal or -shm beside them, and sweep those an older version left', async () => {
    const workbook = newWorkbook();
    const dir = backupDir(workbook.path);
    await workbook.backup('manual');
    // what checking a WAL-mode backup read-only used to leave behind, and a backup that never finished
    const [first] = listBackups(workbook.path);
    writeFileSync(join(dir, `${first?.file}-shm`), Buffer.alloc(32_768));
    writeFileSync(join(dir, `${first?.file}-wal`), '');
    writeFileSync(join(dir, '20200101-000000-periodic.mswb-wal'), '');
    for (let i = 0; i < 3; i++) await workbook.backup('periodic');
    const names = readdirSync(dir).sort();
    expect(names.filter((name) => /-(wal|shm|journal)$/.test(name))).toEqual([]);
    expect(names.filter((name) => name.endsWith('.mswb'))).toHaveLength(4);
    expect(names).toContain('manifest.json');
    expect(names.filter((name) => name.startsWith('.'))).toEqual([]);
    // each is a self-contained file: checking it again creates nothing beside it
    for (const entry of listBackups(workbook.path)) expect(entry.verified).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(names);
  });

  it('restore equals the backup; a naive copy would replay the old WAL', async () => {
    const dir = tempDir();
    const path = join(dir, 'restore.mswb');
    const session = new WorkbookSession(path, open);
    expect(session.open()).toBe(true);
    const workbook = session.workbook;
    workbook.db.prepare("UPDATE task SET remark = '备份时' WHERE id = 1").run();
    const made = await workbook.backup('manual');
    if (!made) throw new Error('a workbook file is backed up');
    const backup = made;
    const backupHash = backup.hash;
    workbook.db.prepare("UPDATE task SET remark = '备份后' WHERE id = 1").run();
    // the later edit lives in the -wal file until a checkpoint
    expect(existsSync(`${path}-wal`)).toBe(true);

    // the naive way: copy the backup over the file while the old WAL stays beside it
    const naive = join(dir, 'naive.mswb');
    copyFileSync(path, naive);
    copyFileSync(`${path}-wal`, `${naive}-wal`);
    copyFileSync(join(backupDir(path), backup.file), naive);
    expect(remark(naive)).not.toBe('备份时');

    await session.restore(backup.file);
    expect(remark(path)).toBe('备份时');
    expect(contentHash(fileDb(session.workbook))).toBe(backupHash);
    // what was there before the restore was itself backed up
    expect(listBackups(path).some((e) => e.reason === 'before-restore')).toBe(true);
    session.close();
  });

  it('a migration backs the old workbook up first', async () => {
    const dir = tempDir();
    const path = join(dir, 'old.mswb');
    // a workbook from the first release: only migration 1 applied, no application id in its header
    const firstRelease = openDatabase(path);
    migrate(
      firstRelease,
      loadMigrations(resources.migrationsDir).filter((migration) => migration.version === 1),
    );
    firstRelease.prepare("INSERT INTO plan (id, title, year, created_at) VALUES (1, '旧版规划', 2017, '2017-06-01T00:00:00Z')").run();
    firstRelease.close();
    const upgraded = open(path);
    const [backup] = listBackups(path);
    expect(backup).toMatchObject({ reason: 'migration', schemaVersion: 1, verified: true });
    expect((upgraded.db.prepare('SELECT MAX(version) AS v FROM schema_migration').get() as { v: number }).v).toBe(latestSchemaVersion);
    expect(upgraded.db.prepare('SELECT title FROM plan WHERE id = 1').get()).toEqual({ title: '旧版规划' });
    upgraded.close();
  });
});

describe('bad workbooks', () => {
  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 3))],
    [
      'bit-flipped',
      (bytes: Buffer) => {
        const copy = Buffer.from(bytes);
        for (let i = 4096 * 3; i < copy.length; i += 997) copy[i] = (copy[i] ?? 0) ^ 0xff;
        return copy;
      },
    ],
    ['not a workbook', () => Buffer.from('这不是工作簿'.repeat(500))],
  ])('a %s file: the session opens in recovery, says why, offers the backups, and leaves the file untouched', async (_name, damage) => {
    const dir = tempDir();
    const path = join(dir, 'damaged.mswb');
    const good = open(path);
    const backup = await good.backup('manual');
    good.db.pragma('wal_checkpoint(TRUNCATE)');
    good.close();
    const damaged = damage(readFileSync(path));
    writeFileSync(path, damaged);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });

    const session = new WorkbookSession(path, open);
    expect(session.open()).toBe(false);
    expect(session.failure).toMatch(/损坏|not a database|malformed|工作簿/);
    expect(readFileSync(path).equals(damaged)).toBe(true);
    await session.restore(backup.file);
    expect(session.isOpen).toBe(true);
    // the damaged file was kept aside, not overwritten
    expect(readdirSync(dir).some((f) => f.startsWith('damaged.mswb.damaged-'))).toBe(true);
    session.close();
  });

  it('disk full (max_page_count) rolls the action back with a clear message, and the app keeps working', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const pages = Number(workbook.db.pragma('page_count', { simple: true }));
    workbook.db.pragma(`max_page_count = ${pages + 2}`);
    const before = workbook.db.prepare('SELECT remark FROM task ORDER BY id').all();
    const big = 'x'.repeat(19_000);
    const result = await invoke('task-update', {
      edits: Array.from({ length: 31 }, (_, i) => ({ taskId: i + 1, field: 'remark', value: big })),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'storage', message: expect.stringContaining('磁盘空间不足') });
    expect(workbook.db.prepare('SELECT remark FROM task ORDER BY id').all()).toEqual(before);
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM action').get()).toEqual({ n: 0 });
    const small = await invoke('task-update', { edits: [{ taskId: 1, field: 'remark', value: '小改动' }] });
    expect(small.ok).toBe(true);
  });
});
