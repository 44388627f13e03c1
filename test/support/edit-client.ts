/**
 * One client of the concurrency test (test/integration/team-concurrency.test.ts), run as its own process so that
 * ten of them really write at once: opens the team workbook at argv[2] and makes argv[4] random edits of a few
 * shared cells through the app's real handler path, then prints what became of each as one JSON line.
 * Usage: node --import tsx edit-client.ts <address> <client name> <count, or seconds as 6s> <worker script> [notes]
 * With `notes`, only notes are edited, each acknowledged value is listed, and 连接中断 (a server restart) is
 * counted instead of failing: the client goes on, reconnecting at its next edit.
 */
import { loadMigrations } from '../../src/app/store/migrations';
import { requireServerAddress } from '../../src/app/store/pg/server-address';
import { openServerWorkbook } from '../../src/app/store/pg/server-workbook';
import { resourcesAt } from '../../src/app/store/workbook';
import { join } from 'node:path';
import { channelsOf } from './team-workbooks';

const [address = '', client = '', countText = '0', workerScript = '', mode = 'mixed'] = process.argv.slice(2);
const notesOnly = mode === 'notes';
const repoRoot = join(import.meta.dirname, '..', '..');
const resources = resourcesAt(repoRoot);
const workbook = openServerWorkbook(requireServerAddress(address), {
  origin: 'cli',
  actor: client,
  serverMigrations: loadMigrations(resources.serverMigrationsDir),
  workerScript,
});
const call = channelsOf(workbook);

/** the shared cells: three targets written in 万人 and the notes of five targets */
const QUANTITY_TARGETS = [4, 15, 16];
const NOTE_TARGETS = [1, 2, 3, 4, 5];
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

const outcome = { client, applied: 0, refused: 0, interrupted: 0, acknowledged: [] as string[], failed: [] as string[] };
const seconds = countText.endsWith('s') ? Number(countText.slice(0, -1)) : null;
const until = seconds === null ? Number.POSITIVE_INFINITY : Date.now() + seconds * 1000;
const count = seconds === null ? Number(countText) : Number.POSITIVE_INFINITY;
for (let i = 0; i < count && Date.now() < until; i++) {
  // now and then the client looks at the grid, as a person does; an edit of a cell someone changed since is stale
  if (i % 10 === 0) await call('target-list');
  const edit =
    !notesOnly && Math.random() < 0.5
      ? { targetId: pick(QUANTITY_TARGETS), field: 'actual', value: `${client.slice(1)}.${i}万人` }
      : { targetId: pick(NOTE_TARGETS), field: 'note', value: `${client}-${i}` };
  const result = await call('target-update', { edits: [edit] });
  if (result.ok) {
    // the test waits for every client to be editing before it restarts the server
    if (outcome.applied === 0) process.stderr.write('editing\n');
    outcome.applied++;
    if (notesOnly) outcome.acknowledged.push(edit.value);
  } else if (notesOnly && result.error.message.startsWith('连接中断')) outcome.interrupted++;
  else if (result.error.kind === 'conflict' && /刚被其他人修改|该单元格已被/.test(result.error.message)) outcome.refused++;
  else outcome.failed.push(result.error.message);
}
workbook.close();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
