/**
 * The process the crash tests kill: it works on a real workbook through the real handlers and prints
 * "ack N" only after the handler has answered (the transaction committed). The parent SIGKILLs it at a
 * random moment and then checks that every acknowledged change is there and nothing half-done is.
 */
import { readFileSync } from 'node:fs';

import { readCsv } from '../../src/core/exchange/csv';
import { handlers } from '../../src/app/handlers';
import { dispatch } from '../../src/app/ipc/dispatch';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { WorkbookSession } from '../../src/app/session';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';

const [mode, dbPath, repoRoot, extra] = process.argv.slice(2) as [string, string, string, string | undefined];
const resources = mode === 'migration' && extra ? resourcesAt(extra) : resourcesAt(repoRoot);
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  say('opening');
  const workbook = openWorkbook(dbPath, { resources, actor: 'crash-test', create: mode !== 'migration' });
  say('open');
  const context = nodeHandlerContext(new WorkbookSession(dbPath, () => workbook).adopt(workbook), repoRoot);
  const call = async (channel: string, input: unknown): Promise<void> => {
    const result = await dispatch(handlers, context, channel, input);
    if (!result.ok) throw new Error(result.error.message);
  };
  if (mode === 'edits') {
    for (let n = 1; ; n++) {
      if (n % 2 === 0) await call('org-add', { name: `崩溃测试-${n}` });
      else await call('task-update', { edits: [1, 2, 3, 4, 5].map((taskId) => ({ taskId, field: 'remark', value: `批次-${n}` })) });
      say(`ack ${n}`);
    }
  }
  if (mode === 'import') {
    const data = readCsv(new Uint8Array(readFileSync(extra ?? '')), 'budget.csv', 200_000);
    const token = context.pending.put(data);
    say('importing');
    await call('budget-import-apply', {
      token,
      mapping: { sheet: 'budget', headerRow: 0, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit: 'yuan' },
      baselineName: '崩溃测试导入',
    });
    say('ack import');
  }
  if (mode === 'migration') say('ack migrated');
  workbook.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(3);
  },
);
