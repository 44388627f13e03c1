import { describe, expect, it } from 'vitest';
import { type LineEditFacts, type LineFacts, LinePlanner } from '../../../../src/core/budget/line-edits';

// 1000万元
const school: LineFacts = {
  code: '2050202',
  name: '小学教育',
  hasDriver: false,
  amountFen: 1_000_000_000,
  quantity: 0,
  rateFen: 0,
  targetId: null,
  targetLabel: '',
};
// 200 beds at 500元 each
const beds: LineFacts = {
  code: '2100201',
  name: '床位补助',
  hasDriver: true,
  amountFen: 10_000_000,
  quantity: 200,
  rateFen: 50_000,
  targetId: null,
  targetLabel: '',
};
const linked: LineFacts = { ...beds, code: '2080202', name: '低保', targetId: 3, targetLabel: '低保人数' };

function facts(kind: 'baseline' | 'scenario', overrides: string[] = []): LineEditFacts {
  const lines = new Map([
    [1, school],
    [2, beds],
    [3, linked],
  ]);
  return {
    scenario: { id: kind === 'baseline' ? 1 : 5, kind },
    line: (lineId) => lines.get(lineId),
    hasOverride: (scenarioId, lineId, field) => overrides.includes(`${scenarioId}:${lineId}:${field}`),
    overridesOfLine: (lineId) => (lineId === 1 ? [{ scenarioId: 5, field: 'amount' }] : []),
    taskByNumber: (number) => (number === 6 ? { id: 60, domainId: 2 } : undefined),
    nextLine: () => ({ id: 4, ord: 3 }),
  };
}

describe('LinePlanner — baseline cells', () => {
  it('a driver line’s 数量 and 单价 pasted together give their product', () => {
    const planner = new LinePlanner(facts('baseline'));
    expect(planner.cell(2, 'quantity', '300')).toEqual({
      ok: true,
      changes: [
        { kind: 'update', table: 'budget_line', key: { id: 2 }, column: 'driver_quantity', value: 300 },
        { kind: 'update', table: 'budget_line', key: { id: 2 }, column: 'amount_fen', value: 15_000_000 },
      ],
    });
    // the rate sees the quantity this batch planned: 300 × 600元
    expect(planner.cell(2, 'rate', '600')).toMatchObject({
      ok: true,
      changes: [
        { column: 'driver_rate_fen', value: 60_000 },
        { column: 'amount_fen', value: 18_000_000 },
      ],
    });
  });

  it('refuses what the line does not allow', () => {
    const planner = new LinePlanner(facts('baseline'));
    expect(planner.cell(2, 'amount', '5')).toEqual({ ok: false, reason: '该行金额由“数量×单价”计算，请修改数量或单价' });
    expect(planner.cell(1, 'rate', '5')).toEqual({ ok: false, reason: '该行没有“数量×单价”的测算方式，请直接修改金额' });
    expect(planner.cell(3, 'quantity', '5')).toEqual({ ok: false, reason: '该行数量取自计划指标“低保人数”，请在指标表中修改该指标' });
    expect(planner.cell(9, 'amount', '5')).toEqual({ ok: false, reason: '预算行不存在，可能已被删除，请刷新' });
  });

  it('民生标记 takes 是/否/自动 words; the task number links the task and its domain', () => {
    const planner = new LinePlanner(facts('baseline'));
    expect(planner.cell(1, 'livelihood', '是')).toMatchObject({ ok: true, changes: [{ column: 'livelihood_override', value: 1 }] });
    expect(planner.cell(1, 'livelihood', '非民生')).toMatchObject({ ok: true, changes: [{ column: 'livelihood_override', value: 0 }] });
    expect(planner.cell(1, 'livelihood', '按分类')).toMatchObject({ ok: true, changes: [{ column: 'livelihood_override', value: null }] });
    expect(planner.cell(1, 'livelihood', '也许')).toEqual({
      ok: false,
      reason: '民生标记请填“是”“否”或“自动”（按功能分类判断），“也许”无法识别',
    });
    expect(planner.cell(1, 'taskNumber', '6')).toMatchObject({
      ok: true,
      changes: [
        { column: 'task_id', value: 60 },
        { column: 'domain_id', value: 2 },
      ],
    });
    expect(planner.cell(1, 'taskNumber', '7')).toEqual({ ok: false, reason: '计划中没有编号为“7”的任务' });
    expect(planner.where(1, 'amount')).toBe('2050202 小学教育「金额」');
  });

  it('added lines: bad code and name are refusals (not throws); good ones take consecutive ids and places', () => {
    const planner = new LinePlanner(facts('baseline'));
    expect(planner.add('12', ' ', 100)).toEqual({ ok: false, reason: '科目编码应为3到12位数字（如2050202），“12”不是；科目名称不能为空' });
    expect(planner.add('9990101', '某科目', 100)).toEqual({
      ok: false,
      reason: '科目编码“9990101”的前三位不是2017年支出功能分类中的类级科目',
    });
    expect(planner.add(' 2080202 ', ' 社会福利 ', 100)).toEqual({
      ok: true,
      changes: [
        {
          kind: 'insert',
          table: 'budget_line',
          row: { id: 4, baseline_id: 1, ord: 3, code: '2080202', name: '社会福利', amount_fen: 100, note: '' },
        },
      ],
    });
    expect(planner.add('2080202', '又一行', 5)).toMatchObject({ ok: true, changes: [{ row: { id: 5, ord: 4 } }] });
  });

  it('removing a line takes every scenario’s override of it', () => {
    expect(new LinePlanner(facts('baseline')).removal(1)).toEqual({
      ok: true,
      changes: [
        { kind: 'delete', table: 'scenario_override', key: { scenario_id: 5, line_id: 1, field: 'amount' } },
        { kind: 'delete', table: 'budget_line', key: { id: 1 } },
      ],
    });
  });
});

