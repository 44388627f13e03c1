import { describe, expect, it } from 'vitest';
import { asciiSafe, formatOutput } from '../../../src/cli/output';

describe('CLI output for Windows PowerShell 5.1 (code page 936)', () => {
  it('--ascii --json prints only ASCII, and parses back to the same Chinese', () => {
    const value = { plan: '达州市2017年实施计划', share: 0.7201, note: '民生占比≥70% ✔' };
    const text = formatOutput(value, { json: true, ascii: true }, () => '');
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('escapes characters outside the Basic Multilingual Plane as surrogate pairs JSON reads back', () => {
    expect(JSON.parse(`"${asciiSafe('𠀀')}"`)).toBe('𠀀');
  });

  it('leaves the default output as UTF-8 text', () => {
    expect(formatOutput({ a: '市教育局' }, { json: true, ascii: false }, () => '')).toContain('市教育局');
    expect(formatOutput(null, { json: false, ascii: false }, () => '已创建工作簿')).toBe('已创建工作簿\n');
  });
});
