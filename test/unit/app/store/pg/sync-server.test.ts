import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireServerAddress } from '../../../../../src/app/store/pg/server-address';
import { SyncServerConnection } from '../../../../../src/app/store/pg/sync-server';

/**
 * The store's thread sleeps while the worker holding the connection answers. A worker that dies or gets stuck never
 * answers: the store must notice by its heartbeat within seconds, not wait out the statement time limit (over a
 * minute, the app frozen); a worker that is slow but alive must be waited for.
 */
const fakeWorker = join(fileURLToPath(new URL('../../../../support', import.meta.url)), 'fake-sync-worker.mjs');
const address = requireServerAddress('postgres://li@127.0.0.1:5432/office?workbook=dazhou');

/** The fake reads what to do from the connection's application name (it reaches the worker in its settings). */
const connection = (behaviour: 'slow' | 'stuck'): SyncServerConnection =>
  new SyncServerConnection(address, { workerScript: fakeWorker, silenceLimit: 1000, applicationName: behaviour });

describe('waiting for the server worker', () => {
  it('gives up on a worker that stopped beating within seconds, as 连接中断, and starts a new one for the next statement', () => {
    const server = connection('stuck');
    const started = Date.now();
    expect(() => server.query('SELECT 1')).toThrow(/^连接中断：连接数据库服务器 127\.0\.0\.1 的后台线程已停止响应/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.connected).toBe(false);
    // the next statement starts a new worker (this one gets stuck too)
    expect(() => server.query('SELECT 1')).toThrow(/^连接中断/);
    server.close();
  });

  it('waits for a slow worker that is still alive', () => {
    const server = connection('slow');
    expect(server.query('SELECT 2').rows).toEqual([{ answered: 'SELECT 2' }]);
    server.close();
  });
});
