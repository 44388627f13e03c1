import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { contentSecurityPolicy, injectNonce, mimeTypeFor, resolveAppPath } from './security/policy';

/**
 * Serves the built renderer for the app:// scheme. Every HTML response carries the CSP header with a fresh
 * style nonce, which the page reads from its meta tag and hands to AG Grid.
 */
export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  const relative = resolveAppPath(url);
  if (relative === null) return new Response('forbidden', { status: 403 });
  const file = normalize(join(rendererDir, relative));
  if (!file.startsWith(normalize(rendererDir))) return new Response('forbidden', { status: 403 });
  try {
    const body = await readFile(file);
    const type = mimeTypeFor(file);
    if (type.startsWith('text/html')) {
      const nonce = randomBytes(18).toString('base64');
      return new Response(injectNonce(body.toString('utf8'), nonce), {
        headers: { 'content-type': type, 'content-security-policy': contentSecurityPolicy(nonce) },
      });
    }
    return new Response(body, { headers: { 'content-type': type } });
  } catch {
    return new Response('not found', { status: 404 });
  }
}
