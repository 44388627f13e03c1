import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAppFile } from '../main/app-protocol';

/**
 * The harness's page origin: a server on 127.0.0.1 serving the renderer build (with the app's CSP, through the
 * same readAppFile as the app:// protocol) and, once each, large handler answers as JSON. Playwright moves a
 * binding's answer into the page through the DevTools protocol at about 1 MB per second — the 39 MB of 100,000
 * budget rows took 27 s, where Electron's IPC takes well under one — so an answer above a few hundred kilobytes
 * is fetched instead by the page's answer worker (below), which the page's CSP allows.
 */
export interface HarnessServer {
  origin: string;
  /** Keeps one answer for the page to load once; returns its id. */
  putAnswer(json: string): string;
  close(): Promise<void>;
}

/** Where the page's answer worker is served from. */
export const ANSWER_WORKER_PATH = '/__harness/answer-worker.js';

/**
 * The harness's stand-in for Electron's IPC channel: a worker (allowed by the page's `worker-src 'self'`; a
 * worker runs under the policy of its own script, which this server sends without one) fetches a large answer,
 * parses it and hands it to the page by structured clone — as Electron delivers an IPC answer.
 */
const ANSWER_WORKER = `self.onmessage = (event) => {
  const id = event.data;
  fetch('/__answer/' + id + '.json')
    .then((response) => response.json())
    .then((value) => self.postMessage({ id, value }), (error) => self.postMessage({ id, error: String(error) }));
};`;

export async function startHarnessServer(rendererDir: string): Promise<HarnessServer> {
  const answers = new Map<string, string>();
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      if (pathname === ANSWER_WORKER_PATH) {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(ANSWER_WORKER);
        return;
      }
      const answer = /^\/__answer\/([0-9a-f-]{36})\.json$/.exec(pathname);
      if (answer) {
        const id = answer[1] as string;
        const json = answers.get(id);
        answers.delete(id);
        response.writeHead(json === undefined ? 404 : 200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        response.end(json ?? '');
        return;
      }
      const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
      const { status, headers, body } = await readAppFile(rendererDir, relative);
      response.writeHead(status, headers);
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    putAnswer: (json) => {
      const id = randomUUID();
      answers.set(id, json);
      return id;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
