import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledWorker } from '../../src/app/exchange/dev-worker';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { handlers } from '../../src/app/handlers';
import { dispatch } from '../../src/app/ipc/dispatch';
import { WorkbookSession } from '../../src/app/session';
import type { Workbook } from '../../src/app/store/workbook';
import type { Result } from '../../src/shared/result';

/** What the team-workbook tests, the concurrency clients and the bench share: the worker, and calling channels. */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The store's PostgreSQL worker, bundled from source as the CLI's and the app's builds bundle it. */
export function syncWorkerScript(): string {
  return bundledWorker(join(repoRoot, 'src', 'app', 'store', 'pg', 'sync-worker.ts'), repoRoot, 'pg-sync-worker');
}

/** Calls channels on an open workbook (a file or a team workbook) as the page would, answering the raw results. */
export function channelsOf(workbook: Workbook): (channel: string, input?: unknown) => Promise<Result<unknown>> {
  const context = nodeHandlerContext(new WorkbookSession(workbook.path, () => workbook).adopt(workbook), repoRoot);
  return (channel, input = {}) => dispatch(handlers, context, channel, input);
}

/** The same, answering each call's value and throwing "<channel>: <message>" on a refusal. */
export function answersOf(workbook: Workbook): (channel: string, input?: unknown) => Promise<unknown> {
  const call = channelsOf(workbook);
  return async (channel, input = {}) => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
}
