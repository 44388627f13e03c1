/**
 * Electron wiring only: the real Electron modules handed to the start-up (startup.ts), the single-instance lock, and
 * the app-wide navigation guard. Everything with logic lives in modules that tests import without Electron.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session } from 'electron';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronDialogs } from './electron-dialogs';
import { electronSpreadsheetParser } from './electron-parser';
import { APP_SCHEME, allowNavigation, windowOpenDecision } from './security/policy';
import { START_FAILED_TITLE, startFailureMessage, startWorkbench, type Started } from './startup';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let started: Started | null = null;
  // a workbook double-clicked while the app runs arrives here, in the argv of the instance that just quit
  app.on('second-instance', (_event, argv) => void started?.secondInstance(argv));

  app
    .whenReady()
    .then(() =>
      startWorkbench(
        {
          app,
          dialog,
          ipcMain,
          protocol,
          session,
          screen,
          safeStorage,
          createWindow: (options) => new BrowserWindow(options),
          installMenu: (window, template) => {
            Menu.setApplicationMenu(Menu.buildFromTemplate(template));
            if (process.platform !== 'darwin') window.setMenuBarVisibility(false);
          },
          spreadsheetParser: electronSpreadsheetParser,
          dialogs: electronDialogs,
        },
        {
          argv: process.argv,
          env: process.env,
          platform: process.platform,
          home: homedir(),
          here: dirname(fileURLToPath(import.meta.url)),
        },
      ),
    )
    .then((result) => {
      started = result;
    })
    .catch((error: unknown) => {
      // only reached if Electron itself fails before the start-up can report: still never a silent process
      dialog.showErrorBox(START_FAILED_TITLE, startFailureMessage(error, '启动'));
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(windowOpenDecision);
  });
}