describe('LinePlanner — scenario cells', () => {
  it('a number sets, a signed one adjusts, an empty cell goes back to the baseline; later cells see earlier overrides', () => {
    const planner = new LinePlanner(facts('scenario'));
    expect(planner.cell(1, 'amount', '+500')).toEqual({
      ok: true,
      changes: [
        { kind: 'insert', table: 'scenario_override', row: { scenario_id: 5, line_id: 1, field: 'amount', op: 'add', value: 500_000_000 } },
      ],
    });
    // 500万元 is 5亿分; the override now exists: a second edit updates it, an empty cell deletes it
    expect(planner.cell(1, 'amount', '-3%')).toMatchObject({
      ok: true,
      changes: [
        { kind: 'update', column: 'op', value: 'pct' },
        { kind: 'update', column: 'value', value: -0.03 },
      ],
    });
    expect(planner.cell(1, 'amount', '')).toEqual({
      ok: true,
      changes: [{ kind: 'delete', table: 'scenario_override', key: { scenario_id: 5, line_id: 1, field: 'amount' } }],
    });
    expect(planner.cell(1, 'amount', '')).toEqual({ ok: true, changes: [] });
    // restating the baseline is no override
    expect(planner.cell(1, 'amount', '1000')).toEqual({ ok: true, changes: [] });
    expect(planner.cell(1, 'name', 'x')).toEqual({
      ok: false,
      reason: '情景中只能调整金额、数量和单价；科目编码、名称、民生标记等请在基线中修改',
    });
    expect(planner.add('2080202', 'x', 1)).toEqual({ ok: false, reason: '新增预算行请在基线中进行；情景只记录对基线的调整' });
  });

  it('a 情景 sheet’s amounts: into an existing scenario by difference, or a new scenario with its overrides', () => {
    const planner = new LinePlanner(facts('baseline', ['7:1:amount']));
    expect(
      planner.scenarioAmounts({ scenarioId: 7 }, [
        { lineId: 1, amountFen: 1_000_000_000 },
        { lineId: 2, amountFen: 1 },
      ]),
    ).toEqual({
      ok: true,
      changes: [
        { kind: 'delete', table: 'scenario_override', key: { scenario_id: 7, line_id: 1, field: 'amount' } },
        { kind: 'insert', table: 'scenario_override', row: { scenario_id: 7, line_id: 2, field: 'amount', op: 'set', value: 1 } },
      ],
    });
    const created = { id: 8, name: '方案B', baselineId: 1, note: '由“x.xlsx”导入', createdAt: '2024-01-01T00:00:00.000Z' };
    expect(planner.scenarioAmounts({ created }, [{ lineId: 2, amountFen: 1 }])).toMatchObject({
      ok: true,
      changes: [
        { kind: 'insert', table: 'scenario', row: { id: 8, name: '方案B', kind: 'scenario', baseline_id: 1 } },
        { kind: 'insert', table: 'scenario_override', row: { scenario_id: 8, line_id: 2, value: 1 } },
      ],
    });
  });
});
