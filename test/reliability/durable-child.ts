/**
 * The process whose disk the durable-writes test cuts (under powercut-shim.c): an export written twice over the
 * same name, a backup (its file and the manifest), a restore of that backup. After each step it appends a mark;
 * the exports' bytes are also copied outside the traced folder, so the test can tell a whole file from a torn one.
 */
import { copyFileSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { handlers } from '../../src/app/handlers';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { dispatch } from '../../src/app/ipc/dispatch';
import { WorkbookSession } from '../../src/app/session';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';

const [dbPath, marksPath, repoRoot, outside] = process.argv.slice(2) as [string, string, string, string];

async function main(): Promise<void> {
  const resources = resourcesAt(repoRoot);
  const session = new WorkbookSession(dbPath, (path, how) => openWorkbook(path, { resources, actor: 'durable-test', ...how }));
  if (!session.open()) throw new Error(session.failure);
  const context = nodeHandlerContext(session, repoRoot);
  const marks = openSync(marksPath, 'a');
  const mark = (text: string): void => {
    writeSync(marks, `${text}\n`);
  };
  const call = async (channel: string, input: unknown = {}): Promise<unknown> => {
    const result = await dispatch(handlers, context, channel, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const exported = join(dbPath, '..', '导出.xlsx');
  for (const n of [1, 2]) {
    await call('task-update', { edits: [{ taskId: 1, field: 'remark', value: `导出${n}` }] });
    context.dialogs.save = exported;
    await call('xlsx-export');
    copyFileSync(exported, join(outside, `export-${n}.xlsx`));
    mark(`exported ${n}`);
  }
  await call('task-update', { edits: [{ taskId: 1, field: 'remark', value: '备份前' }] });
  const [backup] = (await call('backup-create')) as { file: string }[];
  mark('backed-up');
  await call('task-update', { edits: [{ taskId: 1, field: 'remark', value: '备份后' }] });
  mark('edited');
  await call('backup-restore', { file: backup?.file });
  mark('restored');
  session.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(3);
  },
);
