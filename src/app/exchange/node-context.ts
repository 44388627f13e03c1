import { dirname, join } from 'node:path';
import { RecentWorkbooks } from '../recent-workbooks';
import { ServerPasswords } from '../server-passwords';
import type { HandlerContext } from '../handlers/context';
import { PresetDialogs } from '../handlers/preset-dialogs';
import { WorkbenchError } from '../../shared/result';
import type { WorkbookSession } from '../session';
import { resourcesAt, type Workbook } from '../store/workbook';
import { bundledWorker } from './dev-worker';
import { nodeSpreadsheetParser } from './node-parser';
import type { SpreadsheetParser } from './parse-protocol';
import { PendingFiles } from './pending-files';

/**
 * The handler context outside Electron (CLI, integration tests, the Playwright harness): dialogs answered in
 * advance, and the file parser as a Node child process running the worker bundled from source (dev-worker.ts), or
 * the one `parserWorker` names (the CLI's bundle carries its own).
 */
export function nodeHandlerContext(
  session: WorkbookSession,
  repoRoot: string,
  parserWorker: () => string = () => bundledWorker(join(repoRoot, 'src', 'app', 'exchange', 'parse-worker.ts'), repoRoot),
  spreadsheets: SpreadsheetParser = nodeSpreadsheetParser(parserWorker),
): HandlerContext & { dialogs: PresetDialogs } {
  return {
    get workbook(): Workbook {
      return session.workbook;
    },
    session,
    dialogs: new PresetDialogs(),
    spreadsheets,
    pending: new PendingFiles(),
    pendingPlans: new PendingFiles(),
    recent: new RecentWorkbooks(join(dirname(session.path), 'recent-workbooks.json')),
    // this run only; the harness swaps in the ones its opener shares, with a key store (app-in-chromium.ts)
    passwords: new ServerPasswords(),
    resources: resourcesAt(repoRoot),
    localFolder: join(dirname(session.path), 'local-copies'),
    // set by a host that has a page to print (the Playwright harness, the CLI's report command)
    printer: {
      toPdf: async () => {
        throw new WorkbenchError('internal', '此环境没有可打印的页面。');
      },
    },
  };
}
