import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import pg from 'pg';
import { ANSWERED, type SyncAnswer, type SyncConnectionConfig, type SyncRequest } from './sync-protocol';

/**
 * Holds one PostgreSQL connection for a store that works synchronously (sync-server.ts): runs each request as
 * it comes, posts the answer, then raises the shared counter the store is waiting on. One request at a time.
 */

const INT8 = 20;
const NUMERIC = 1700;

/** bigint and numeric (sum() of bigint) as numbers, as SQLite gives them; past 2^53 a refusal, never a rounding */
function exactNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))
    throw new Error(`value ${text} is beyond what the app handles exactly`);
  return value;
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC ? exactNumber : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const { config, shared, port } = workerData as { config: SyncConnectionConfig; shared: SharedArrayBuffer; port: MessagePort };
const answered = new Int32Array(shared);

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

const client = new pg.Client({
  host: config.host,
  port: config.port,
  database: config.database,
  user: config.user,
  ...(config.password !== undefined ? { password: config.password } : {}),
  ...(config.ssl ? { ssl: config.ssl } : {}),
  application_name: config.applicationName,
  statement_timeout: config.statementTimeout,
  connectionTimeoutMillis: 10_000,
  types,
});
let lost = false;
client.on('error', () => {
  lost = true;
});

async function start(): Promise<void> {
  try {
    await client.connect();
    await client.query(`SET search_path TO ${config.schema}`);
    post({ seq: 0, ok: true, rows: [], rowCount: 0, fields: [], command: '' });
  } catch (error) {
    post({ ...failure(0, error), seq: -1 });
    return;
  }
  port.on('message', (request: SyncRequest) => {
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

parentPort?.on('message', (message: unknown) => {
  if (message === 'close') void client.end().finally(() => process.exit(0));
});
void start();
