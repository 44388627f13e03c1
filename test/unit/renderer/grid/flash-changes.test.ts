import { describe, expect, it } from 'vitest';
import { changedCells } from '../../../../src/renderer/grid/flash-changes';

describe('the cells someone else changed', () => {
  it('lists, per row still shown, the fields whose values differ; new and gone rows have nothing to mark', () => {
    const before = new Map([
      [1, { id: 1, remark: '', actual: 3.2, owners: ['市教育局'] }],
      [2, { id: 2, remark: '待核', actual: null, owners: ['市财政局'] }],
      [3, { id: 3, remark: '', actual: null, owners: [] }],
    ]);
    const after = [
      { id: 1, remark: '李四刚填的', actual: 3.2, owners: ['市教育局'] },
      { id: 2, remark: '待核', actual: null, owners: ['市财政局', '市民政局'] },
      { id: 4, remark: '新任务', actual: null, owners: [] },
    ];
    expect(changedCells(before, after, ['remark', 'actual', 'owners'])).toEqual([
      { id: 1, fields: ['remark'] },
      { id: 2, fields: ['owners'] },
    ]);
  });
});
