import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskAfterCut, random, writeDisk } from '../reliability/disk-image';
import { listBackups } from '../../src/app/store/backups';
import { openWorkbook } from '../../src/app/store/workbook';
import { acknowledged, checkCut, marksBefore, traceChild, type TracedRun, tracedRun as run } from '../reliability/power-run';
import { repoRoot, resources, tempDir } from './helpers';

/**
 * Issue #14, case 10: power loss. SIGKILL (crash.test.ts) keeps the kernel's page cache, so it cannot tell a
 * workbook that syncs from one that does not. Here a process works on a workbook under an LD_PRELOAD shim that
 * logs every write and sync (test/reliability/powercut-shim.c), and the folder is rebuilt as the disk would hold
 * it if the power failed after a random entry of that log (test/reliability/disk-image.ts): synced data is there,
 * everything else may or may not be. At every cut the workbook must open (never refused, never empty), pass
 * SQLite's integrity check, hold every action acknowledged before the cut, and hold no half action.
 *
 * POWER_CUTS cuts per run (npm test: 40; npm run test:soak: 300), POWER_ACTIONS actions per run.
 */
const CUTS = Number(process.env.POWER_CUTS ?? 40);
const ACTIONS = Number(process.env.POWER_ACTIONS ?? 120);
const SEED = Number(process.env.POWER_SEED ?? 20261201);

let shim = '';

// built once for the file (tempDir() folders are removed after each test)
const shimDir = mkdtempSync(join(tmpdir(), 'minsheng-shim-'));
afterAll(() => rmSync(shimDir, { recursive: true, force: true }));

beforeAll(() => {
  shim = join(shimDir, 'powercut.so');
  try {
    execFileSync(
      'gcc',
      ['-shared', '-fPIC', '-O2', '-o', shim, join(repoRoot, 'test', 'reliability', 'powercut-shim.c'), '-ldl', '-lpthread'],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      `the power-loss test needs gcc to build its LD_PRELOAD shim (apt-get install build-essential; .ci/run does): ${String(error)}`,
    );
  }
}, 60_000);

const tracedRun = (dir: string, actions: number): TracedRun => run(dir, actions, shim, repoRoot, resources);

let shipped: TracedRun | null = null;

describe(`power loss (${CUTS} cuts)`, () => {
  it('at any cut the workbook opens, passes the integrity check and holds every acknowledged action, never half of one', () => {
    const dir = tempDir();
    const run = tracedRun(dir, ACTIONS);
    shipped = run;
    const syncs = run.log.entries.filter((entry) => entry.kind === 'sync').length;
    const rng = random(SEED);
    let acknowledgedAtCuts = 0;
    for (let i = 0; i < CUTS; i++) {
      const cut = 1 + Math.floor(rng() * run.log.entries.length);
      acknowledgedAtCuts += acknowledged(run, cut).length;
      const problem = checkCut(run, cut, random(SEED + i), join(dir, `cut-${i}`), resources);
      expect(problem, `cut ${i} after entry ${cut} of ${run.log.entries.length} (seed ${SEED + i})`).toBeNull();
    }
    expect(acknowledged(run, run.log.entries.length)).toHaveLength(ACTIONS);
    console.info(
      `[power] ${CUTS} cuts over ${run.log.entries.length} logged disk operations (${syncs} syncs, ${ACTIONS} actions): every acknowledged action present at every cut (${acknowledgedAtCuts} in all), integrity ok, no partial action`,
    );
  }, 900_000);

  it('the same check fails when syncs count for nothing (what synchronous=OFF gives): it can see a power cut', () => {
    const run = shipped ?? tracedRun(tempDir(), ACTIONS);
    const dir = tempDir();
    const rng = random(SEED + 1);
    let failures = 0;
    let tried = 0;
    while (tried < CUTS && failures < 3) {
      const cut = 1 + Math.floor(rng() * run.log.entries.length);
      if (checkCut(run, cut, random(SEED + 1000 + tried), join(dir, `off-${tried}`), resources, true) !== null) failures++;
      tried++;
    }
    expect(failures).toBeGreaterThan(0);
    console.info(`[power] control without syncs: ${failures} of ${tried} cuts lost acknowledged work or the file`);
  }, 900_000);
});

