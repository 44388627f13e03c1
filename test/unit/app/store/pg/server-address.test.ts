import { describe, expect, it } from 'vitest';
import { isServerAddress, parseServerAddress } from '../../../../../src/app/store/pg/server-address';

const reason = (text: string): string => {
  const parsed = parseServerAddress(text);
  return 'ok' in parsed ? parsed.reason : '';
};

describe('a team workbook address', () => {
  it('reads user, host, port, database and workbook, with 5432 when no port is given', () => {
    expect(parseServerAddress('postgres://li@10.1.2.3:6543/finance?workbook=dazhou_2027')).toEqual({
      host: '10.1.2.3',
      port: 6543,
      database: 'finance',
      user: 'li',
      workbook: 'dazhou_2027',
      sslmode: null,
      text: 'postgres://li@10.1.2.3:6543/finance?workbook=dazhou_2027',
    });
    expect(parseServerAddress('postgresql://li@db.caizheng.local/finance?workbook=w&sslmode=require')).toMatchObject({
      host: 'db.caizheng.local',
      port: 5432,
      sslmode: 'require',
    });
  });

  it('takes a Unix-socket folder from host= as libpq does', () => {
    expect(parseServerAddress('postgres://postgres@localhost/office?host=/run/postgresql&workbook=w')).toMatchObject({
      host: '/run/postgresql',
      database: 'office',
    });
  });

  it('refuses a password in the address without showing it back', () => {
    const refused = reason('postgres://li:MiMa123@10.1.2.3/finance?workbook=w');
    expect(refused).toContain('地址中不能写密码');
    expect(refused).not.toContain('MiMa123');
    const inQuery = reason('postgres://li@h/db?workbook=w&password=MiMa123');
    expect(inQuery).toContain('地址中不能写密码');
    expect(inQuery).not.toContain('MiMa123');
  });

  it('says what is missing or wrong, in Chinese', () => {
    expect(reason('mysql://li@h/db?workbook=w')).toContain('应以 postgres:// 开头');
    expect(reason('postgres://h/db?workbook=w')).toContain('缺少用户名');
    expect(reason('postgres://li@h/?workbook=w')).toContain('缺少数据库名');
    expect(reason('postgres://li@h/db')).toContain('缺少工作簿名');
    expect(reason('postgres://li@h/db?workbook=达州')).toContain('请用小写英文字母开头');
    expect(reason('postgres://li@h/db?workbook=public')).toContain('保留的名称');
    expect(reason('postgres://li@h/db?workbook=pg_x')).toContain('保留的名称');
    expect(reason('postgres://li@h/db?workbook=w&wokbook=x')).toContain('不认识的参数 wokbook');
    expect(reason('postgres://li@h/db?workbook=w&sslmode=prefer')).toContain('sslmode 只能是');
  });

  it('tells an address from a file path', () => {
    expect(isServerAddress(' postgres://li@h/db?workbook=w')).toBe(true);
    expect(isServerAddress('D:\\工作簿\\达州.mswb')).toBe(false);
    expect(isServerAddress('postgres.mswb')).toBe(false);
  });
});
