import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { handlers } from '../../src/app/handlers';
import type { HandlerContext } from '../../src/app/handlers/context';
import type { PresetDialogs } from '../../src/app/handlers/preset-dialogs';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { WorkbookSession } from '../../src/app/session';
import { dispatch } from '../../src/app/ipc/dispatch';
import { latestVersion, loadMigrations } from '../../src/app/store/migrations';
import type { FileDb } from '../../src/app/store/connection';
import { type FileWorkbook, openWorkbook, resourcesAt, type Workbook } from '../../src/app/store/workbook';
import { cliCommand } from '../cli-bundle';

export const repoRoot = join(__dirname, '..', '..');
export const resources = resourcesAt(repoRoot);
/** The schema version a new workbook has: the number of the last migration shipped. */
export const latestSchemaVersion = latestVersion(loadMigrations(resources.migrationsDir));

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A fresh directory removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new workbook file with the default plan, closed after the test. */
export function newWorkbook(file = join(tempDir(), 'test.mswb')): FileWorkbook {
  const workbook = openWorkbook(file, { resources, actor: 'tester', create: true });
  cleanups.push(() => {
    if (workbook.db.open) workbook.close();
  });
  return workbook;
}

export function contextFor(workbook: Workbook): HandlerContext & { dialogs: PresetDialogs } {
  const session = new WorkbookSession(workbook.path, (path, how) => openWorkbook(path, { resources, actor: 'tester', ...how })).adopt(
    workbook,
  );
  cleanups.push(() => session.close());
  return nodeHandlerContext(session, repoRoot);
}

/** Calls channels as the page would; `dialogs` answers the file dialogs the handlers open. */
export function invoker(workbook: Workbook, context = contextFor(workbook)) {
  return Object.assign((channel: string, input: unknown) => dispatch(handlers, context, channel, input), { dialogs: context.dialogs });
}

/** Runs the CLI as a user would (a subprocess on the bundle `npm run cli` runs): exit code, stdout, stderr. */
export function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const [node, entry] = cliCommand();
  const result = spawnSync(node, [entry, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Every file in a folder (and its sub-folders) with the SHA-256 of its bytes: equal before and after means
 * nothing was written, created, renamed or removed there.
 */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else state[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir, '');
  return state;
}

/** The SQLite connection of a workbook that is a file (backups, hashes); a team workbook has none. */
export function fileDb(workbook: Workbook): FileDb {
  if (!workbook.file) throw new Error(`${workbook.path} is not a workbook file`);
  return workbook.file;
}