/**
 * Case 9's "never fsynced": an export written twice over one name, a backup and its manifest, a restore. At every
 * cut the export is absent or one of the two whole files (never torn), a backup acknowledged is listed and whole,
 * the workbook opens under its name — before, during and after the restore — and an acknowledged restore holds.
 */
function checkDurableCut(
  run: TracedRun,
  cut: number,
  rng: () => number,
  target: string,
  exports: Buffer[],
  ignoreSyncs = false,
): string | null {
  writeDisk(diskAfterCut(run.log, { cut, rng, ignoreSyncs }), run.disk, target, (name) => name === 'marks');
  const marks = marksBefore(run, cut);
  try {
    const exported = join(target, '导出.xlsx');
    if (existsSync(exported)) {
      const bytes = readFileSync(exported);
      const which = exports.findIndex((e) => e.equals(bytes));
      if (which < 0) return `the export is torn (${bytes.length} bytes, neither whole file)`;
      if (marks.includes('exported 2') && which !== 1) return 'the second export, acknowledged, is not what the file holds';
    } else if (marks.includes('exported 1')) return 'an acknowledged export is missing';
    const workbookPath = join(target, 'w.mswb');
    if (marks.includes('backed-up') && !listBackups(workbookPath).some((entry) => entry.reason === 'manual' && entry.verified)) {
      return 'an acknowledged backup is not listed (or not whole)';
    }
    let workbook;
    try {
      workbook = openWorkbook(workbookPath, { resources, actor: 'after-power-cut' });
    } catch (error) {
      return `the workbook did not open: ${(error as Error).message}`;
    }
    try {
      const remark = (workbook.db.prepare('SELECT remark FROM task WHERE id = 1').get() as { remark: string }).remark;
      if (marks.includes('restored') && remark !== '备份前') return `an acknowledged restore is not there (remark “${remark}”)`;
      if (marks.includes('edited') && !['备份前', '备份后'].includes(remark))
        return `the workbook went back past its last edit (remark “${remark}”)`;
    } finally {
      workbook.close();
    }
    return null;
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
}

describe(`durable writes under power loss (${CUTS} cuts)`, () => {
  let durable: { run: TracedRun; exports: Buffer[] } | null = null;
  const traced = () => {
    if (durable) return durable;
    const dir = tempDir();
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    const traceRun = traceChild(dir, shim, repoRoot, resources, 'durable-child.ts', [outside]);
    durable = { run: traceRun, exports: [1, 2].map((n) => readFileSync(join(outside, `export-${n}.xlsx`))) };
    return durable;
  };

  it('exports, backups with their manifest, and restores are whole or absent at any cut, and stay once acknowledged', () => {
    const { run: traceRun, exports } = traced();
    const dir = tempDir();
    const rng = random(SEED + 7);
    for (let i = 0; i < CUTS; i++) {
      const cut = 1 + Math.floor(rng() * traceRun.log.entries.length);
      const problem = checkDurableCut(traceRun, cut, random(SEED + 7000 + i), join(dir, `cut-${i}`), exports);
      expect(problem, `cut ${i} after entry ${cut} of ${traceRun.log.entries.length} (seed ${SEED + 7000 + i})`).toBeNull();
    }
    expect(marksBefore(traceRun, traceRun.log.entries.length)).toEqual(['exported 1', 'exported 2', 'backed-up', 'edited', 'restored']);
    console.info(
      `[power] durable writes: ${CUTS} cuts over ${traceRun.log.entries.length} disk operations, exports never torn, backups and the restore held once acknowledged`,
    );
  }, 900_000);

  it('without syncs the same check finds torn or lost files', () => {
    const { run: traceRun, exports } = traced();
    const dir = tempDir();
    const rng = random(SEED + 8);
    let failures = 0;
    for (let i = 0; i < CUTS && failures < 3; i++) {
      // cuts late in the run, after the acknowledgements
      const cut = Math.floor(traceRun.log.entries.length * (0.5 + rng() / 2));
      if (checkDurableCut(traceRun, cut, random(SEED + 8000 + i), join(dir, `off-${i}`), exports, true) !== null) failures++;
    }
    expect(failures).toBeGreaterThan(0);
  }, 900_000);
});
