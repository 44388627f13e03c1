/**
 * Counts, over many cuts, how often a power cut loses acknowledged work with the settings the code has now —
 * the evidence that the power-loss test can fail. Run it after patching another `synchronous` into
 * src/app/store/connection.ts (the test itself stops at the first failure):
 *
 *   npx tsx test/reliability/power-evidence.ts [cuts=200] [actions=120]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resourcesAt } from '../../src/app/store/workbook';
import { random } from './disk-image';
import { checkCut, tracedRun } from './power-run';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const [cuts = 200, actions = 120] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'minsheng-power-'));
try {
  const shim = join(dir, 'powercut.so');
  execFileSync('gcc', [
    '-shared',
    '-fPIC',
    '-O2',
    '-o',
    shim,
    join(repoRoot, 'test', 'reliability', 'powercut-shim.c'),
    '-ldl',
    '-lpthread',
  ]);
  const resources = resourcesAt(repoRoot);
  const run = tracedRun(dir, actions, shim, repoRoot, resources);
  const rng = random(1);
  const reasons = new Map<string, number>();
  let failed = 0;
  for (let i = 0; i < cuts; i++) {
    const cut = 1 + Math.floor(rng() * run.log.entries.length);
    const problem = checkCut(run, cut, random(1000 + i), join(dir, `cut-${i}`), resources);
    if (problem) {
      failed++;
      const kind = problem.replace(/\d+/g, 'N').slice(0, 80);
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
  }
  const syncs = run.log.entries.filter((entry) => entry.kind === 'sync').length;
  console.log(`${cuts} cuts over ${run.log.entries.length} disk operations (${syncs} syncs): ${failed} lost acknowledged work or the file`);
  for (const [reason, count] of reasons) console.log(`  ${count} × ${reason}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
