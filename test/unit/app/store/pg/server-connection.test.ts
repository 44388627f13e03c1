import { describe, expect, it } from 'vitest';
import { LoginRefused, serverError } from '../../../../../src/app/store/pg/server-connection';

/** What the server's refusals say to the user, and which of them cost a remembered password. */
const place = { host: '10.1.2.3', port: 5432, user: 'li_si', database: 'finance' };
const failure = (code: string, message = 'server said no'): Error => Object.assign(new Error(message), { code });

describe('a server refusal in words', () => {
  it('forgets a remembered password only when the server refused the password itself', () => {
    expect(serverError(failure('28P01'), place)).toBeInstanceOf(LoginRefused);
    // pg_hba.conf refused this machine: the same password works from another network
    const hba = serverError(failure('28000'), place);
    expect(hba).not.toBeInstanceOf(LoginRefused);
    expect(hba.message).toBe('服务器不允许用户“li_si”从本机连接数据库“finance”（pg_hba.conf）。');
  });

  it('explains a record that went away under an edit as a conflict, in Chinese', () => {
    const gone = serverError(failure('23503', 'insert or update on table "task_owner" violates foreign key constraint'), place);
    expect(gone.kind).toBe('conflict');
    expect(gone.message).toMatch(/^要保存的内容所属的记录已不存在/);
  });
});
