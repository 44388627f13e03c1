import { basename } from 'node:path';
import { loadMigrations } from '../store/migrations';
import { requireServerAddress, type ServerAddress } from '../store/pg/server-address';
import { connectServer, type ServerClient } from '../store/pg/server-connection';
import { publishWorkbook, takeLocalCopy } from '../store/pg/workbook-transfer';
import type { Handler } from './context';
import { opened, withWorkbookExtension } from './workbook-files';

/**
 * 团队工作簿 (文件 menu): 打开团队工作簿, 上传到服务器 and 另存为本地副本. An upload or a copy uses a connection of its
 * own, closed when it is done; an opened team workbook becomes this window's workbook (see either-home.ts).
 */

async function withServer<T>(
  address: ServerAddress,
  password: string,
  purpose: string,
  work: (client: ServerClient) => Promise<T>,
): Promise<T> {
  const client = await connectServer(address, { password: password || undefined, applicationName: `minsheng-workbench ${purpose}` });
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const serverUpload: Handler<'server-upload'> = async (input, context) => {
  const address = requireServerAddress(input.address);
  const { workbook, resources } = context;
  const summary = await withServer(address, input.password, 'upload', (client) =>
    publishWorkbook(
      workbook.file,
      client,
      { name: address.workbook, title: input.title, publishedFrom: basename(workbook.path) },
      loadMigrations(resources.serverMigrationsDir),
    ),
  );
  return { ...summary, address: address.text };
};

export const serverLocalCopy: Handler<'server-local-copy'> = async (input, context) => {
  const address = requireServerAddress(input.address);
  const { resources } = context;
  const chosen = await context.dialogs.pickWorkbookSavePath(`${address.workbook}-本地副本.mswb`);
  if (chosen === null) return null;
  const file = withWorkbookExtension(chosen);
  const summary = await withServer(address, input.password, 'local-copy', (client) =>
    takeLocalCopy(client, address.workbook, file, {
      fileMigrations: loadMigrations(resources.migrationsDir),
      serverMigrations: loadMigrations(resources.serverMigrationsDir),
      nativeBinding: context.session.nativeBinding,
    }),
  );
  return { ...summary, file };
};

/** 打开团队工作簿: this window works in the team workbook from now on; the password is remembered for this run only. */
export const workbookOpenServer: Handler<'workbook-open-server'> = (input, context) => {
  const address = requireServerAddress(input.address);
  context.session.switchTo(address.text, { password: input.password || undefined });
  return opened(context, `已打开团队工作簿“${address.workbook}”：每次修改直接保存到服务器，其他人的修改一秒内显示在这里。`);
};
