#!/usr/bin/env node
/**
 * npm run test:soak — the crash and IPC-fuzz tests with many more rounds. The rounds are passed as environment
 * variables set here (`VAR=… cmd` in package.json does not run under cmd.exe), and vitest is started with this Node
 * directly, without a shell, so a checkout path with spaces works on Windows too.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const files = [
  'test/integration/crash.test.ts',
  'test/integration/ipc-fuzz.test.ts',
  'test/integration/power-loss.test.ts',
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, [vitest, 'run', '--project', 'integration', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    CRASH_ROUNDS: process.env.CRASH_ROUNDS ?? '60',
    FUZZ_RUNS: process.env.FUZZ_RUNS ?? '2000',
    POWER_CUTS: process.env.POWER_CUTS ?? '300',
    POWER_ACTIONS: process.env.POWER_ACTIONS ?? '200',
  },
});
process.exit(run.status ?? 1);
