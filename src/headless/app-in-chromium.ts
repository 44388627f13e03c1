/**
 * Opens the real renderer build in Chromium with the real handler table over a real workbook file.
 * Only the transport differs from the app: Playwright's exposeBinding instead of ipcMain (design.md §4), with
 * large answers loaded from the harness's local server (harness-server.ts).
 * The end-to-end tests drive it (test/harness re-exports it) and the CLI prints reports with it.
 *
 *   const { page, close } = await launchWorkbench({ dbPath: '/tmp/x.mswb' });
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { handlers } from '../app/handlers';
import { nodeHandlerContext } from '../app/exchange/node-context';
import { WorkbookSession } from '../app/session';
import { eitherHome } from '../app/either-home';
import { PasswordVault } from '../app/server-password-vault';
import { ServerPasswords } from '../app/server-passwords';
import { isServerAddress } from '../shared/workbook-address';
import { bundledWorker } from '../app/exchange/dev-worker';
import { PDF_FOOTER_TEMPLATE, PDF_HEADER_TEMPLATE, PDF_MARGINS_MM } from '../shared/print';
import { dispatch } from '../app/ipc/dispatch';
import { openWorkbook, resourcesAt, type Workbook } from '../app/store/workbook';
import type { SessionOrigin } from '../app/workbook-lock';
import { CHANNEL_NAMES } from '../shared/channel-names';
import { harnessKeyStore } from './harness-key-store';
import { ANSWER_WORKER_PATH, startHarnessServer } from './harness-server';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererDir = join(repoRoot, 'out', 'renderer');
/** Answers up to this many characters cross inside the binding call; larger ones are fetched by the answer worker. */
const INLINE_ANSWER_CHARS = 256 * 1024;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** `CHROMIUM_PATH`, else a Chromium, Chrome or Edge installed on the system. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return SYSTEM_CHROMIUMS.find((path) => existsSync(path));
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS, headless: true });
}

export interface LaunchOptions {
  dbPath: string;
  /** appended to the page address, e.g. "#report=matrix" */
  hash?: string;
  /** runs in the page before any of its scripts (the benchmark's timers) */
  initScript?: string;
  viewport?: { width: number; height: number };
  browser?: Browser;
  /** create the workbook when the file does not exist (a first start); true unless said otherwise */
  create?: boolean;
  origin?: SessionOrigin;
  /** the OS user the change log and the lock name */
  actor?: string;
  /** why the key store cannot keep passwords in this run (记住密码 disabled, as on a Linux without a keyring) */
  keyStoreProblem?: string;
}

/**
 * The passwords of one harness app: kept (记住密码) in `server-passwords.json` beside the workbook, as the app keeps
 * them beside its default workbook, encrypted by the harness key store. An app started on a team workbook's address
 * has no folder of its own: its passwords are held for the run only.
 */
function harnessPasswords(options: LaunchOptions): ServerPasswords {
  if (isServerAddress(options.dbPath)) return new ServerPasswords();
  const file = join(dirname(options.dbPath), 'server-passwords.json');
  return new ServerPasswords(new PasswordVault(file, harnessKeyStore(options.keyStoreProblem ?? null)));
}

export interface WorkbenchSession {
  page: Page;
  /** the open workbook (after a restore, the restored one) */
  readonly workbook: Workbook;
  session: WorkbookSession;
  /** what the next "open file" dialog answers (导入/打开); null cancels */
  setNextPickedFile(path: string | null): void;
  /** what the next "save as" (or "choose folder") dialog answers */
  setNextSavePath(path: string | null): void;
  /** errors the page logged (CSP violations show up here) */
  consoleErrors: string[];
  /** every channel the page has called, in order: what one click costs in round trips */
  invoked: string[];
  close(): Promise<void>;
}

/** The page as PDF with the app's page setup (A4 landscape, page numbers in the footer). */
export async function printPage(page: Page): Promise<Uint8Array> {
  const mm = (n: number): string => `${n}mm`;
  return page.pdf({
    format: 'A4',
    landscape: true,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: PDF_HEADER_TEMPLATE,
    footerTemplate: PDF_FOOTER_TEMPLATE,
    margin: {
      top: mm(PDF_MARGINS_MM.top),
      bottom: mm(PDF_MARGINS_MM.bottom),
      left: mm(PDF_MARGINS_MM.left),
      right: mm(PDF_MARGINS_MM.right),
    },
  });
}

