import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { openServerWorkbook } from '../../src/app/store/pg/server-workbook';
import { SyncServerConnection } from '../../src/app/store/pg/sync-server';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import { openWorkbook, resourcesAt, type Workbook } from '../../src/app/store/workbook';
import { postgresBinaries, startPgCluster } from '../support/pg-cluster';
import { type BenchRow, measure } from './measure';
import { answersOf, syncWorkerScript } from '../support/team-workbooks';

/**
 * Team workbooks on a local PostgreSQL server (a private cluster started for the run): one edit through the app
 * against a bare UPDATE through the same driver and connection, and opening the 100,000-line budget view from
 * the server against opening it from the file.
 */
export async function teamWorkloads(env: { repoRoot: string; template: string; big: string; runs: number }): Promise<BenchRow[]> {
  if (!postgresBinaries()) return [];
  const resources = resourcesAt(env.repoRoot);
  const serverMigrations = loadMigrations(resources.serverMigrationsDir);
  const workerScript = syncWorkerScript();
  const cluster = startPgCluster();
  const opened: Workbook[] = [];
  try {
    cluster.createDatabase('bench');
    const publish = async (path: string, name: string) => {
      const file = openWorkbook(path, { resources, actor: 'bench' });
      const address = requireServerAddress(cluster.address('bench', { workbook: name }));
      const client = await connectServer(address);
      await publishWorkbook(file.file, client, { name, title: name, publishedFrom: path }, serverMigrations);
      await client.end();
      file.close();
      return address;
    };
    const openServer = (address: ReturnType<typeof requireServerAddress>) => {
      const workbook = openServerWorkbook(address, { origin: 'cli', actor: 'bench', serverMigrations, workerScript });
      opened.push(workbook);
      return workbook;
    };
    const rows: BenchRow[] = [];

    // 1. one edit's round trip: the handler path (check, plan, one journaled transaction, the answer) vs one UPDATE
    const small = await publish(env.template, 'small');
    const workbook = openServer(small);
    const call = answersOf(workbook);
    let n = 0;
    const ours = await measure(
      () => call('target-update', { edits: [{ targetId: 4, field: 'actual', value: `${3 + (n++ % 50) / 100}万人` }] }),
      {
        runs: env.runs * 4,
      },
    );
    const raw = new SyncServerConnection(small, { workerScript });
    const baseline = await measure(() => raw.query('UPDATE target SET actual = $1 WHERE id = $2', [30_000 + (n++ % 50), 4]), {
      runs: env.runs * 4,
    });
    raw.close();
    // the journaled edit is a score of statements, each a round trip, so the ratio says how many; what a user waits
    // for is the absolute time, which is the promise
    rows.push({
      workload: '团队工作簿：改一格的往返（本机 PostgreSQL）',
      ours,
      baseline,
      unit: 'ms',
      target: null,
      limit: 50,
      note: '对比同一驱动的一条 UPDATE',
    });

    // 2. the 100,000-line budget view, opened fresh, from the server and from the file
    const big = await publish(env.big, 'big');
    const fromServer = await measure(
      async () => {
        const server = openServer(big);
        await answersOf(server)('budget-view', {});
        server.close();
      },
      { runs: env.runs, warmup: 1, warmupMs: 0 },
    );
    const fromFile = await measure(
      async () => {
        const file = openWorkbook(env.big, { resources, actor: 'bench' });
        await answersOf(file)('budget-view', {});
        file.close();
      },
      { runs: env.runs, warmup: 1, warmupMs: 0 },
    );
    rows.push({
      workload: '团队工作簿：打开 100,000 行预算视图',
      ours: fromServer,
      baseline: fromFile,
      unit: 'ms',
      target: 3,
      note: '对比从本地文件打开',
    });
    return rows;
  } finally {
    for (const workbook of opened) workbook.close();
    cluster.stop();
  }
}
