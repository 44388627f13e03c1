/**
 * The power-loss run shared by the test (test/integration/power-loss.test.ts) and the evidence script
 * (power-evidence.ts): a traced child working on a workbook, and the check of the workbook at one cut.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbook, type WorkbookResources } from '../../src/app/store/workbook';
import { diskAfterCut, type ParsedLog, parseLog, readFolder, writeDisk } from './disk-image';

export interface TracedRun {
  log: ParsedLog;
  disk: string;
  marks: string;
  workbook: string;
}

/**
 * Creates a workbook (before tracing: that state is on the disk), then runs `script` on it under the shim with
 * the workbook, the marks file and the repository as its first arguments.
 */
export function traceChild(
  dir: string,
  shim: string,
  repoRoot: string,
  resources: WorkbookResources,
  script: string,
  extra: readonly string[] = [],
): TracedRun {
  const disk = join(dir, 'disk');
  mkdirSync(disk, { recursive: true });
  const workbook = join(disk, 'w.mswb');
  openWorkbook(workbook, { resources, actor: 'setup', create: true }).close();
  const initial = readFolder(disk, readdirSync(disk));
  const logPath = join(dir, 'powercut.log');
  const marks = join(disk, 'marks');
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'test', 'reliability', script), workbook, marks, repoRoot, ...extra],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, LD_PRELOAD: shim, POWERCUT_DIR: disk, POWERCUT_LOG: logPath },
    },
  );
  if (child.status !== 0) throw new Error(`traced child failed (${child.status}): ${child.stderr}`);
  if (!existsSync(logPath)) throw new Error(`the shim wrote no log (is ${shim} loadable?): ${child.stderr}`);
  return { log: parseLog(readFileSync(logPath), initial, disk), disk, marks, workbook };
}

/** The edit workload (power-child.ts) under the shim. */
export function tracedRun(dir: string, actions: number, shim: string, repoRoot: string, resources: WorkbookResources): TracedRun {
  return traceChild(dir, shim, repoRoot, resources, 'power-child.ts', [String(actions)]);
}

/** The marks written to the marks file before the cut, one per line. */
export function marksBefore(run: TracedRun, cut: number): string[] {
  const create = run.log.entries.find((entry) => entry.kind === 'create' && entry.path === run.marks);
  if (!create || create.kind !== 'create') return [];
  return run.log.entries
    .slice(0, cut)
    .filter((entry) => entry.kind === 'write' && entry.inode === create.inode)
    .map((entry) => (entry.kind === 'write' ? entry.data.toString('utf8') : ''))
    .join('')
    .split('\n')
    .filter((line) => line !== '');
}

/** The actions acknowledged before the cut: "ack N" lines written to the marks file by then. */
export function acknowledged(run: TracedRun, cut: number): number[] {
  return marksBefore(run, cut).flatMap((line) => (/^ack (\d+)$/.exec(line) ? [Number(line.slice(4))] : []));
}

/** Rebuilds the disk at one cut and says what, if anything, a user would have lost. */
export function checkCut(
  run: TracedRun,
  cut: number,
  rng: () => number,
  target: string,
  resources: WorkbookResources,
  ignoreSyncs = false,
): string | null {
  const files = diskAfterCut(run.log, { cut, rng, ignoreSyncs });
  writeDisk(files, run.disk, target, (name) => name === 'marks');
  const acks = acknowledged(run, cut);
  try {
    let workbook;
    try {
      workbook = openWorkbook(join(target, 'w.mswb'), { resources, actor: 'after-power-cut' });
    } catch (error) {
      return `the workbook did not open: ${(error as Error).message}`;
    }
    try {
      if (workbook.access.mode !== 'write') return `opened read-only: ${workbook.access.notice}`;
      const { db } = workbook;
      const integrity = String(db.pragma('integrity_check', { simple: true }));
      if (integrity !== 'ok') return `integrity_check: ${integrity}`;
      for (const n of acks.filter((a) => a % 2 === 0)) {
        if (!db.prepare('SELECT 1 FROM unit WHERE name = ?').get(`断电测试-${n}`)) return `acknowledged action ${n} (a new org) is lost`;
      }
      const remarks = new Set(
        (db.prepare('SELECT remark FROM task WHERE id <= 5 ORDER BY id').all() as { remark: string }[]).map((r) => r.remark),
      );
      if (remarks.size !== 1) return `a batch edit is half there: ${[...remarks].join(' / ')}`;
      const lastBatch = Math.max(0, ...acks.filter((a) => a % 2 === 1));
      const seen = Number([...remarks][0]?.replace('批次-', '') || 0);
      if (seen < lastBatch) return `acknowledged batch ${lastBatch} is lost (the file has batch ${seen})`;
      const orphan = db
        .prepare('SELECT COUNT(*) AS n FROM action a WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.action_id = a.id)')
        .get() as { n: number };
      if (orphan.n > 0) return `${orphan.n} actions without their changes`;
      return null;
    } finally {
      workbook.close();
    }
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
}
