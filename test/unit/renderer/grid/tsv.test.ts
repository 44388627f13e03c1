import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../../../src/renderer/grid/tsv';

describe('TSV as Excel/WPS put it on the clipboard', () => {
  it('reads a 3×2 block with a trailing CRLF', () => {
    expect(parseTsv('3.4万\t70%\r\n1\t2\r\n5\t6\r\n')).toEqual([
      ['3.4万', '70%'],
      ['1', '2'],
      ['5', '6'],
    ]);
  });

  it('reads quoted cells with tabs, newlines and doubled quotes', () => {
    expect(parseTsv('"第一行\n第二行"\t"他说""好"""\n\tx')).toEqual([
      ['第一行\n第二行', '他说"好"'],
      ['', 'x'],
    ]);
  });

  it('a single value is one cell; empty text is no rows', () => {
    expect(parseTsv('42')).toEqual([['42']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('round-trips what it writes', () => {
    const rows = [
      ['a\tb', '"q"', 'line\nbreak'],
      ['', '1,234.00', '市教育局、市财政局'],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});
