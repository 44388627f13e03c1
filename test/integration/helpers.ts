import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { handlers } from '../../src/main/handlers';
import type { HandlerContext } from '../../src/main/handlers/context';
import type { PresetDialogs } from '../../src/main/handlers/preset-dialogs';
import { nodeHandlerContext } from '../../src/main/exchange/node-context';
import { WorkbookSession } from '../../src/main/session';
import { dispatch } from '../../src/main/ipc/dispatch';
import { loadMigrations } from '../../src/main/store/migrations';
import { openWorkbook, resourcesAt, type Workbook } from '../../src/main/store/workbook';

export const repoRoot = join(__dirname, '..', '..');
export const resources = resourcesAt(repoRoot);
/** The schema version a new workbook has: the number of the last migration shipped. */
export const latestSchemaVersion = loadMigrations(resources.migrationsDir).at(-1)?.version ?? 0;

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
export function newWorkbook(file = join(tempDir(), 'test.mswb')): Workbook {
  const workbook = openWorkbook(file, { resources, actor: 'tester' });
  cleanups.push(() => {
    if (workbook.db.open) workbook.close();
  });
  return workbook;
}

export function contextFor(workbook: Workbook): HandlerContext & { dialogs: PresetDialogs } {
  const session = new WorkbookSession(workbook.path, (path) => openWorkbook(path, { resources, actor: 'tester' })).adopt(workbook);
  cleanups.push(() => session.close());
  return nodeHandlerContext(session, repoRoot);
}

/** Calls channels as the page would; `dialogs` answers the file dialogs the handlers open. */
export function invoker(workbook: Workbook, context = contextFor(workbook)) {
  return Object.assign((channel: string, input: unknown) => dispatch(handlers, context, channel, input), { dialogs: context.dialogs });
}
