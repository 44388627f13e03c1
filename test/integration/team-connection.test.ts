import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbookSession } from '../../src/app/session';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { openServerWorkbook } from '../../src/app/store/pg/server-workbook';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import type { Workbook } from '../../src/app/store/workbook';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { channelsOf, syncWorkerScript } from '../support/team-workbooks';
import { newWorkbook, resources } from './helpers';

/**
 * The server goes away while a window is open on a team workbook (a restart, a cut line): the window says 连接中断
 * at its next status poll and only reads meanwhile, retries by itself without freezing, and is back to editing
 * once the server answers — no statement waits out the connection time limit, no edit is half-made.
 */
const serverMigrations = loadMigrations(resources.serverMigrationsDir);

describe.skipIf(!postgresAvailable())('a team workbook whose server goes away and comes back', () => {
  let cluster: PgCluster;
  let workbook: Workbook | undefined;
  beforeAll(() => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
  }, 60_000);
  afterAll(() => {
    workbook?.close();
    cluster?.stop();
  });

  it('turns read-only with 连接中断, retries, and edits again once the server is back', async () => {
    const address = requireServerAddress(cluster.address('office', { workbook: 'outage' }));
    const client = await connectServer(address);
    await publishWorkbook(newWorkbook().file, client, { name: 'outage', title: '', publishedFrom: '' }, serverMigrations);
    await client.end();
    workbook = openServerWorkbook(address, { origin: 'app', actor: '张三', serverMigrations, workerScript: syncWorkerScript() });
    const session = new WorkbookSession(workbook.path, () => workbook as Workbook).adopt(workbook);
    const call = channelsOf(workbook);
    expect(await call('target-update', { edits: [{ targetId: 1, field: 'note', value: '断线前' }] })).toMatchObject({ ok: true });
    expect(session.status()).toMatchObject({ readOnly: false, notice: '' });

    cluster.stopServer();
    await expect.poll(() => session.status().notice, { timeout: 3000, interval: 50 }).toMatch(/^连接中断：.*正在自动重试/);
    expect(session.status().readOnly).toBe(true);
    // an edit is refused before it starts; a read fails at once rather than waiting out the connection time limit
    const refused = await call('target-update', { edits: [{ targetId: 1, field: 'note', value: '断线中' }] });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^连接中断/) } });
    expect(await call('target-list', { planId: 1 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^连接中断/) } });
    const started = Date.now();
    expect(await call('target-list', { planId: 1 })).toMatchObject({ ok: false });
    expect(Date.now() - started).toBeLessThan(1000);

    cluster.startServer();
    // the status poll's probe finds the server within a few seconds and the connection is made again
    await expect.poll(() => session.status().notice, { timeout: 15_000, interval: 200 }).toBe('');
    expect(await call('target-update', { edits: [{ targetId: 1, field: 'note', value: '恢复后' }] })).toMatchObject({ ok: true });
    expect(cluster.psql('office', 'SELECT note FROM outage.target WHERE id = 1').trim()).toBe('恢复后');
  }, 40_000);
});
