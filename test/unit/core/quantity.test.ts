import { describe, expect, it } from 'vitest';
import { parseQuantity, toBase } from '../../../src/core/quantity';
import { decodeText } from '../../../src/core/text/decode';
import { chineseOrdinal, foldWidth } from '../../../src/core/text/fold';

describe('parseQuantity', () => {
  it.each([
    ['3.4万', 3.4, '万', 34000, ''],
    ['3.35万人', 3.35, '万人', 33500, '人'],
    ['70%', 70, '%', 0.7, 'ratio'],
    ['5.9‰', 5.9, '‰', 0.0059, 'ratio'],
    ['1.2亿元', 1.2, '亿元', 120000000, '元'],
    ['１２３４', 1234, '', 1234, ''],
    ['1,234.50', 1234.5, '', 1234.5, ''],
    ['(1,234.00)', -1234, '', -1234, ''],
    ['２０/１０万', 20, '/10万', 0.0002, 'ratio'],
    ['12千米', 12, '千米', 12, '千米'],
  ])('%s', (text, value, unit, baseValue, baseUnit) => {
    expect(parseQuantity(text)).toEqual({ value, unit, baseValue, baseUnit });
  });

  it('reads empty markers and words as no number, never as 0', () => {
    expect(parseQuantity('-')).toBeNull();
    expect(parseQuantity('—')).toBeNull();
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('约')).toBeNull();
    expect(parseQuantity('12,34')).toBeNull();
  });

  it('keeps magnitudes exact enough for money', () => {
    expect(toBase(0.276, '万张')).toEqual({ baseValue: 2760, baseUnit: '张' });
    expect(toBase(62.49, '万名')).toEqual({ baseValue: 624900, baseUnit: '名' });
  });
});

describe('text helpers', () => {
  it('folds full-width characters without moving any index', () => {
    const text = '１．就业（牵头单位：市人社局）　３．４万';
    const folded = foldWidth(text);
    expect(folded).toBe('1.就业(牵头单位:市人社局) 3.4万');
    expect(folded.length).toBe(text.length);
  });

  it('reads Chinese ordinals', () => {
    expect(chineseOrdinal('三')).toBe(3);
    expect(chineseOrdinal('十')).toBe(10);
    expect(chineseOrdinal('十二')).toBe(12);
    expect(chineseOrdinal('二十一')).toBe(21);
    expect(chineseOrdinal('是')).toBeNull();
  });

  it('detects GB18030 as Chinese Windows saves it, and UTF-8 with or without BOM', () => {
    // "城镇新增就业3.4万人" in GBK
    const gbk = Uint8Array.from([
      0xb3, 0xc7, 0xd5, 0xf2, 0xd0, 0xc2, 0xd4, 0xf6, 0xbe, 0xcd, 0xd2, 0xb5, 0x33, 0x2e, 0x34, 0xcd, 0xf2, 0xc8, 0xcb,
    ]);
    expect(decodeText(gbk)).toEqual({ text: '城镇新增就业3.4万人', encoding: 'gb18030' });
    const utf8 = new TextEncoder().encode('任务');
    expect(decodeText(utf8)).toEqual({ text: '任务', encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: '任务', encoding: 'utf-8' });
  });
});
