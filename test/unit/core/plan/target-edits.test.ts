import { describe, expect, it } from 'vitest';
import {
  planTargetEdit,
  planTargetEdits,
  stateAsImportsRead,
  TARGET_MISSING,
  type TargetState,
} from '../../../../src/core/plan/target-edits';

const jobs: TargetState = { id: 7, label: '城镇新增就业', comparator: '>=', unit: '万人', base_unit: '人' };

describe('planTargetEdit — a target cell as row changes', () => {
  it('a bare value keeps the unit the target is written in', () => {
    expect(planTargetEdit(jobs, 'value', '3.4')).toEqual({
      ok: true,
      changes: [
        { kind: 'update', table: 'target', key: { id: 7 }, column: 'value', value: 3.4 },
        { kind: 'update', table: 'target', key: { id: 7 }, column: 'unit', value: '万人' },
        { kind: 'update', table: 'target', key: { id: 7 }, column: 'base_value', value: 34000 },
        { kind: 'update', table: 'target', key: { id: 7 }, column: 'base_unit', value: '人' },
      ],
    });
  });

  it('refuses as a value, with the reason a person reads', () => {
    expect(planTargetEdit(jobs, 'label', '  ')).toEqual({ ok: false, reason: '指标名称不能为空' });
    expect(planTargetEdit(jobs, 'comparator', '差不多')).toEqual({ ok: false, reason: expect.stringContaining('比较方式') });
    expect(planTargetEdit(jobs, 'value', '3.4%')).toEqual({ ok: false, reason: expect.stringContaining('单位不一致') });
  });

  it('a linked actual is refused in the grid; the imports read the target without its link and base year', () => {
    const linked: TargetState = { ...jobs, linked: true, relative_to_year: null };
    expect(planTargetEdit(linked, 'actual', '3')).toEqual({ ok: false, reason: expect.stringContaining('取消关联') });
    expect(planTargetEdit(stateAsImportsRead(linked), 'actual', '3')).toMatchObject({
      ok: true,
      changes: [{ column: 'actual', value: 30000 }],
    });
  });

  it('a relative target takes its change in % or 个百分点, the whole phrase as the grid shows it too', () => {
    const relative: TargetState = { ...jobs, unit: '%', base_unit: 'ratio', relative_to_year: 2016 };
    expect(planTargetEdit(relative, 'value', '较2016年提高3个百分点')).toMatchObject({
      ok: true,
      changes: [
        { column: 'value', value: 3 },
        { column: 'unit', value: '个百分点' },
        { column: 'base_value', value: 0.03 },
        { column: 'base_unit', value: 'ratio' },
      ],
    });
    expect(planTargetEdit(relative, 'value', '很多')).toEqual({ ok: false, reason: expect.stringContaining('不是变动幅度') });
  });
});

describe('planTargetEdits — a batch', () => {
  it('a comparator edit applies first: a 区间 pasted after its value still reads the value as a range', () => {
    const states = new Map([[jobs.id, jobs]]);
    const plans = planTargetEdits(states, [
      { targetId: 7, field: 'value', value: '3-4' },
      { targetId: 7, field: 'comparator', value: '区间' },
    ]);
    // plans come back in the order of the edits
    expect(plans[0]).toMatchObject({
      ok: true,
      changes: [
        { column: 'min_value', value: 30000 },
        { column: 'max_value', value: 40000 },
        { column: 'unit', value: '万人' },
      ],
    });
    // (min and max are stored in the base unit: 3万人 is 30000人)
    expect(plans[1]).toEqual({
      ok: true,
      changes: [{ kind: 'update', table: 'target', key: { id: 7 }, column: 'comparator', value: 'range' }],
    });
    // without the comparator in the batch, "3-4" is no single value
    expect(planTargetEdits(states, [{ targetId: 7, field: 'value', value: '3-4' }])[0]?.ok).toBe(false);
  });

  it('a refused comparator does not change how the value is read; a missing target is refused', () => {
    const states = new Map([[jobs.id, jobs]]);
    const [comparator, value, missing] = planTargetEdits(states, [
      { targetId: 7, field: 'comparator', value: '大概' },
      { targetId: 7, field: 'value', value: '5' },
      { targetId: 99, field: 'note', value: 'x' },
    ]);
    expect(comparator?.ok).toBe(false);
    expect(value?.ok === true ? value.changes[0] : value).toMatchObject({ column: 'value', value: 5 });
    expect(missing).toEqual({ ok: false, reason: TARGET_MISSING });
  });
});
