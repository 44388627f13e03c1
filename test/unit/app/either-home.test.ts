import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { eitherHome } from '../../../src/app/either-home';
import { ServerPasswords } from '../../../src/app/server-passwords';
import { LoginRefused } from '../../../src/app/store/pg/server-connection';
import type { OpenServerWorkbookOptions } from '../../../src/app/store/pg/server-workbook';
import type { Workbook } from '../../../src/app/store/workbook';
import { WorkbenchError } from '../../../src/shared/result';

/** What the server does with the next login, and the passwords it was offered. */
const server = vi.hoisted(() => ({ refuse: null as Error | null, offered: [] as (string | undefined)[] }));
vi.mock('../../../src/app/store/pg/server-workbook', () => ({
  openServerWorkbook: (_address: unknown, options: OpenServerWorkbookOptions) => {
    server.offered.push(options.password);
    if (server.refuse) throw server.refuse;
    return {};
  },
}));

const ADDRESS = 'postgres://li_si@db.local:5432/office?workbook=dazhou_2027';
const wrongPassword = (): Error => new LoginRefused('storage', '数据库用户“li_si”的密码错误，或该用户不存在。');

function opener(passwords: ServerPasswords) {
  return eitherHome(() => ({}) as Workbook, {
    serverMigrationsDir: join(__dirname, '..', '..', '..', 'db', 'migrations-pg'),
    workerScript: () => 'worker.js',
    passwords,
    origin: 'app',
  });
}

async function remembering(password: string): Promise<ServerPasswords> {
  const passwords = new ServerPasswords();
  await passwords.remember(ADDRESS, password, { keep: false });
  return passwords;
}

/** A remembered password the server refuses must not lock the user into the same failure at every open. */
describe('a team workbook opened with a remembered password', () => {
  it('logs in with the password remembered for the address, or the one typed now', async () => {
    server.refuse = null;
    server.offered = [];
    const open = opener(await remembering('remembered'));
    open(ADDRESS);
    open(ADDRESS, { password: 'typed' });
    expect(server.offered).toEqual(['remembered', 'typed']);
  });

  it('forgets it when the server refuses the login, so the dialog asks again', async () => {
    const passwords = await remembering('changed-since');
    server.refuse = wrongPassword();
    expect(() => opener(passwords)(ADDRESS)).toThrow(/密码错误/);
    expect(passwords.known(ADDRESS)).toBeUndefined();
  });

  it('keeps it when a mistyped password was refused, or when the failure was no refusal of the login', async () => {
    const passwords = await remembering('right');
    server.refuse = wrongPassword();
    expect(() => opener(passwords)(ADDRESS, { password: 'typo' })).toThrow(/密码错误/);
    expect(passwords.known(ADDRESS)).toBe('right');
    server.refuse = new WorkbenchError('storage', '连接中断：无法连接数据库服务器 db.local:5432（ECONNREFUSED）。');
    expect(() => opener(passwords)(ADDRESS)).toThrow(/连接中断/);
    expect(passwords.known(ADDRESS)).toBe('right');
  });
});