/**
 * The page's side of the bridge: \`window.workbench[channel](input)\` as the preload offers it in the app. Plain
 * JavaScript text, not a function handed to Playwright: a function would be shipped as its transpiled source,
 * which may call helpers (esbuild's \`__name\`) that do not exist in the page.
 */
function pageBridge(channels: readonly string[]): string {
  return `(() => {
    const invokeJson = window.__workbenchInvoke;
    // a large answer waits on the harness server, fetched by the answer worker (see harness-server.ts)
    const waiting = new Map();
    let worker = null;
    function loadAnswer(id) {
      if (!worker) {
        worker = new Worker(${JSON.stringify(ANSWER_WORKER_PATH)});
        worker.onmessage = (event) => {
          const settle = waiting.get(event.data.id);
          waiting.delete(event.data.id);
          if (settle) settle(event.data);
        };
      }
      return new Promise((resolve, reject) => {
        waiting.set(id, (answer) => (answer.error ? reject(new Error(answer.error)) : resolve(answer.value)));
        worker.postMessage(id);
      });
    }
    const api = {};
    for (const name of ${JSON.stringify(channels)}) {
      api[name] = (input) => invokeJson(name, input ?? {})
        .then((text) => (text.startsWith('@') ? loadAnswer(text.slice(1)) : JSON.parse(text)));
    }
    Object.defineProperty(window, 'workbench', { value: Object.freeze(api), writable: false });
  })();`;
}

export async function launchWorkbench(options: LaunchOptions): Promise<WorkbenchSession> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`renderer build missing at ${rendererDir}: run \`npm run build\` first`);
  }
  const passwords = harnessPasswords(options);
  // a refused workbook does not stop the app: it starts in recovery, as the Electron app does
  const session = new WorkbookSession(
    options.dbPath,
    eitherHome(
      (path, how) =>
        openWorkbook(path, { resources: resourcesAt(repoRoot), actor: options.actor ?? 'e2e', origin: options.origin ?? 'app', ...how }),
      {
        serverMigrationsDir: resourcesAt(repoRoot).serverMigrationsDir,
        workerScript: () => bundledWorker(join(repoRoot, 'src', 'app', 'store', 'pg', 'sync-worker.ts'), repoRoot, 'pg-sync-worker'),
        passwords,
        origin: options.origin ?? 'app',
        actor: options.actor ?? 'e2e',
      },
    ),
  );
  // a missing file is created only where the caller says this is a first start (the tests' fresh workbooks)
  session.open({ create: options.create ?? true });
  const context = nodeHandlerContext(session, repoRoot);
  // 另存为PDF prints this page, as the app prints its window
  context.printer = { toPdf: () => printPage(page) };
  // the opener and the handlers know the same passwords, as in the app
  context.passwords = passwords;
  const ownsBrowser = options.browser === undefined;
  const browser = options.browser ?? (await launchBrowser());
  const browserContext = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await browserContext.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  const server = await startHarnessServer(rendererDir);
  // Anything the page tries to reach other than its own origin is refused, as in the app.
  await browserContext.route(
    (url) => !url.href.startsWith(`${server.origin}/`),
    (route) => route.abort(),
  );

  // Answers cross as JSON text (the contract's values are plain JSON data): small ones in the binding's reply,
  // large ones as a one-time script from the harness server (see harness-server.ts for why).
  const invoked: string[] = [];
  await page.exposeBinding('__workbenchInvoke', async (_source, channel: string, input: unknown) => {
    invoked.push(channel);
    const json = JSON.stringify(await dispatch(handlers, context, channel, input));
    return json.length <= INLINE_ANSWER_CHARS ? json : `@${server.putAnswer(json)}`;
  });
  await page.addInitScript(pageBridge([...CHANNEL_NAMES]));

  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(`${server.origin}/index.html${options.hash ?? ''}`);
  return {
    page,
    get workbook(): Workbook {
      return session.workbook;
    },
    session,
    setNextPickedFile: (path) => {
      context.dialogs.open = path;
    },
    setNextSavePath: (path) => {
      context.dialogs.save = path;
      context.dialogs.folder = path;
    },
    consoleErrors,
    invoked,
    close: async () => {
      await browserContext.close();
      if (ownsBrowser) await browser.close();
      await server.close();
      session.close();
    },
  };
}
