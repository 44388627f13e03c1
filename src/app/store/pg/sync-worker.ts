import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import pg from 'pg';
import { clientConfig } from './client-config';
import {
  ANSWERED,
  changeChannel,
  CONNECTION_LOST,
  HEARTBEAT,
  HEARTBEAT_MS,
  OTHERS_COMMITTED,
  type SyncAnswer,
  type SyncConnectionConfig,
  type SyncRequest,
} from './sync-protocol';

/**
 * Holds one PostgreSQL connection for a store that works synchronously (sync-server.ts): runs each request as
 * it comes, posts the answer, then raises the shared counter the store is waiting on. One request at a time.
 */

const { config, shared, port } = workerData as { config: SyncConnectionConfig; shared: SharedArrayBuffer; port: MessagePort };
const answered = new Int32Array(shared);
// alive: the store waiting on an answer watches this (sync-server.ts); unref'd, it keeps nothing running
setInterval(() => Atomics.add(answered, HEARTBEAT, 1), HEARTBEAT_MS).unref();

function post(answer: SyncAnswer): void {
  port.postMessage(answer);
  Atomics.store(answered, ANSWERED, answer.seq);
  Atomics.notify(answered, ANSWERED);
}

/** Errors after which the connection is gone: the store reconnects for its next request. */
function isLost(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return (
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03'].includes(code) ||
    /Connection terminated|not queryable|ended|EPIPE/i.test(String(error))
  );
}

function failure(seq: number, error: unknown): SyncAnswer {
  return {
    seq,
    ok: false,
    code: String((error as { code?: unknown }).code ?? ''),
    message: error instanceof Error ? error.message : String(error),
    lost: isLost(error),
  };
}

const newClient = (): pg.Client => new pg.Client(clientConfig(config));
const client = newClient();
let lost = false;
const markLost = (): void => {
  lost = true;
  Atomics.store(answered, CONNECTION_LOST, 1);
};
client.on('error', markLost);
client.on('end', markLost);

/**
 * A second connection LISTENs on the workbook's channel and counts the commits of others (not of `client`), so
 * that the store can tell, without asking the server, that what it shows may be out of date. A lost listener
 * counts one change and tries again each second: what it missed meanwhile is unknown, so everything is reread.
 */
async function listen(): Promise<void> {
  const listener = newClient();
  const retry = (): void => {
    setTimeout(() => void listen(), 1000).unref();
  };
  listener.on('error', () => undefined);
  try {
    await listener.connect();
    listener.on('notification', (message) => {
      if (message.processId !== (client as unknown as { processID: number }).processID) Atomics.add(answered, OTHERS_COMMITTED, 1);
    });
    listener.on('end', retry);
    await listener.query(`LISTEN ${changeChannel(config.schema)}`);
    // commits made while nobody listened (before this LISTEN, after a lost one) are unknown: everything is reread
    Atomics.add(answered, OTHERS_COMMITTED, 1);
  } catch {
    listener.removeAllListeners('end');
    void listener.end().catch(() => undefined);
    retry();
  }
}

async function start(): Promise<void> {
  try {
    await client.connect();
    await client.query(`SET search_path TO ${config.schema}`);
    await listen();
    post({ seq: 0, ok: true, rows: [], rowCount: 0, fields: [], command: '' });
  } catch (error) {
    post({ ...failure(0, error), seq: -1 });
    return;
  }
  port.on('message', (request: SyncRequest) => {
    inFlight = request.seq;
    if (lost) {
      post({ seq: request.seq, ok: false, code: 'ECONNRESET', message: 'Connection terminated', lost: true });
      return;
    }
    const query: Promise<pg.QueryResult | pg.QueryArrayResult> =
      request.rowMode === 'array'
        ? client.query({ text: request.text, values: request.values, rowMode: 'array' })
        : client.query({ text: request.text, values: request.values });
    query.then(
      (result) =>
        post({
          seq: request.seq,
          ok: true,
          rows: result.rows,
          rowCount: result.rowCount ?? 0,
          fields: result.fields.map((field) => field.name),
          command: result.command,
        }),
      (error: unknown) => post(failure(request.seq, error)),
    );
  });
}

/** the request being answered: a worker that fails unexpectedly still answers it, so the store is not left waiting */
let inFlight = 0;
process.on('uncaughtException', (error) => {
  post({ seq: inFlight, ok: false, code: 'EWORKER', message: String(error), lost: true });
});
let exiting = false;
process.on('exit', () => {
  // a worker told to exit (or exiting on its own) while a request is unanswered answers it first
  if (!exiting && Atomics.load(answered, ANSWERED) !== inFlight)
    post({ seq: inFlight, ok: false, code: 'EWORKER', message: 'worker exited', lost: true });
});

parentPort?.on('message', (message: unknown) => {
  // the listener goes with the process
  if (message === 'close') {
    exiting = true;
    client.removeListener('end', markLost);
    void client.end().finally(() => process.exit(0));
  }
});
void start();
