import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  contentSecurityPolicy,
  injectNonce,
  isAppUrl,
  permissionDecision,
  resolveAppPath,
  secureWebPreferences,
  windowOpenDecision,
} from '../../../src/main/security/policy';
import { chooseWorkbookPath, defaultWorkbookPath } from '../../../src/app/paths';

describe('security policy', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webview', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/preload.cjs',
    });
  });

  it('has a CSP with no remote origin, no inline script and a per-load style nonce', () => {
    const csp = contentSecurityPolicy('abcdefghijklmnopqrstuvwx');
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'", "'nonce-abcdefghijklmnopqrstuvwx'"]);
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(() => contentSecurityPolicy("x' 'unsafe-inline")).toThrow();
    expect(injectNonce('<meta content="__CSP_NONCE__">', 'N1')).toBe('<meta content="N1">');
  });

  it('denies navigation away from the app, new windows and every permission', () => {
    expect(isAppUrl('app://workbench/index.html')).toBe(true);
    expect(allowNavigation('app://workbench/index.html#tasks')).toBe(true);
    for (const url of ['https://example.com', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'not a url']) {
      expect(allowNavigation(url)).toBe(false);
    }
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(permissionDecision(permission)).toBe(false);
    }
  });

  it('serves only files inside the renderer folder', () => {
    expect(resolveAppPath('app://workbench/')).toBe('index.html');
    expect(resolveAppPath('app://workbench/assets/index.js')).toBe('assets/index.js');
    expect(resolveAppPath('app://workbench/../../etc/passwd')).not.toMatch(/\.\./);
    // URL parsing resolves encoded dot segments against the root, so they cannot climb out of it
    expect(resolveAppPath('app://workbench/assets/%2e%2e/%2e%2e/secret')).toBe('secret');
    expect(resolveAppPath('app://workbench/a/..%2f..%2fsecret')).toBeNull();
    expect(resolveAppPath('https://workbench/index.html')).toBeNull();
  });
});

describe('workbook location', () => {
  it('uses the local, not the roaming, app-data folder on Windows', () => {
    const path = defaultWorkbookPath(
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local', APPDATA: 'C:\\Users\\li\\AppData\\Roaming' },
      'C:\\Users\\li',
    );
    expect(path).toContain('AppData\\Local');
    expect(path).not.toContain('Roaming');
    expect(path.endsWith('.mswb')).toBe(true);
  });
  it('lets --db and MINSHENG_DB override it, in that order', () => {
    expect(chooseWorkbookPath(['electron', '.', '--db', '/x.mswb'], { MINSHENG_DB: '/y.mswb' }, '/z')).toBe('/x.mswb');
    expect(chooseWorkbookPath(['--db=/w.mswb'], {}, '/z')).toBe('/w.mswb');
    expect(chooseWorkbookPath([], { MINSHENG_DB: '/y.mswb' }, '/z')).toBe('/y.mswb');
    expect(chooseWorkbookPath([], {}, '/z')).toBe('/z');
  });
});

describe('packaging: Electron fuses and no network', () => {
  it('turns off RunAsNode, NODE_OPTIONS and the inspector, loads only from an integrity-checked asar, never auto-updates', async () => {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      build: { electronFuses: Record<string, boolean>; publish: unknown; asarUnpack: string[]; nsis: Record<string, unknown> };
    };
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(pkg.build.publish).toBeNull();
    expect(pkg.build.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(pkg.build.nsis).toMatchObject({ perMachine: false, allowElevation: false });
  });
});

describe('risky workbook locations', () => {
  it('warns about network shares and the roaming profile, not about local folders', async () => {
    const { locationWarning } = await import('../../../src/app/paths');
    const env = { APPDATA: 'C:\\Users\\a\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' };
    expect(locationWarning('\\\\server\\share\\plan.mswb', 'win32', env)).toContain('网络共享');
    expect(locationWarning('C:\\Users\\a\\AppData\\Roaming\\x\\plan.mswb', 'win32', env)).toContain('漫游');
    expect(locationWarning('C:\\Users\\a\\AppData\\Local\\x\\plan.mswb', 'win32', env)).toBe('');
    expect(locationWarning('/home/a/plan.mswb', 'linux', {})).toBe('');
  });
});
