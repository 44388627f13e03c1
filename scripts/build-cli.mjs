// Bundles the command line into out/cli/index.mjs: one plain-JavaScript file that Node runs directly. Started
// through tsx instead, every run first transforms the CLI's few hundred TypeScript modules — a second or more of
// the whole-process time the benchmark compares with LibreOffice. npm packages stay external (the native SQLite
// binding among them). Skipped when the bundle is newer than every source file it is built from.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'out', 'cli', 'index.mjs');

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const built = (() => {
  try {
    return statSync(outfile).mtimeMs;
  } catch {
    return 0;
  }
})();
if (built < newestSource(join(root, 'src'))) {
  await build({
    entryPoints: [join(root, 'src', 'cli', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
