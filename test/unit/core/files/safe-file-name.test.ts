import { describe, expect, it } from 'vitest';
import { safeFileName, withExtension } from '../../../../src/core/files/safe-file-name';

describe('safeFileName: names Windows accepts', () => {
  it('replaces the characters Windows forbids and turns line breaks and tabs into spaces', () => {
    expect(safeFileName('达州市2017年基本公共服务均等化实施计划: 草案/修订', 'xlsx')).toBe(
      '达州市2017年基本公共服务均等化实施计划_ 草案_修订.xlsx',
    );
    expect(safeFileName('市教育局\r\n（市体育局）\t', 'xlsx')).toBe('市教育局 （市体育局）.xlsx');
    expect(safeFileName('a<b>c"d|e?f*g\\h', 'pdf')).toBe('a_b_c_d_e_f_g_h.pdf');
  });

  it('drops trailing dots and spaces, which Windows silently strips', () => {
    expect(safeFileName('报告. . ', 'pdf')).toBe('报告.pdf');
  });

  it('never names a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9), with or without a dot', () => {
    expect(safeFileName('CON', 'xlsx')).toBe('_CON.xlsx');
    expect(safeFileName('nul', 'csv')).toBe('_nul.csv');
    expect(safeFileName('com1.2017', 'xlsx')).toBe('_com1.2017.xlsx');
    expect(safeFileName('LPT9', 'pdf')).toBe('_LPT9.pdf');
    expect(safeFileName('CONTROL', 'pdf')).toBe('CONTROL.pdf');
  });

  it('gives an empty or only-forbidden name a readable fallback and bounds the length', () => {
    expect(safeFileName('  ..  ', 'xlsx')).toBe('未命名.xlsx');
    expect(safeFileName('计'.repeat(300), 'xlsx')).toBe(`${'计'.repeat(100)}.xlsx`);
  });

  it('numbers names that collide after cleaning or only differ in case, as NTFS sees them', () => {
    const taken = new Set<string>();
    expect(safeFileName('市教育局', 'xlsx', taken)).toBe('市教育局.xlsx');
    expect(safeFileName('市教育局\n', 'xlsx', taken)).toBe('市教育局（2）.xlsx');
    expect(safeFileName('Unit A', 'xlsx', taken)).toBe('Unit A.xlsx');
    expect(safeFileName('UNIT a', 'xlsx', taken)).toBe('UNIT a（2）.xlsx');
    expect(safeFileName('市教育局', 'xlsx', taken)).toBe('市教育局（3）.xlsx');
  });
});

describe('withExtension', () => {
  it('adds the type a save dialog was for when the user typed a bare name', () => {
    expect(withExtension('C:\\Users\\张三\\Desktop\\达标报告', 'pdf')).toBe('C:\\Users\\张三\\Desktop\\达标报告.pdf');
    expect(withExtension('D:\\报告.PDF', 'pdf')).toBe('D:\\报告.PDF');
    expect(withExtension('/tmp/计划.xlsx', 'pdf')).toBe('/tmp/计划.xlsx');
    expect(withExtension('D:\\2018.版\\报告', 'pdf')).toBe('D:\\2018.版\\报告.pdf');
  });
});
