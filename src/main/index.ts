/**
 * Electron wiring only: everything with logic lives in modules that tests import without Electron.
 */
import { BrowserWindow, app, ipcMain, protocol, screen, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MENU_COMMAND_CHANNEL } from '../shared/commands';
import { serveAppRequest } from './app-protocol';
import { handlers, type HandlerContext } from './handlers';
import { electronDialogs } from './electron-dialogs';
import { electronSpreadsheetParser } from './exchange/electron-parser';
import { PendingFiles } from './exchange/pending-files';
import { startPeriodicBackups } from './periodic-backups';
import { RecentWorkbooks } from './recent-workbooks';
import { WorkbookSession } from './session';
import { PDF_FOOTER_TEMPLATE, PDF_HEADER_TEMPLATE, PDF_MARGINS_MM } from '../shared/print';

const mmToInches = (margins: Record<'top' | 'bottom' | 'left' | 'right', number>) =>
  Object.fromEntries(Object.entries(margins).map(([side, mm]) => [side, mm / 25.4])) as Record<'top' | 'bottom' | 'left' | 'right', number>;
import { registerIpc } from './ipc/register';
import { installMenu } from './menu';
import { sqliteBindingOverride } from './native-binding';
import { initialWindowSize, minimumWindowSize } from './window-size';
import { chooseWorkbookPath, defaultWorkbookPath, mayCreateAtStart } from './paths';
import { APP_ORIGIN, APP_SCHEME, allowNavigation, permissionDecision, secureWebPreferences, windowOpenDecision } from './security/policy';
import { openWorkbook, resourcesAt } from './store/workbook';

const here = dirname(fileURLToPath(import.meta.url));

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(() => {
    const appRoot = app.getAppPath();
    const defaultPath = defaultWorkbookPath(process.platform, process.env, homedir());
    const workbookPath = chooseWorkbookPath(process.argv, process.env, defaultPath);
    mkdirSync(dirname(defaultPath), { recursive: true });
    // a refused workbook does not stop the app: it starts with the recovery screen and the verified backups;
    // a missing one is created only on a true first start (see mayCreateAtStart), never for a mistyped --db
    const nativeBinding = sqliteBindingOverride(app.isPackaged, process.env);
    const workbookSession = new WorkbookSession(
      workbookPath,
      (path, how) => openWorkbook(path, { resources: resourcesAt(appRoot), nativeBinding, ...how, create: how?.create ?? mayCreateAtStart(path, defaultPath) }),
      nativeBinding,
    );
    const context: HandlerContext = {
      get workbook() {
        return workbookSession.workbook;
      },
      session: workbookSession,
      dialogs: electronDialogs(() => mainWindow),
      // spreadsheets from other offices are parsed in a separate, heap-capped process
      spreadsheets: electronSpreadsheetParser(join(here, 'parse-worker.js')),
      pending: new PendingFiles(),
      pendingPlans: new PendingFiles(),
      recent: new RecentWorkbooks(join(dirname(defaultPath), 'recent-workbooks.json')),
      localFolder: dirname(defaultPath),
      printer: {
        toPdf: async () => {
          if (!mainWindow) throw new Error('no window');
          return mainWindow.webContents.printToPDF({
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
    if (workbookSession.open()) {
      context.recent.add(workbookPath);
      void workbookSession.workbook.backup('open').catch(() => undefined);
    }
    startPeriodicBackups(workbookSession);
    app.on('will-quit', () => workbookSession.close());

    const rendererDir = join(here, '../renderer');
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)));
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
    // No network at all: anything that is not the app's own scheme is cancelled.
    session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !(details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('devtools:') || details.url.startsWith('data:')) });
    });
    registerIpc(ipcMain, handlers, () => context);

    // sized to the screen it opens on: scaled laptop screens leave less than 1366×768 above the taskbar
    const workArea = screen.getPrimaryDisplay().workAreaSize;
    const size = initialWindowSize(workArea);
    const minimum = minimumWindowSize(workArea);
    mainWindow = new BrowserWindow({
      ...size,
      minWidth: minimum.width,
      minHeight: minimum.height,
      title: '民生规划工作台',
      show: false,
      webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
    });
    const window = mainWindow;
    window.webContents.setWindowOpenHandler(windowOpenDecision);
    window.webContents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    window.webContents.on('will-attach-webview', (event) => event.preventDefault());
    window.once('ready-to-show', () => window.show());
    installMenu(window, (command) => window.webContents.send(MENU_COMMAND_CHANNEL, command));
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(windowOpenDecision);
  });
}
