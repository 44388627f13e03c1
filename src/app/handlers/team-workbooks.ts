import { basename } from 'node:path';
import { loadMigrations } from '../store/migrations';
import { parseServerAddress, requireServerAddress, type ServerAddress } from '../store/pg/server-address';
import { connectServer, type ServerClient } from '../store/pg/server-connection';
import { publishWorkbook, takeLocalCopy } from '../store/pg/workbook-transfer';
import type { Handler, HandlerContext } from './context';
import { opened, withWorkbookExtension } from './workbook-files';

/**
 * 团队工作簿 (文件 menu): 打开团队工作簿, 上传到服务器 and 另存为本地副本. An upload or a copy uses a connection of its
 * own, closed when it is done; an opened team workbook becomes this window's workbook (see either-home.ts). A password
 * left empty is the one the app knows for the address (typed earlier in this run, or kept in the OS key store).
 */

async function withServer<T>(
  address: ServerAddress,
  typed: string,
  context: HandlerContext,
  purpose: string,
  work: (client: ServerClient) => Promise<T>,
): Promise<T> {
  const password = await passwordFor(address, typed, context);
  const client = await connectServer(address, { password, applicationName: `minsheng-workbench ${purpose}` });
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const serverUpload: Handler<'server-upload'> = async (input, context) => {
  const address = requireServerAddress(input.address);
  const { workbook, resources } = context;
  const summary = await withServer(address, input.password, context, 'upload', (client) =>
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
  const summary = await withServer(address, input.password, context, 'local-copy', (client) =>
    takeLocalCopy(client, address, file, {
      fileMigrations: loadMigrations(resources.migrationsDir),
      serverMigrations: loadMigrations(resources.serverMigrationsDir),
      nativeBinding: context.session.nativeBinding,
    }),
  );
  return { ...summary, file };
};

/** The password typed in the dialog, else the one the app knows for the address (recalled from the key store). */
async function passwordFor(address: ServerAddress, typed: string, { passwords }: HandlerContext): Promise<string | undefined> {
  if (typed) return typed;
  await passwords.recall(address.text);
  return passwords.known(address.text);
}

/**
 * 打开团队工作簿: this window works in the team workbook from now on. The password that logged in is held for this
 * run, and kept in the OS key store when 记住密码 is ticked (taken out of it when not); the note says which.
 */
export const workbookOpenServer: Handler<'workbook-open-server'> = async (input, context) => {
  const address = requireServerAddress(input.address);
  const password = await passwordFor(address, input.password, context);
  context.session.switchTo(address.text, { password });
  const keep = input.remember;
  const notKept =
    password === undefined ? null : await context.passwords.remember(address.text, password, keep === undefined ? {} : { keep });
  const kept = keep === true && password !== undefined ? (notKept ?? '密码已保存在本机系统密钥库中。') : '';
  return opened(context, `已打开团队工作簿“${address.workbook}”：每次修改直接保存到服务器，其他人的修改一秒内显示在这里。${kept}`);
};

/** Beside 记住密码: whether the key store can keep passwords, and what is saved for the address typed so far. */
export const serverPasswordState: Handler<'server-password-state'> = async (input, { passwords }) => {
  const address = parseServerAddress(input.address);
  // an address still being typed has nothing saved, but the key store's answer is shown all the same
  return passwords.state('ok' in address ? '' : address.text);
};

/** 忘记已保存的密码: from the key store and from this run. */
export const serverPasswordForget: Handler<'server-password-forget'> = async (input, { passwords }) => {
  const address = requireServerAddress(input.address);
  passwords.forget(address.text);
  return passwords.state(address.text);
};
