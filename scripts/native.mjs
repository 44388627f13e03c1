#!/usr/bin/env node
/**
 * better-sqlite3 is a native module: one build per runtime ABI. Tests and the CLI run on Node; the app runs
 * on Electron. This script keeps both without manual steps:
 *
 *   node scripts/native.mjs node [--quiet]
 *       makes sure node_modules/better-sqlite3 loads in this Node; rebuilds it from source only when the
 *       build present is for another ABI (e.g. after electron-builder rebuilt it for Electron).
 *   node scripts/native.mjs electron [-- command args…]
 *       makes sure a build for the installed Electron exists in .native-cache/ (built once per Electron
 *       version, next to the Node build rather than over it), then runs the command with
 *       MINSHENG_SQLITE_BINDING pointing at it.
 *
 * So `npm test` after `npm start`, and `npm start` after `npm test`, both work and rebuild nothing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const [target, ...rest] = process.argv.slice(2);
const quiet = rest.includes('--quiet');
const log = (message) => {
  if (!quiet) process.stderr.write(`[native] ${message}\n`);
};
const fail = (message) => {
  process.stderr.write(`[native] ${message}\n`);
  process.exit(1);
};

function nodeBuildLoads() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  return { ok: probe.status === 0, error: `${probe.stderr}` };
}

function ensureNode() {
  const first = nodeBuildLoads();
  if (first.ok) {
    log(`better-sqlite3 is built for Node ${process.version} (ABI ${process.versions.modules})`);
    return;
  }
  if (!/NODE_MODULE_VERSION|was compiled against|invalid ELF|wrong ELF|Could not locate the bindings/.test(first.error)) {
    fail(`better-sqlite3 does not load and it is not an ABI mismatch:\n${first.error}`);
  }
  log(`better-sqlite3 is built for another runtime; rebuilding for Node ${process.version} from source…`);
  const [npm, npmArgs, npmOptions] = npmCommand(['rebuild', 'better-sqlite3', '--build-from-source']);
  const rebuild = spawnSync(npm, npmArgs, { ...npmOptions, cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
  if (rebuild.status !== 0 || !nodeBuildLoads().ok) fail('rebuilding better-sqlite3 for Node failed; see the compiler output above.');
  log('rebuilt.');
}

/**
 * Programs are started with this Node and their script path, never through a shell: on Windows `shell: true` splits a
 * path with spaces (`D:\\工作 资料\\2018.mswb`) into two arguments, and `.cmd` shims need a shell to run at all.
 */
function npmCommand(args) {
  // set when this script runs under npm (npm start / npm test); npm-cli.js runs with any Node
  const npmCli = process.env.npm_execpath;
  if (npmCli && npmCli.endsWith('.js')) return [process.execPath, [npmCli, ...args], {}];
  // run directly (not under npm): npm.cmd needs the shell on Windows; these arguments hold no paths
  return ['npm', args, { shell: process.platform === 'win32' }];
}

/** A package's own bin script (node_modules/<name>/package.json "bin"), run with this Node. */
function nodeBinCommand(program, args) {
  const manifest = join(root, 'node_modules', program, 'package.json');
  if (existsSync(manifest)) {
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
    const script = typeof bin === 'string' ? bin : bin?.[program];
    if (script) return [process.execPath, [join(dirname(manifest), script), ...args]];
  }
  return [program, args];
}

function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

function ensureElectron() {
  const version = electronVersion();
  const cacheDir = join(root, '.native-cache', `electron-${version}-${process.platform}-${process.arch}`);
  const binding = join(cacheDir, 'better_sqlite3.node');
  if (!existsSync(binding)) {
    log(`building better-sqlite3 for Electron ${version} (once per Electron version)…`);
    const moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
    const scratch = join(root, '.native-cache', 'scratch-better-sqlite3');
    rmSync(scratch, { recursive: true, force: true });
    cpSync(moduleDir, scratch, {
      recursive: true,
      filter: (source) => !source.includes(`${moduleDir}/build`) && !source.includes(`${moduleDir}\\build`),
    });
    const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
    const build = spawnSync(
      process.execPath,
      [nodeGyp, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
      { cwd: scratch, stdio: 'inherit' },
    );
    if (build.status !== 0) {
      fail(
        `could not build better-sqlite3 for Electron ${version}. node-gyp needs Electron's headers, which it downloads once;\n` +
          'on a machine without internet, run `npm start` once where the headers can be fetched (they are cached in ~/.electron-gyp),\n' +
          'or package on a connected machine (README: 打包).',
      );
    }
    mkdirSync(cacheDir, { recursive: true });
    cpSync(join(scratch, 'build', 'Release', 'better_sqlite3.node'), binding);
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`using ${binding}`);
  const separator = rest.indexOf('--');
  const command = separator === -1 ? [] : rest.slice(separator + 1);
  if (command.length === 0) return;
  const [program, ...args] = command;
  const run = spawnSync(...nodeBinCommand(program, args), {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      MINSHENG_SQLITE_BINDING: binding,
      PATH: `${join(root, 'node_modules', '.bin')}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}`,
    },
  });
  process.exit(run.status ?? 1);
}

if (target === 'node') ensureNode();
else if (target === 'electron') ensureElectron();
else fail('usage: native.mjs node|electron [-- command…]');
