/**
 * Starting the app, with Electron passed in (index.ts passes the real modules; test/unit/main/startup.test.ts passes
 * fakes and runs every step in Node). Two promises: a start that fails at any step shows a Chinese error box and
 * exits — never a process without a window that keeps the single-instance lock — and every way a workbook is named
 * (the command line at start, a file double-clicked while the app runs) opens it the way 打开工作簿 does.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  IpcMain,
  MenuItemConstructorOptions,
  Protocol,
  Screen,
  Session,
} from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MENU_COMMAND_CHANNEL } from '../shared/commands';
import { handlers, type DialogService, type HandlerContext } from '../app/handlers';
import { openWorkbookAt } from '../app/handlers/workbook-files';
import { PendingFiles } from '../app/exchange/pending-files';
import type { SpreadsheetParser } from '../app/exchange/parse-protocol';
import { systemErrorData, toErrorData } from '../app/ipc/system-errors';
import { startPeriodicBackups } from '../app/periodic-backups';
import { RecentWorkbooks } from '../app/recent-workbooks';
import { WorkbookSession } from '../app/session';
import { chooseWorkbookPath, defaultWorkbookPath, mayCreateAtStart, workbookArgument } from '../app/paths';
import { openWorkbook, resourcesAt } from '../app/store/workbook';
import { eitherHome } from '../app/either-home';
import { PasswordVault } from '../app/server-password-vault';
import { ServerPasswords } from '../app/server-passwords';
import { PDF_FOOTER_TEMPLATE, PDF_HEADER_TEMPLATE, PDF_MARGINS_MM } from '../shared/print';
import { serveAppRequest } from './app-protocol';
import { registerIpc } from './ipc/register';
import { menuTemplate } from './menu';
import { type KeyStoreApi, osKeyStore } from './os-key-store';
import { sqliteBindingOverride } from './native-binding';
import { APP_ORIGIN, APP_SCHEME, allowNavigation, permissionDecision, secureWebPreferences, windowOpenDecision } from './security/policy';
import { initialWindowSize, minimumWindowSize } from './window-size';

/** The parts of Electron the start-up uses. */
export interface Shell {
  app: Pick<App, 'getAppPath' | 'isPackaged' | 'exit' | 'on'>;
  dialog: Pick<Dialog, 'showErrorBox'>;
  ipcMain: Pick<IpcMain, 'handle'>;
  protocol: Pick<Protocol, 'handle'>;
  session: { defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'> };
  screen: Pick<Screen, 'getPrimaryDisplay'>;
  /** the OS key store, for team-workbook passwords kept with 记住密码 (usable only after ready, as all of this is) */
  safeStorage: KeyStoreApi;
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  /**
   * Installs the application menu for the window. On Windows and Linux the page draws the same menu bar itself, so
   * the window's own bar is hidden (a second bar of the same words would sit above it); the menu stays installed
   * for its role accelerators (zoom, full screen). macOS shows it in the screen's menu bar, where it belongs.
   */
  installMenu(window: BrowserWindow, template: MenuItemConstructorOptions[]): void;
  /** the parser process: an Electron utilityProcess running the bundled worker */
  spreadsheetParser(workerPath: string): SpreadsheetParser;
  /** the OS file dialogs, parented to the window when there is one */
  dialogs(window: () => BrowserWindow | null): DialogService;
}

/** What the process was started with. */
export interface StartEnvironment {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  /** the folder of the built main script (out/main) */
  here: string;
}

export interface Started {
  window: BrowserWindow;
  session: WorkbookSession;
  context: HandlerContext;
  /** a second instance was started with `argv` (a workbook double-clicked while the app runs) */
  secondInstance(argv: readonly string[]): Promise<void>;
}

export const START_FAILED_TITLE = '民生规划工作台无法启动';

/** Why the app could not start, in words a clerk can pass on: the system's reason in Chinese, never a bare code. */
export function startFailureMessage(error: unknown, step: string): string {
  const known = systemErrorData(error);
  const reason = known?.message ?? (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '程序内部错误。');
  return `${step}时出错：${reason}\n\n工作簿未被修改。请重新启动；如仍不能启动，请把这段文字告诉技术支持。`;
}

const mmToInches = (margins: Record<'top' | 'bottom' | 'left' | 'right', number>) =>
  Object.fromEntries(Object.entries(margins).map(([side, mm]) => [side, mm / 25.4])) as Record<'top' | 'bottom' | 'left' | 'right', number>;

/**
 * Runs the start-up. Resolves to the started app, or to null after the error box was shown and exit(1) asked
 * for: the caller has nothing left to do in either case.
 */
export async function startWorkbench(shell: Shell, start: StartEnvironment): Promise<Started | null> {
  let step = '确定工作簿位置';
  try {
    const appRoot = shell.app.getAppPath();
    const defaultPath = defaultWorkbookPath(start.platform, start.env, start.home);
    // the one rule for which workbook a start names (--db, MINSHENG_DB, a double-clicked file), else the default
    const chosen = chooseWorkbookPath(start.argv, start.env, defaultPath);
    const named = chosen === defaultPath ? null : chosen;
    step = '创建本机数据文件夹';
    // the local folder holds the default workbook, copies of workbooks from USB sticks, and the recent list
    mkdirSync(dirname(defaultPath), { recursive: true });

    step = '打开工作簿';
    // beside the recent list; only what the OS key store encrypted is written there
    const passwords = new ServerPasswords(
      new PasswordVault(join(dirname(defaultPath), 'server-passwords.json'), osKeyStore(shell.safeStorage, start.platform)),
    );
    const nativeBinding = sqliteBindingOverride(shell.app.isPackaged, start.env);
    // a refused workbook does not stop the app: it starts with the recovery screen and the verified backups; a
    // missing one is created only on a true first start (see mayCreateAtStart), never for a mistyped --db
    const session = new WorkbookSession(
      named ?? defaultPath,
      eitherHome(
        (path, how) =>
          openWorkbook(path, {
            resources: resourcesAt(appRoot),
            nativeBinding,
            ...how,
            create: how?.create ?? mayCreateAtStart(path, defaultPath),
          }),
        {
          serverMigrationsDir: resourcesAt(appRoot).serverMigrationsDir,
          // built beside main by electron-vite (electron.vite.config.ts)
          workerScript: () => join(start.here, 'pg-sync-worker.js'),
          passwords,
          origin: 'app',
        },
      ),
      nativeBinding,
    );
    let window: BrowserWindow | null = null;
    const context: HandlerContext = {
      get workbook() {
        return session.workbook;
      },
      session,
      dialogs: shell.dialogs(() => window),
      // spreadsheets and plan documents from other offices are parsed in a separate, heap-capped process
      spreadsheets: shell.spreadsheetParser(join(start.here, 'parse-worker.js')),
      pending: new PendingFiles(),
      pendingPlans: new PendingFiles(),
      recent: new RecentWorkbooks(join(dirname(defaultPath), 'recent-workbooks.json')),
      passwords,
      resources: resourcesAt(appRoot),
      localFolder: dirname(defaultPath),
      printer: {
        toPdf: async () => {
          if (!window) throw new Error('no window');
          return window.webContents.printToPDF({
            landscape: true,
            pageSize: 'A4',
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: PDF_HEADER_TEMPLATE,
            footerTemplate: PDF_FOOTER_TEMPLATE,
            margins: mmToInches(PDF_MARGINS_MM),
          });
        },
      },
    };
    await openNamed(context, named);
    if (session.isOpen) void session.workbook.backup('open').catch(() => undefined);
    startPeriodicBackups(session);
    shell.app.on('will-quit', () => session.close());

    step = '准备程序窗口';
    const rendererDir = join(start.here, '../renderer');
    shell.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
    const browserSession = shell.session.defaultSession;
    browserSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)));
    browserSession.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
    // no network at all: anything that is not the app's own scheme is cancelled
    browserSession.webRequest.onBeforeRequest((details, callback) => {
      callback({
        cancel: !(details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('devtools:') || details.url.startsWith('data:')),
      });
    });
    registerIpc(shell.ipcMain, handlers, () => context);

    // sized to the screen it opens on: scaled laptop screens leave less than 1366×768 above the taskbar
    const workArea = shell.screen.getPrimaryDisplay().workAreaSize;
    const minimum = minimumWindowSize(workArea);
    const opened = shell.createWindow({
      ...initialWindowSize(workArea),
      minWidth: minimum.width,
      minHeight: minimum.height,
      title: '民生规划工作台',
      show: false,
      webPreferences: secureWebPreferences(join(start.here, '../preload/index.cjs')),
    });
    window = opened;
    opened.webContents.setWindowOpenHandler(windowOpenDecision);
    opened.webContents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    opened.webContents.on('will-attach-webview', (event) => event.preventDefault());
    opened.once('ready-to-show', () => opened.show());
    shell.installMenu(
      opened,
      menuTemplate((command) => opened.webContents.send(MENU_COMMAND_CHANNEL, command)),
    );
    step = '载入程序界面';
    await opened.loadURL(`${APP_ORIGIN}/index.html`);

    return {
      window: opened,
      session,
      context,
      secondInstance: async (argv) => {
        if (opened.isMinimized()) opened.restore();
        opened.focus();
        const path = workbookArgument(argv);
        if (!path || path === session.path) return;
        try {
          const result = await openWorkbookAt(context, path);
          session.announce(result.note || `已打开工作簿：${result.path}`);
        } catch (error) {
          // the previous workbook stays open (switchTo reopens it); the page says why the new one was not opened
          session.announce(`未能打开“${path}”：${toErrorData(error).message}`);
        }
        opened.webContents.reload();
      },
    };
  } catch (error) {
    console.error('[workbench] start-up failed:', error);
    shell.dialog.showErrorBox(START_FAILED_TITLE, startFailureMessage(error, step));
    shell.app.exit(1);
    return null;
  }
}

/**
 * Opens the workbook the command line named the way 打开工作簿 does (a file on a USB stick is copied in first), or
 * the default one. A named file that cannot be opened leaves the session in recovery with the reason.
 */
async function openNamed(context: HandlerContext, named: string | null): Promise<void> {
  const { session } = context;
  if (named === null) {
    if (session.open()) context.recent.add(session.path);
    return;
  }
  try {
    const result = await openWorkbookAt(context, named);
    if (result.note) session.announce(result.note);
  } catch {
    // nothing else to do: the session stays on the named file, not open, with the reason the recovery screen shows
  }
}
