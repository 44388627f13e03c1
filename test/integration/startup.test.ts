import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { DialogService } from '../../src/app/handlers/context';
import type { SpreadsheetParser } from '../../src/app/exchange/parse-protocol';
import { START_FAILED_TITLE, startWorkbench, type Shell, type StartEnvironment } from '../../src/main/startup';
import { newWorkbook, repoRoot, tempDir } from './helpers';

/** The start-up run in Node with a fake Electron: each step's failure must end in an error box and exit(1). */

interface FakeWindow {
  loaded: string[];
  reloads: number;
}

function fakeShell(overrides: { createWindow?: () => never; loadURL?: () => Promise<void> } = {}) {
  const errors: { title: string; content: string }[] = [];
  const exits: number[] = [];
  const windows: FakeWindow[] = [];
  const shell: Shell = {
    app: {
      getAppPath: () => repoRoot,
      isPackaged: false,
      exit: (code?: number) => void exits.push(code ?? 0),
      on: vi.fn(),
    } as unknown as Shell['app'],
    dialog: {
      showErrorBox: (title: string, content: string) => void errors.push({ title, content }),
    } as unknown as Shell['dialog'],
    ipcMain: { handle: vi.fn() } as unknown as Shell['ipcMain'],
    protocol: { handle: vi.fn() } as unknown as Shell['protocol'],
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    } as unknown as Shell['session'],
    screen: { getPrimaryDisplay: () => ({ workAreaSize: { width: 1366, height: 728 } }) } as unknown as Shell['screen'],
    // a Linux without a keyring: passwords are held for the run only
    safeStorage: { getSelectedStorageBackend: () => 'basic_text' } as unknown as Shell['safeStorage'],
    createWindow:
      overrides.createWindow ??
      (() => {
        const state: FakeWindow = { loaded: [], reloads: 0 };
        windows.push(state);
        return {
          webContents: { setWindowOpenHandler: vi.fn(), on: vi.fn(), send: vi.fn(), reload: () => void state.reloads++ },
          once: vi.fn(),
          show: vi.fn(),
          isMinimized: () => false,
          restore: vi.fn(),
          focus: vi.fn(),
          loadURL: overrides.loadURL ?? (async (url: string) => void state.loaded.push(url)),
        } as unknown as BrowserWindow;
      }),
    installMenu: vi.fn(),
    spreadsheetParser: () => ({}) as SpreadsheetParser,
    dialogs: () => ({}) as DialogService,
  };
  return { shell, errors, exits, windows };
}

function environment(dataHome: string, argv: string[] = ['electron', '.']): StartEnvironment {
  return { argv, env: { XDG_DATA_HOME: dataHome }, platform: 'linux', home: dataHome, here: join(repoRoot, 'out', 'main') };
}

describe('starting the app', () => {
  it('opens the default workbook, builds the window and loads the page', async () => {
    const { shell, errors, exits, windows } = fakeShell();
    const started = await startWorkbench(shell, environment(tempDir()));
    expect(errors).toEqual([]);
    expect(exits).toEqual([]);
    expect(started?.session.isOpen).toBe(true);
    expect(windows[0]?.loaded).toEqual(['app://workbench/index.html']);
    started?.session.close();
  });

  it('a local data folder that cannot be created (a file in its place) shows an error box and exits, with no window', async () => {
    const dir = tempDir();
    const blocked = join(dir, 'data');
    writeFileSync(blocked, 'not a folder');
    const { shell, errors, exits, windows } = fakeShell();
    expect(await startWorkbench(shell, environment(blocked))).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.title).toBe(START_FAILED_TITLE);
    expect(errors[0]?.content).toMatch(/^创建本机数据文件夹时出错：/);
    expect(errors[0]?.content).not.toMatch(/ENOTDIR|EEXIST|Error:/);
    expect(exits).toEqual([1]);
    expect(windows).toEqual([]);
  });

  it('a window that cannot be created, or a page that does not load, ends in an error box and exit(1)', async () => {
    const noWindow = fakeShell({
      createWindow: () => {
        throw new Error('GPU process isn\u2019t usable');
      },
    });
    expect(await startWorkbench(noWindow.shell, environment(tempDir()))).toBeNull();
    expect(noWindow.errors[0]?.content).toMatch(/^准备程序窗口时出错：程序内部错误。/);
    expect(noWindow.exits).toEqual([1]);

    const noPage = fakeShell({ loadURL: () => Promise.reject(new Error('ERR_FAILED (-2) loading app://workbench/index.html')) });
    expect(await startWorkbench(noPage.shell, environment(tempDir()))).toBeNull();
    expect(noPage.errors[0]?.content).toMatch(/^载入程序界面时出错：/);
    expect(noPage.exits).toEqual([1]);
  });

  it('a named file that is not a workbook starts the app on the recovery screen, not an error box', async () => {
    const dir = tempDir();
    const foreign = join(dir, '客户.mswb');
    writeFileSync(foreign, '这不是工作簿'.repeat(500));
    const { shell, errors, exits } = fakeShell();
    const started = await startWorkbench(shell, environment(dir, ['民生规划工作台.exe', foreign]));
    expect(errors).toEqual([]);
    expect(exits).toEqual([]);
    expect(started?.session.path).toBe(foreign);
    expect(started?.session.isOpen).toBe(false);
  });

  it('a workbook double-clicked while the app runs is opened the way 打开工作簿 opens it, and the page says so', async () => {
    const { shell, windows } = fakeShell();
    const started = await startWorkbench(shell, environment(tempDir()));
    const other = newWorkbook();
    other.close();
    await started?.secondInstance(['民生规划工作台.exe', other.path]);
    expect(started?.session.path).toBe(other.path);
    expect(started?.session.isOpen).toBe(true);
    expect(windows[0]?.reloads).toBe(1);
    expect(started?.session.takeNotice()).toBe(`已打开工作簿：${other.path}`);
    expect(started?.context.recent.list()[0]).toBe(other.path);

    // one that cannot be opened leaves the current workbook open, and the page says why
    const dir = tempDir();
    const foreign = join(dir, '坏.mswb');
    writeFileSync(foreign, Buffer.alloc(0));
    await started?.secondInstance(['民生规划工作台.exe', foreign]);
    expect(started?.session.path).toBe(other.path);
    expect(started?.session.isOpen).toBe(true);
    expect(started?.session.takeNotice()).toMatch(/^未能打开“.*坏\.mswb”：/);
    started?.session.close();
  });
});
