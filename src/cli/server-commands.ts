import { basename, resolve } from 'node:path';
import { loadMigrations } from '../app/store/migrations';
import { connectServer } from '../app/store/pg/server-connection';
import { requireServerAddress } from '../app/store/pg/server-address';
import { grantMember, ROLE_KINDS, ROLE_LABELS } from '../app/store/pg/server-roles';
import { upgradeServerWorkbook, type UpgradeOutcome } from '../app/store/pg/server-upgrade';
import { WorkbenchError } from '../shared/result';
import { publishWorkbook, takeLocalCopy, type TransferSummary } from '../app/store/pg/workbook-transfer';
import type { Workbook, WorkbookResources } from '../app/store/workbook';
import { terminalPassword } from './terminal-password';

/**
 * The team-workbook commands: `upload` (上传到服务器), `local-copy` (另存为本地副本) and `grant` (who may do what). The password is never an
 * argument: the driver reads PGPASSWORD (or the user's ~/.pgpass) as libpq does, else it is asked at the terminal (terminal-password.ts).
 */

export async function uploadWorkbook(
  workbook: Workbook,
  to: string,
  title: string,
  resources: WorkbookResources,
): Promise<TransferSummary & { address: string }> {
  const address = requireServerAddress(to);
  const client = await connectServer(address, { password: await terminalPassword(address), applicationName: 'minsheng-cli upload' });
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
  const client = await connectServer(address, { password: await terminalPassword(address), applicationName: 'minsheng-cli local-copy' });
  try {
    const file = resolve(out);
    const summary = await takeLocalCopy(client, address, file, {
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

/** `grant`: makes a person's login role a member of the workbook as 管理员, 编辑, 单位填报 (with --org) or 只读. */
export async function grant(
  at: string,
  member: { role: string; as: string; org?: string | undefined; name?: string | undefined },
): Promise<string> {
  const address = requireServerAddress(at);
  const kind = ROLE_KINDS.find((candidate) => ROLE_LABELS[candidate] === member.as || candidate === member.as);
  if (!kind) throw new WorkbenchError('bad_input', `--as 应为 ${ROLE_KINDS.map((k) => ROLE_LABELS[k]).join('、')} 之一`);
  if (kind === 'reporter' && !member.org) throw new WorkbenchError('bad_input', '单位填报需要用 --org 指明其责任单位');
  const client = await connectServer(address, { password: await terminalPassword(address), applicationName: 'minsheng-cli grant' });
  try {
    await grantMember(client, address.workbook, { role: member.role, kind, orgName: member.org, displayName: member.name });
  } finally {
    await client.end();
  }
  return `已把数据库用户 ${member.role}${member.name ? `（${member.name}）` : ''}设为团队工作簿“${address.workbook}”的${ROLE_LABELS[kind]}${kind === 'reporter' ? `（${member.org ?? ''}）` : ''}。\n`;
}

/** `upgrade`: brings a team workbook to this version's schema (its owner, after a pg_dump backup). */
export async function upgrade(at: string, resources: WorkbookResources): Promise<UpgradeOutcome & { address: string }> {
  const address = requireServerAddress(at);
  const client = await connectServer(address, { password: await terminalPassword(address), applicationName: 'minsheng-cli upgrade' });
  try {
    return {
      ...(await upgradeServerWorkbook(client, address.workbook, loadMigrations(resources.serverMigrationsDir))),
      address: address.text,
    };
  } finally {
    await client.end();
  }
}

export function formatUpgrade(outcome: UpgradeOutcome & { address: string }): string {
  if (outcome.applied.length === 0) return `团队工作簿已是最新的数据结构版本（${outcome.to}），无需升级。\n`;
  return `已把团队工作簿从数据结构版本 ${outcome.from} 升级到 ${outcome.to}（${outcome.applied.join('；')}），权限已按新的表重新设定。\n`;
}
