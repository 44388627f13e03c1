import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
let built = false;

/**
 * The command that runs the CLI as `npm run cli` does: Node on the bundle in out/cli, built (or found up to date)
 * once per test process. Tests run what users run, and each run skips a second of TypeScript transforms.
 */
export function cliCommand(): [string, string] {
  if (!built) {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
    built = true;
  }
  return [process.execPath, join(repoRoot, 'out', 'cli', 'index.mjs')];
}
