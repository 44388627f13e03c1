/**
 * The security policy of the shell as small pure functions, so the same rules that main applies are the
 * ones the tests pin. A workbook holds government finance data: the page gets no Node, no network, no
 * navigation away from the app and no device permissions.
 */

/** The scheme the renderer is served from (a privileged custom protocol, never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  preload: string;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    preload: preloadPath,
  };
}

/**
 * The Content-Security-Policy. AG Grid injects its theme CSS as <style> elements; rather than allowing
 * 'unsafe-inline' they carry a per-load nonce (AG Grid's `styleNonce`). Images may be data: URLs because the
 * grid's icons are embedded SVGs. Nothing may connect anywhere.
 */
export function contentSecurityPolicy(styleNonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(styleNonce)) throw new Error('a CSP nonce must be at least 16 base64 characters');
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The page learns its nonce from a meta tag the server fills in on each load. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function injectNonce(html: string, nonce: string): string {
  return html.replaceAll(NONCE_PLACEHOLDER, nonce);
}

/** Only the app's own pages: any other URL (http, file, a different host) is refused. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export function allowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** window.open and target=_blank: never a new window. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, notifications, geolocation, clipboard-read…: every permission request is denied. */
export function permissionDecision(_permission: string): false {
  return false;
}

/** MIME types for files served by the app protocol. */
export function mimeTypeFor(path: string): string {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    mjs: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json',
    svg: 'image/svg+xml',
    png: 'image/png',
    woff2: 'font/woff2',
    woff: 'font/woff',
    ttf: 'font/ttf',
    ico: 'image/x-icon',
  };
  return types[extension] ?? 'application/octet-stream';
}

/** Resolves a request path inside the renderer folder, refusing `..` escapes. */
export function resolveAppPath(url: string): string | null {
  if (!isAppUrl(url)) return null;
  const pathname = decodeURIComponent(new URL(url).pathname);
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return null;
  return relative;
}
