// Bundles the command line into out/cli/index.mjs: one plain-JavaScript file that Node runs directly. Started
// through tsx instead, every run first transforms the CLI's few hundred TypeScript modules — a second or more of
// the whole-process time the benchmark compares with LibreOffice. npm packages stay external (the native SQLite
// binding among them), but for zod (see below). Skipped when the bundle is newer than every source file it is built from.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');
const outfile = join(outdir, 'index.mjs');

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
  rmSync(outdir, { recursive: true, force: true });
  await build({
    // the parser process's script beside the CLI: built here once, not bundled again at every command
    entryPoints: {
      index: join(root, 'src', 'cli', 'index.ts'),
      'parse-worker': join(root, 'src', 'app', 'exchange', 'parse-worker.ts'),
      // the thread holding a team workbook's PostgreSQL connection (src/app/store/pg/sync-server.ts)
      'pg-sync-worker': join(root, 'src', 'app', 'store', 'pg', 'sync-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    // shared code in chunks, and a dynamic import stays one: the report command's Chromium (playwright-core) is
    // loaded only by the report command, not at the start of every other
    splitting: true,
    // beside the entries, not in a sub-folder: modules find the repository two levels up from their own file
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // npm packages stay external, but for zod: its ESM build is some eighty small files, each resolved and read at
    // every start; bundled, the CLI starts about 25 ms sooner (measured on `help`, 8 runs each way)
    plugins: [
      {
        name: 'external-but-zod',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path === 'zod' || args.path.startsWith('zod/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
