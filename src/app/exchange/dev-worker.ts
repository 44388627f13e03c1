import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The parser process outside the packaged app (CLI, tests, the browser harness): the worker's TypeScript
 * bundled once into plain JavaScript, so the process runs on Node alone. Run through tsx instead, every
 * module it loads passes through tsx's transform, and pdf.js (4 MB of JavaScript) took 7 s to load that way
 * against 0.7 s natively. Dependencies stay external and are resolved from the repository's node_modules,
 * which is why the bundle is written under node_modules/.cache.
 */
export function bundledWorker(entry: string, repoRoot: string, name = 'parse-worker'): string {
  // loaded here, not with the module: the CLI's bundle has its worker prebuilt and need not load esbuild at all
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    outfile: `${name}.mjs`,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const out = join(repoRoot, 'node_modules', '.cache', `minsheng-${name}`, `${name}-${hash}.mjs`);
  if (!existsSync(out)) {
    mkdirSync(dirname(out), { recursive: true });
    // written beside and renamed: a second process never runs a half-written file
    const temporary = `${out}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, out);
  }
  return out;
}
