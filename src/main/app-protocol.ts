import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentSecurityPolicy, injectNonce, mimeTypeFor, resolveAppPath } from './security/policy';

export interface AppFileResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/**
 * Reads one file of the built renderer. Every HTML response carries the CSP header with a fresh style nonce,
 * which the page reads from its meta tag and hands to AG Grid. Used by the app:// protocol and by the test
 * harness, so the page is served the same way in both.
 */
export async function readAppFile(rendererDir: string, relativePath: string): Promise<AppFileResponse> {
  const root = normalize(rendererDir);
  const file = normalize(join(root, relativePath));
  if (!file.startsWith(root + sep)) return { status: 403, headers: {}, body: 'forbidden' };
  try {
    const body = await readFile(file);
    const type = mimeTypeFor(file);
    if (!type.startsWith('text/html')) return { status: 200, headers: { 'content-type': type }, body };
    const nonce = randomBytes(18).toString('base64');
    return {
      status: 200,
      headers: { 'content-type': type, 'content-security-policy': contentSecurityPolicy(nonce) },
      body: injectNonce(body.toString('utf8'), nonce),
    };
  } catch {
    return { status: 404, headers: {}, body: 'not found' };
  }
}

export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  const relative = resolveAppPath(url);
  if (relative === null) return new Response('forbidden', { status: 403 });
  const { status, headers, body } = await readAppFile(rendererDir, relative);
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers });
}
