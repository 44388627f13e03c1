import { basename, resolve } from 'node:path';
import { loadMigrations } from '../app/store/migrations';
import { connectServer } from '../app/store/pg/server-connection';
import { isServerAddress, requireServerAddress } from '../app/store/pg/server-address';
import { publishWorkbook, takeLocalCopy, type TransferSummary } from '../app/store/pg/workbook-transfer';
import type { Workbook, WorkbookResources } from '../app/store/workbook';
import { WorkbenchError } from '../shared/result';

/**
 * The team-workbook commands: `upload` (上传到服务器) and `local-copy` (另存为本地副本). The password is never an
 * argument: the driver reads PGPASSWORD (or the user's ~/.pgpass) as libpq does.
 */

/** A command other than upload/local-copy named a server workbook: say what works today instead of making a file. */
export function refuseServerWorkbook(path: string): void {
  if (isServerAddress(path))
    throw new WorkbenchError(
      'bad_input',
      '团队工作簿目前只能上传（upload）和取本地副本（local-copy）；其他命令请对本地副本（.mswb）执行。',
    );
}

export async function uploadWorkbook(
  workbook: Workbook,
  to: string,
  title: string,
  resources: WorkbookResources,
): Promise<TransferSummary & { address: string }> {
  const address = requireServerAddress(to);
  const client = await connectServer(address, { applicationName: 'minsheng-cli upload' });
  try {
    const summary = await publishWorkbook(
      workbook.db,
      client,
      { name: address.workbook, title, publishedFrom: basename(workbook.path) },
      loadMigrations(resources.serverMigrationsDir),
    );
    return { ...summary, address: address.text };
  } finally {
    await client.end();
  }
}

export async function localCopy(from: string, out: string, resources: WorkbookResources): Promise<TransferSummary & { file: string }> {
  const address = requireServerAddress(from);
  const client = await connectServer(address, { applicationName: 'minsheng-cli local-copy' });
  try {
    const file = resolve(out);
    const summary = await takeLocalCopy(client, address.workbook, file, {
      fileMigrations: loadMigrations(resources.migrationsDir),
      serverMigrations: loadMigrations(resources.serverMigrationsDir),
    });
    return { ...summary, file };
  } finally {
    await client.end();
  }
}

export function formatTransfer(summary: TransferSummary, what: string): string {
  return `${what}：${summary.tables} 张表、${summary.rows} 行，内容校验一致（${summary.digest.slice(0, 16)}）\n`;
}
