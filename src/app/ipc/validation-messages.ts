import { z } from 'zod';
import type { $ZodErrorMap } from 'zod/v4/core';

/**
 * zod's messages are English ("Too big: expected string to have <=500 characters") and its zh-CN locale still
 * names types ("期望 string"). A request the page sends is built by the app, so a validation error is rare — a
 * pasted cell longer than a field allows, a hostile caller — but whatever reaches the page is Chinese.
 */

type Issue = Parameters<$ZodErrorMap>[0];

function sizeMessage(issue: Issue, big: boolean): string {
  const limit = Number((issue as { maximum?: unknown; minimum?: unknown })[big ? 'maximum' : 'minimum']);
  switch ((issue as { origin?: string }).origin) {
    case 'string':
      return big ? `内容太长：最多${limit}个字` : limit <= 1 ? '不能为空' : `内容太短：至少${limit}个字`;
    case 'array':
    case 'set':
      return big ? `一次最多${limit}项` : `至少要有${limit}项`;
    default:
      return big ? `数值太大：不能超过${limit}` : `数值太小：不能小于${limit}`;
  }
}

function chineseMessage(issue: Issue): string {
  switch (issue.code) {
    case 'too_big':
      return sizeMessage(issue, true);
    case 'too_small':
      return sizeMessage(issue, false);
    case 'invalid_type':
      return '类型不对（应为数字、文字或列表之一）';
    case 'unrecognized_keys':
      return '包含不认识的项';
    case 'invalid_value':
      return '不是可选的值';
    case 'invalid_format':
      return '格式不对';
    case 'not_multiple_of':
      return '应为整数';
    default:
      return '内容不合法';
  }
}

let installed = false;

/** Installs the Chinese messages for every schema in this process (idempotent). */
export function installChineseValidationMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: chineseMessage });
}

/** "edits.0.value" → "第1项": indices as the user counts them, field names (English) left out. */
export function issuePlace(path: readonly PropertyKey[]): string {
  return path
    .filter((part): part is number => typeof part === 'number')
    .map((index) => `第${index + 1}项`)
    .join('·');
}
