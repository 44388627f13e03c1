import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { connectServer } from '../../src/app/store/pg/server-connection';
import { publishWorkbook } from '../../src/app/store/pg/workbook-transfer';
import { type PgCluster, postgresAvailable, startPgCluster } from '../support/pg-cluster';
import { newWorkbook, repoRoot, resources } from './helpers';
import { syncWorkerScript } from '../support/team-workbooks';

/**
 * Ten people editing the same cells of one team workbook at once, each a process of its own going through the
 * app's handlers: every edit is applied or refused with the conflict message, none is lost or half applied, and
 * the workbook ends as its journal says. A client killed in the middle leaves nothing partial behind.
 */
const CLIENTS = 10;
const EDITS_PER_CLIENT = Number(process.env.MINSHENG_CONCURRENCY_EDITS ?? 1000);
const workerScript = syncWorkerScript();
const clientScript = join(repoRoot, 'test', 'support', 'edit-client.ts');

interface Outcome {
  client: string;
  applied: number;
  refused: number;
  interrupted: number;
  acknowledged: string[];
  failed: string[];
}

function runClient(
  address: string,
  name: string,
  count: number | string,
  mode = 'mixed',
): { done: Promise<Outcome>; editing: Promise<void>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', clientScript, address, name, String(count), workerScript, mode], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let editing = (): void => undefined;
  const started = new Promise<void>((resolve) => (editing = resolve));
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    if (err.includes('editing\n')) editing();
  });
  const done = new Promise<Outcome>((resolve, reject) => {
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Outcome) : reject(new Error(`${name} exited ${code}: ${err}`))));
  });
  return { done, editing: started, kill: () => child.kill('SIGKILL') };
}

describe.skipIf(!postgresAvailable())('ten people in one team workbook', () => {
  let cluster: PgCluster;
  beforeAll(() => {
    cluster = startPgCluster();
    cluster.createDatabase('office');
  }, 60_000);
  afterAll(() => cluster?.stop());

  it(`${CLIENTS} clients × ${EDITS_PER_CLIENT} edits of shared cells: each applied or refused, none lost, the end state is the journal's`, async () => {
    const file = newWorkbook();
    const address = cluster.address('office', { workbook: 'shared' });
    const client = await connectServer(requireServerAddress(address));
    await publishWorkbook(
      file.file,
      client,
      { name: 'shared', title: '', publishedFrom: '' },
      loadMigrations(resources.serverMigrationsDir),
    );
    const actionsBefore = Number((await client.query('SELECT count(*) AS n FROM shared.action')).rows[0].n);

    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: CLIENTS }, (_, index) => runClient(address, `c${index + 1}`, EDITS_PER_CLIENT).done),
    );
    const seconds = (Date.now() - started) / 1000;
    const applied = outcomes.reduce((sum, o) => sum + o.applied, 0);
    const refused = outcomes.reduce((sum, o) => sum + o.refused, 0);
    console.log(`[concurrency] ${CLIENTS}×${EDITS_PER_CLIENT} edits in ${seconds.toFixed(1)} s: ${applied} applied, ${refused} refused`);
    expect(outcomes.flatMap((o) => o.failed)).toEqual([]);
    expect(applied + refused).toBe(CLIENTS * EDITS_PER_CLIENT);

    // every applied edit is one action with its change rows; a refused one left nothing (an edit that wrote an
    // unchanged value records no action, so the count of actions is at most the count applied)
    const actions = await client.query(
      `SELECT a.id, a.actor, count(c.id) AS changes FROM shared.action a LEFT JOIN shared.change_log c ON c.action_id = a.id
         WHERE a.id > (SELECT COALESCE(max(id), 0) FROM shared.action WHERE actor NOT LIKE 'c%') GROUP BY a.id, a.actor`,
    );
    expect(actions.rows.length).toBeGreaterThan(0);
    expect(actions.rows.length).toBeLessThanOrEqual(applied);
    expect(actions.rows.filter((row: { changes: number }) => Number(row.changes) < 1)).toEqual([]);
    expect(Number((await client.query('SELECT count(*) AS n FROM shared.action')).rows[0].n) - actionsBefore).toBe(actions.rows.length);

    // the end state is the journal replayed: each cell holds the new value of its last recorded change
    const last = await client.query(
      `SELECT DISTINCT ON (row_key, field) row_key, field, new_value FROM shared.change_log
         WHERE table_name = 'target' AND op = 'update' ORDER BY row_key, field, action_id DESC, seq DESC`,
    );
    for (const row of last.rows as { row_key: string; field: string; new_value: unknown }[]) {
      const { id } = JSON.parse(row.row_key) as { id: number };
      const current = await client.query(`SELECT ${row.field} AS value FROM shared.target WHERE id = $1`, [id]);
      expect(current.rows[0].value, `target ${id} ${row.field}`).toEqual(row.new_value);
    }

    // a client killed while it edits leaves only whole actions
    const victim = runClient(address, 'c99', 100_000);
    await victim.editing;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    victim.kill();
    await victim.done.catch(() => undefined);
    const partial = await client.query(
      `SELECT a.id FROM shared.action a WHERE a.actor = 'c99' AND NOT EXISTS (SELECT 1 FROM shared.change_log c WHERE c.action_id = a.id)`,
    );
    expect(partial.rows).toEqual([]);
    await client.end();
  }, 600_000);

  it('loses no acknowledged edit when the server restarts while three people edit; their next edits reconnect', async () => {
    const file = newWorkbook();
    const address = cluster.address('office', { workbook: 'restarted' });
    const setup = await connectServer(requireServerAddress(address));
    await publishWorkbook(
      file.file,
      setup,
      { name: 'restarted', title: '', publishedFrom: '' },
      loadMigrations(resources.serverMigrationsDir),
    );
    await setup.end();

    // each edits for 8 seconds once connected; the restart comes once all three are at it
    const clients = ['r1', 'r2', 'r3'].map((name) => runClient(address, name, '8s', 'notes'));
    await Promise.race([Promise.all(clients.map((c) => c.editing)), Promise.all(clients.map((c) => c.done))]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    cluster.restart();
    const outcomes = await Promise.all(clients.map((c) => c.done));
    expect(outcomes.flatMap((o) => o.failed)).toEqual([]);
    expect(outcomes.reduce((sum, o) => sum + o.interrupted, 0)).toBeGreaterThan(0);
    // edits went on after the restart
    expect(outcomes.every((o) => o.applied > 0)).toBe(true);

    const client = await connectServer(requireServerAddress(address));
    const recorded = await client.query(
      `SELECT a.actor, c.new_value FROM restarted.change_log c JOIN restarted.action a ON a.id = c.action_id
       WHERE c.table_name = 'target' AND c.field = 'note'`,
    );
    const kept = new Set((recorded.rows as { actor: string; new_value: string }[]).map((row) => row.new_value));
    for (const outcome of outcomes) expect(outcome.acknowledged.filter((value) => !kept.has(value))).toEqual([]);
    await client.end();
  }, 300_000);
});
