/**
 * The process whose disk the power-loss test cuts. It runs under powercut-shim.c (LD_PRELOAD), works on a real
 * workbook through the real handlers — org inserts and five-cell batch edits, with a checkpoint now and then as
 * a long session has — and appends "ack N" to a marks file only after the handler has answered. The marks file is
 * traced like the workbook, so the log says which actions had been acknowledged at any cut.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { handlers } from '../../src/app/handlers';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { dispatch } from '../../src/app/ipc/dispatch';
import { WorkbookSession } from '../../src/app/session';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';

const [dbPath, marksPath, repoRoot, actionsText] = process.argv.slice(2) as [string, string, string, string];

async function main(): Promise<void> {
  const workbook = openWorkbook(dbPath, { resources: resourcesAt(repoRoot), actor: 'power-test' });
  if (workbook.access.mode !== 'write') throw new Error('the workbook did not open for writing');
  const context = nodeHandlerContext(new WorkbookSession(dbPath, () => workbook).adopt(workbook), repoRoot);
  const marks = openSync(marksPath, 'a');
  const call = async (channel: string, input: unknown): Promise<void> => {
    const result = await dispatch(handlers, context, channel, input);
    if (!result.ok) throw new Error(result.error.message);
  };
  const actions = Number(actionsText);
  for (let n = 1; n <= actions; n++) {
    if (n % 2 === 0) await call('org-add', { name: `断电测试-${n}` });
    else await call('task-update', { edits: [1, 2, 3, 4, 5].map((taskId) => ({ taskId, field: 'remark', value: `批次-${n}` })) });
    writeSync(marks, `ack ${n}\n`);
    // what SQLite's automatic checkpoint does after 1000 pages, sooner: the cuts also land inside checkpoints
    if (n % 40 === 0) workbook.db.pragma('wal_checkpoint(PASSIVE)');
  }
  closeSync(marks);
  // a clean close too (checkpoint, the log removed, the lock released): cuts land there as well
  workbook.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(3);
  },
);
