import { describe, expect, it } from 'vitest';
import { grantsAllow } from '../../../../../src/app/store/pg/server-roles';

/** What a review of a local copy says a role may not bring back must be what the database would refuse. */
describe('what a role’s grants allow', () => {
  it('单位填报 changes only the actuals and notes of targets', () => {
    expect(grantsAllow('reporter', 'target', 'update', ['actual'])).toBe(true);
    expect(grantsAllow('reporter', 'target', 'update', ['actual', 'note'])).toBe(true);
    expect(grantsAllow('reporter', 'target', 'update', ['value', 'base_value'])).toBe(false);
    expect(grantsAllow('reporter', 'task', 'update', ['remark'])).toBe(false);
    expect(grantsAllow('reporter', 'task_owner', 'insert', [])).toBe(false);
  });

  it('编辑 changes values and owners but not the structure; 只读 nothing; 管理员 everything', () => {
    expect(grantsAllow('editor', 'task', 'update', ['remark'])).toBe(true);
    expect(grantsAllow('editor', 'task_owner', 'insert', [])).toBe(true);
    expect(grantsAllow('editor', 'scenario_override', 'delete', [])).toBe(true);
    expect(grantsAllow('editor', 'task', 'insert', [])).toBe(false);
    expect(grantsAllow('editor', 'scenario', 'update', ['name'])).toBe(false);
    expect(grantsAllow('editor', 'domain_owner', 'insert', [])).toBe(false);
    expect(grantsAllow('reader', 'target', 'update', ['note'])).toBe(false);
    expect(grantsAllow('admin', 'scenario', 'delete', [])).toBe(true);
  });
});
