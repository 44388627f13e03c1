import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../src/app/store/backups';
import { openDatabase } from '../../src/app/store/connection';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { latestSchemaVersion, repoRoot, resources, tempDir } from './helpers';

/**
 * Kill -9 at random moments, many rounds (CRASH_ROUNDS; `npm run test:soak` runs hundreds): every
 * acknowledged change survives, no action is half applied, and SQLite's integrity check passes.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 6);
const childScript = join(repoRoot, 'test', 'reliability', 'crash-child.ts');

interface Run {
  lines: string[];
  killedAfterMs: number;
}

/**
 * Runs the child until it prints `waitFor`, then lets it work a random while, then SIGKILLs it. With no delay
 * bound it is not killed: it runs to the end and the time from `waitFor` to its exit is measured (calibration).
 */
function runAndKill(args: string[], waitFor: string, maxDelayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    const delay = Number.isFinite(maxDelayMs) ? Math.floor(Math.random() * maxDelayMs) : Number.POSITIVE_INFINITY;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === waitFor && !timer && !started) {
          started = Date.now();
          if (Number.isFinite(delay)) timer = setTimeout(() => child.kill('SIGKILL'), delay);
        }
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ lines, killedAfterMs: started ? Date.now() - started : 0 });
    });
  });
}

function reopenAndCheck(path: string, extraResources = resources) {
  const workbook = openWorkbook(path, { resources: extraResources, actor: 'checker' });
  expect(workbook.db.pragma('integrity_check', { simple: true })).toBe('ok');
  // no action without its recorded changes: a half-written action would show here
  expect(
    workbook.db.prepare('SELECT COUNT(*) AS n FROM action a WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.action_id = a.id)').get(),
  ).toEqual({ n: 0 });
  return workbook;
}

describe(`crash safety (${ROUNDS} rounds each)`, () => {
  it('acknowledged edits survive SIGKILL; no partial action', async () => {
    let acknowledged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(tempDir(), `edits-${round}.mswb`);
      const { lines } = await runAndKill(['edits', path, repoRoot], 'open', 1500);
      const acks = lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      acknowledged += acks.length;
      const workbook = reopenAndCheck(path);
      for (const n of acks.filter((a) => a % 2 === 0)) {
        expect(workbook.db.prepare('SELECT 1 FROM unit WHERE name = ?').get(`崩溃测试-${n}`), `org ${n}`).toBeTruthy();
      }
      const remarks = (workbook.db.prepare('SELECT remark FROM task WHERE id <= 5 ORDER BY id').all() as { remark: string }[]).map(
        (r) => r.remark,
      );
      // one action sets all five: they are always equal, and no older than the last acknowledged batch
      expect(new Set(remarks).size).toBe(1);
      const lastBatch = Math.max(0, ...acks.filter((a) => a % 2 === 1));
      if (lastBatch > 0) expect(Number(remarks[0]?.replace('批次-', ''))).toBeGreaterThanOrEqual(lastBatch);
      workbook.close();
    }
    expect(acknowledged).toBeGreaterThan(0);
    console.info(`[crash] edits: ${ROUNDS} kills, ${acknowledged} acknowledged actions, all present, integrity ok`);
  }, 600_000);

  it('an import killed halfway leaves nothing or everything', async () => {
    const dir = tempDir();
    const csv = join(dir, 'budget.csv');
    const lines = 30_000;
    writeFileSync(csv, ['科目编码,科目名称,金额', ...Array.from({ length: lines }, (_, i) => `2050202,行${i},${100 + i}`)].join('\n'));
    const outcomes = { none: 0, all: 0 };
    // kills spread over the whole import as this machine runs it (a fixed bound would miss it on a slower one)
    const span =
      (await runAndKill(['import', join(dir, 'calibrate.mswb'), repoRoot, csv], 'importing', Number.POSITIVE_INFINITY)).killedAfterMs * 1.3;
    for (let round = 0; round < Math.max(3, Math.ceil(ROUNDS / 2)); round++) {
      const path = join(dir, `import-${round}.mswb`);
      const { lines: said } = await runAndKill(['import', path, repoRoot, csv], 'importing', span);
      const workbook = reopenAndCheck(path);
      const row = workbook.db
        .prepare("SELECT COUNT(l.id) AS n FROM scenario s LEFT JOIN budget_line l ON l.baseline_id = s.id WHERE s.name = '崩溃测试导入'")
        .get() as { n: number };
      expect([0, lines]).toContain(row.n);
      if (said.includes('ack import')) expect(row.n).toBe(lines);
      outcomes[row.n === 0 ? 'none' : 'all']++;
      workbook.close();
    }
    expect(outcomes.none + outcomes.all).toBeGreaterThan(0);
    console.info(
      `[crash] import: ${outcomes.none + outcomes.all} kills — ${outcomes.none} left nothing, ${outcomes.all} complete, none partial`,
    );
  }, 600_000);

  it('a migration killed halfway leaves the old schema intact or the new one complete, with a backup first', async () => {
    const dir = tempDir();
    // the shipped migrations plus a slow one, so that a kill can land inside it
    const root = join(dir, 'app');
    mkdirSync(join(root, 'db'), { recursive: true });
    cpSync(join(repoRoot, 'db'), join(root, 'db'), { recursive: true });
    writeFileSync(
      join(root, 'db', 'migrations', `${String(latestSchemaVersion + 1).padStart(4, '0')}_slow_test.sql`),
      `CREATE TABLE slow_test (n INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;
       WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 400000)
       INSERT INTO slow_test SELECT n, printf('%08d', n) FROM c;`,
    );
    const slowResources = resourcesAt(root);
    const seen = { old: 0, migrated: 0 };
    // the span of a whole open with its backup and the slow migration, measured once on this machine
    const calibration = join(dir, 'calibrate.mswb');
    openWorkbook(calibration, { resources, actor: 'setup', create: true }).close();
    const span = (await runAndKill(['migration', calibration, repoRoot, root], 'opening', Number.POSITIVE_INFINITY)).killedAfterMs * 1.3;
    for (let round = 0; round < Math.max(3, Math.ceil(ROUNDS / 2)); round++) {
      const path = join(dir, `migrate-${round}.mswb`);
      openWorkbook(path, { resources, actor: 'setup', create: true }).close();
      const { lines } = await runAndKill(['migration', path, repoRoot, root], 'opening', span);
      // straight after the kill, before anything repairs it: either all of the slow migration or none of it
      const raw = openDatabase(path, { readonly: true, fileMustExist: true });
      const version = (raw.prepare('SELECT MAX(version) AS v FROM schema_migration').get() as { v: number }).v;
      const hasTable = raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'slow_test'").get() !== undefined;
      if (version === latestSchemaVersion) {
        expect(hasTable).toBe(false);
        seen.old++;
      } else {
        seen.migrated++;
        expect(version).toBe(latestSchemaVersion + 1);
        expect(raw.prepare('SELECT COUNT(*) AS n FROM slow_test').get()).toEqual({ n: 400_000 });
      }
      raw.close();
      // open with the slow migrations: it completes now if it did not before
      const workbook = reopenAndCheck(path, slowResources);
      expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM slow_test').get()).toEqual({ n: 400_000 });
      if (lines.includes('ack migrated') || lines.includes('open'))
        expect(listBackups(path).some((b) => b.reason === 'migration' && b.verified)).toBe(true);
      workbook.close();
    }
    console.info(
      `[crash] migration: ${seen.old + seen.migrated} kills — ${seen.old} old schema intact, ${seen.migrated} new schema complete`,
    );
  }, 600_000);
});
