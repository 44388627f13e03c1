import { basename, resolve } from 'node:path';
import { loadMigrations } from '../app/store/migrations';
import { connectServer } from '../app/store/pg/server-connection';
import { requireServerAddress } from '../app/store/pg/server-address';
import { publishWorkbook, takeLocalCopy, type TransferSummary } from '../app/store/pg/workbook-transfer';
import type { Workbook, WorkbookResources } from '../app/store/workbook';

/**
 * The team-workbook commands: `upload` (上传到服务器) and `local-copy` (另存为本地副本). The password is never an
 * argument: the driver reads PGPASSWORD (or the user's ~/.pgpass) as libpq does.
 */

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
      workbook.file,
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
