import { describe, expect, it } from 'vitest';
import {
  checkedBy,
  compileFilter,
  filterKindOf,
  isCompleteCondition,
  passesCondition,
  shownDate,
  shownNumber,
  valueEntries,
  valuesFromChoice,
} from '../../../../src/renderer/grid/column-filter';

describe('column filters compare what the cell shows', () => {
  it('reads the number a cell shows', () => {
    expect(shownNumber('1,234.50')).toBe(1234.5);
    expect(shownNumber('97.5%')).toBe(97.5);
    expect(shownNumber('约16')).toBe(16);
    expect(shownNumber('－3')).toBe(-3);
    expect(shownNumber('—')).toBeNaN();
    expect(shownNumber('')).toBeNaN();
    expect(shownNumber('6~8')).toBeNaN();
  });

  it('reads dates as shown or typed', () => {
    expect(shownDate('2017-6-30')).toBe('2017-06-30');
    expect(shownDate('2017年6月30日')).toBe('2017-06-30');
    expect(shownDate('2017/06/30')).toBe('2017-06-30');
    expect(shownDate('6月底')).toBe('');
  });

  it('knows a column kind from its type or its filterParams', () => {
    expect(filterKindOf({ type: 'rightAligned' })).toBe('number');
    expect(filterKindOf({ type: ['numericColumn'] })).toBe('number');
    expect(filterKindOf({ filterParams: { kind: 'date' } })).toBe('date');
    expect(filterKindOf({})).toBe('text');
  });

  it('tests numbers, dates and text', () => {
    expect(passesCondition('number', { op: 'gt', value: '90' }, '97.5%')).toBe(true);
    expect(passesCondition('number', { op: 'gt', value: '90' }, '84.2%')).toBe(false);
    expect(passesCondition('number', { op: 'between', value: '10', value2: '20' }, '20')).toBe(true);
    expect(passesCondition('number', { op: 'between', value: '10', value2: '20' }, '20.01')).toBe(false);
    expect(passesCondition('number', { op: 'le', value: '5' }, '—')).toBe(false);
    expect(passesCondition('number', { op: 'ne', value: '5' }, '1,000')).toBe(true);
    expect(passesCondition('date', { op: 'lt', value: '2017-07-01' }, '2017-06-30')).toBe(true);
    expect(passesCondition('date', { op: 'gt', value: '2017-07-01' }, '')).toBe(false);
    expect(passesCondition('text', { op: 'contains', value: '教育' }, '市教育局')).toBe(true);
    expect(passesCondition('text', { op: 'notContains', value: '教育' }, '市教育局')).toBe(false);
    expect(passesCondition('text', { op: 'eq', value: '市教育局' }, '市教育局')).toBe(true);
  });

  it('takes a condition only when it is complete', () => {
    expect(isCompleteCondition('number', { op: 'gt', value: '' })).toBe(false);
    expect(isCompleteCondition('number', { op: 'gt', value: '很多' })).toBe(false);
    expect(isCompleteCondition('number', { op: 'between', value: '1' })).toBe(false);
    expect(isCompleteCondition('date', { op: 'lt', value: '2017-07-01' })).toBe(true);
  });

  it('combines the value list and the condition', () => {
    const only = compileFilter('text', { values: { mode: 'only', texts: ['滞后', '严重滞后'] } });
    expect(['滞后', '严重滞后', '未填报'].map(only)).toEqual([true, true, false]);
    const except = compileFilter('number', { values: { mode: 'except', texts: [''] }, condition: { op: 'ge', value: '100' } });
    expect(['', '99', '100', '1,000'].map(except)).toEqual([false, false, true, true]);
  });

  it('lists each shown value once with its count, in the order a user scans them', () => {
    const cells = ['10', '9', '', '10', '1,000'].map((text) => ({ text }));
    expect(valueEntries('number', cells)).toEqual([
      { text: '9', count: 1 },
      { text: '10', count: 2 },
      { text: '1,000', count: 1 },
      { text: '', count: 1 },
    ]);
    const severity: Record<string, number> = { red: 0, yellow: 1, met: 2 };
    const lights = [
      { text: '已达成', value: 'met' },
      { text: '滞后', value: 'yellow' },
      { text: '严重滞后', value: 'red' },
    ];
    expect(valueEntries('text', lights, (a, b) => (severity[String(a)] ?? 9) - (severity[String(b)] ?? 9)).map((e) => e.text)).toEqual([
      '严重滞后',
      '滞后',
      '已达成',
    ]);
  });

  it('keeps the shorter list of the user choice, and only the ticked search results after a search', () => {
    const all = ['a', 'b', 'c', 'd'];
    expect(valuesFromChoice(all, new Set(all), null)).toBeNull();
    expect(valuesFromChoice(all, new Set(['a']), null)).toEqual({ mode: 'only', texts: ['a'] });
    expect(valuesFromChoice(all, new Set(['a', 'b', 'c']), null)).toEqual({ mode: 'except', texts: ['d'] });
    expect(valuesFromChoice(all, new Set(all), ['b', 'c'])).toEqual({ mode: 'only', texts: ['b', 'c'] });
    expect(checkedBy({ values: { mode: 'except', texts: ['d'] } }, all)).toEqual(new Set(['a', 'b', 'c']));
    expect(checkedBy(null, all)).toEqual(new Set(all));
  });
});
