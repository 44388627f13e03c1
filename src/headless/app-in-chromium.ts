/**
 * Opens the real renderer build in Chromium with the real handler table over a real workbook file.
 * Only the transport differs from the app: Playwright's exposeBinding instead of ipcMain (design.md §4).
 * The end-to-end tests drive it (test/harness re-exports it) and the CLI prints reports with it.
 *
 *   const { page, close } = await launchWorkbench({ dbPath: '/tmp/x.mswb' });
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { handlers } from '../main/handlers';
import { nodeHandlerContext } from '../main/exchange/node-context';
import { WorkbookSession } from '../main/session';
import { PDF_FOOTER_TEMPLATE, PDF_HEADER_TEMPLATE, PDF_MARGINS_MM } from '../shared/print';
import { dispatch } from '../main/ipc/dispatch';
import { readAppFile } from '../main/app-protocol';
import { openWorkbook, resourcesAt, type Workbook } from '../main/store/workbook';
import { CHANNEL_NAMES } from '../shared/channel-names';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererDir = join(repoRoot, 'out', 'renderer');
/** The page is served from this origin by request interception; nothing listens on a socket. */
export const HARNESS_ORIGIN = 'http://workbench.local';

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
}

export interface WorkbenchSession {
  page: Page;
  /** the open workbook (after a restore, the restored one) */
  readonly workbook: Workbook;
  session: WorkbookSession;
  /** the file the next 导入/打开 dialog will "choose"; null cancels */
  /** what the next "open file" dialog answers */
  setNextPickedFile(path: string | null): void;
  /** what the next "save as" (or "choose folder") dialog answers */
  setNextSavePath(path: string | null): void;
  /** errors the page logged (CSP violations show up here) */
  consoleErrors: string[];
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
    margin: { top: mm(PDF_MARGINS_MM.top), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left), right: mm(PDF_MARGINS_MM.right) },
  });
}

export async function launchWorkbench(options: LaunchOptions): Promise<WorkbenchSession> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`renderer build missing at ${rendererDir}: run \`npm run build\` first`);
  }
  // a damaged workbook does not stop the app: it starts in recovery, as the Electron app does
  let workbook: Workbook | null = null;
  try {
    workbook = openWorkbook(options.dbPath, { resources: resourcesAt(repoRoot), actor: 'e2e' });
  } catch {
    workbook = null;
  }
  const session = new WorkbookSession(options.dbPath, (path) => openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'e2e' }));
  if (workbook) session.adopt(workbook);
  else session.open();
  const context = nodeHandlerContext(session, repoRoot);
  // 另存为PDF prints this page, as the app prints its window
  context.printer = { toPdf: () => printPage(page) };
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

  await browserContext.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const pathname = decodeURIComponent(new URL(route.request().url()).pathname);
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    return route.fulfill(await readAppFile(rendererDir, relative));
  });
  // Anything else the page tries to reach is refused, as in the app.
  await browserContext.route((url) => !url.href.startsWith(HARNESS_ORIGIN), (route) => route.abort());

  await page.exposeBinding('__workbenchInvoke', (_source, channel: string, input: unknown) =>
    dispatch(handlers, context, channel, input),
  );
  await page.addInitScript((names: readonly string[]) => {
    const invoke = (window as unknown as { __workbenchInvoke: (channel: string, input: unknown) => Promise<unknown> }).__workbenchInvoke;
    const api = Object.fromEntries(names.map((name) => [name, (input: unknown) => invoke(name, input ?? {})]));
    Object.defineProperty(window, 'workbench', { value: Object.freeze(api), writable: false });
  }, [...CHANNEL_NAMES]);

  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(`${HARNESS_ORIGIN}/index.html${options.hash ?? ''}`);
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
    close: async () => {
      await browserContext.close();
      if (ownsBrowser) await browser.close();
      session.close();
    },
  };
}
