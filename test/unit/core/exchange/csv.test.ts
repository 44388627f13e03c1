import { describe, expect, it } from 'vitest';
import { escapeCsvCell, parseCsvText, writeCsv } from '../../../../src/core/exchange/csv';

describe('CSV export', () => {
  it('prefixes cells that Excel would run as formulas, and quotes what needs it', () => {
    expect(escapeCsvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(escapeCsvCell('+1')).toBe("'+1");
    expect(escapeCsvCell('-2')).toBe("'-2");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvCell(-2)).toBe('-2');
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell(null)).toBe('');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeCsv([['编号'], [1]]))).toBe('\uFEFF编号\r\n1\r\n');
  });
});

describe('CSV reading', () => {
  it('reads quoted cells with commas, quotes and line breaks', () => {
    expect(parseCsvText('a,"b,c","say ""hi""","x\ny"\r\n1,2,3,4\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
  });
});
