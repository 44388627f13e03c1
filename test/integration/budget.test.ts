import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../src/app/store/workbook';
import { seeded } from '../bench/measure';
import { invoker, newWorkbook, resources } from './helpers';
import { type BudgetView, type BudgetViewAnswer, budgetViewFromAnswer } from '../../src/shared/budget';

type Invoke = ReturnType<typeof invoker>;

async function ok<T>(invoke: Invoke, channel: string, input: unknown): Promise<T> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${JSON.stringify(result.error.details)}`);
  return result.value as T;
}

async function view(invoke: Invoke, scenarioId?: number): Promise<BudgetView> {
  return budgetViewFromAnswer(await ok<BudgetViewAnswer>(invoke, 'budget-view', scenarioId === undefined ? {} : { scenarioId }));
}

const lineNamed = (v: BudgetView, name: string) => {
  const line = v.lines.find((l) => l.name.startsWith(name));
  if (!line) throw new Error(`no line ${name}`);
  return line;
};

describe('budget on a new workbook', () => {
  it('opens with the example baseline, labelled, meeting the floor under the broad preset', async () => {
    const invoke = invoker(newWorkbook());
    const v = await view(invoke);
    expect(v.scenario.name).toContain('非真实预算');
    expect(v.scenario.isExample).toBe(true);
    expect(v.lines.length).toBe(32);
    expect(v.settings).toMatchObject({ floor: 0.7, preset: 'broad' });
    expect(v.metrics.status).toBe('meets');
    expect(v.metrics.share).toBeGreaterThan(0.7);
    expect(v.metrics.share).toBeLessThan(0.75);
    // the driver line takes its quantity from the plan target: 62.49万名 × 600元
    expect(lineNamed(v, '义务教育学生公用经费补助')).toMatchObject({
      quantity: 624_900,
      rateFen: 60_000,
      amountFen: 37_494_000_000,
      targetLabel: '义务教育学生全部免除学杂费',
    });
  });

  it('switching to the narrow preset drops the share below the floor; undo brings it back', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    await ok(invoke, 'budget-settings-update', { livelihoodClasses: ['205', '207', '208', '210', '221'] });
    const narrow = await view(invoke);
    expect(narrow.settings.preset).toBe('narrow');
    expect(narrow.settings.source).toContain('窄口径');
    expect(narrow.metrics.status).toBe('below');
    expect(narrow.metrics.minLivelihoodIncreaseFen).toBeGreaterThan(0);
    await ok(invoke, 'history-undo', {});
    expect((await view(invoke)).metrics.status).toBe('meets');
  });

  it('a baseline edit with a unit changes the line and the metrics in one undoable action', async () => {
    const invoke = invoker(newWorkbook());
    const before = await view(invoke);
    const line = lineNamed(before, '预备费');
    const change = await ok<{ line: BudgetView['lines'][number]; metrics: BudgetView['metrics'] }>(invoke, 'budget-line-update', {
      scenarioId: before.scenario.id,
      lineId: line.id,
      field: 'amount',
      value: '3.5亿', // an explicit unit wins over the column's 万元
    });
    expect(change.line.amountFen).toBe(35_000_000_000);
    expect(change.metrics.totalFen).toBe(before.metrics.totalFen + 5_000_000_000);
    const history = await ok<{ undoLabel: string }>(invoke, 'history-state', {});
    expect(history.undoLabel).toContain('预备费');
    await ok(invoke, 'history-undo', {});
    expect(lineNamed(await view(invoke), '预备费').amountFen).toBe(line.amountFen);
  });

  it('refuses sub-分 amounts and text with a Chinese reason, changing nothing', async () => {
    const invoke = invoker(newWorkbook());
    const before = await view(invoke);
    const line = lineNamed(before, '预备费');
    for (const value of ['1.2345678', '很多', '70%']) {
      const result = await invoke('budget-line-update', { scenarioId: before.scenario.id, lineId: line.id, field: 'amount', value });
      expect(result.ok).toBe(false);
      // the message says why; the detail names the cell as the grid shows it (code, name, column)
      if (!result.ok) expect(result.error.details.map((d) => `${d.where}：${d.message}`).join()).toMatch(/^\d+ 预备费「金额」：/);
    }
    expect((await view(invoke)).metrics).toEqual(before.metrics);
  });

  it('a scenario stores overrides, not copies; +Δ, ±% and 恢复基线 work per cell', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const scenario = await ok<{ id: number; kind: string }>(invoke, 'scenario-create', { name: '教育加5%' });
    expect(scenario.kind).toBe('scenario');
    const primary = lineNamed(base, '小学教育');
    const reserve = lineNamed(base, '预备费');
    await ok(invoke, 'budget-line-update', { scenarioId: scenario.id, lineId: primary.id, field: 'amount', value: '+5%' });
    await ok(invoke, 'budget-line-update', { scenarioId: scenario.id, lineId: reserve.id, field: 'amount', value: '-10000' });
    const v = await view(invoke, scenario.id);
    expect(v.scenario.overrideCount).toBe(2);
    // a picker's list of scenarios, without the lines: the same summaries the view carries
    expect(await ok(invoke, 'scenario-list', {})).toEqual(v.scenarios);
    expect(lineNamed(v, '小学教育')).toMatchObject({
      amountFen: Math.round(primary.amountFen * 1.05),
      baseAmountFen: primary.amountFen,
      overrides: [{ field: 'amount', op: 'pct', value: 0.05 }],
    });
    expect(lineNamed(v, '预备费').amountFen).toBe(reserve.amountFen - 10_000_000_000);
    // the baseline is untouched
    expect(lineNamed(await view(invoke, base.scenario.id), '小学教育').amountFen).toBe(primary.amountFen);
    const reverted = await ok<{ line: { amountFen: number; overrides: unknown[] } }>(invoke, 'budget-line-revert', {
      scenarioId: scenario.id,
      lineId: primary.id,
    });
    expect(reverted.line).toMatchObject({ amountFen: primary.amountFen, overrides: [] });
  });

  it('changing a driver rate in a scenario re-derives the amount', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const scenario = await ok<{ id: number }>(invoke, 'scenario-create', { name: '提高公用经费' });
    const line = lineNamed(base, '义务教育学生公用经费补助');
    const change = await ok<{ line: { amountFen: number; rateFen: number } }>(invoke, 'budget-line-update', {
      scenarioId: scenario.id,
      lineId: line.id,
      field: 'rate',
      value: '650',
    });
    expect(change.line).toMatchObject({ rateFen: 65_000, amountFen: 624_900 * 65_000 });
  });

  it('goal seek saves a new scenario that meets the target exactly to the 分, never overwriting', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const line = lineNamed(base, '小学教育');
    const result = await ok<{ scenario: { id: number; name: string }; amountFen: number; metrics: BudgetView['metrics'] }>(
      invoke,
      'goal-seek',
      {
        scenarioId: base.scenario.id,
        lineId: line.id,
        variable: 'amount',
        share: 0.75,
        saveAs: '占比75%',
      },
    );
    expect(result.scenario.name).toBe('占比75%');
    expect(result.metrics.share).toBeGreaterThanOrEqual(0.75);
    // one 分 less would miss it
    const others = result.metrics.totalFen - result.amountFen;
    const othersLive = result.metrics.livelihoodFen - result.amountFen;
    expect((othersLive + result.amountFen - 1) / (others + result.amountFen - 1)).toBeLessThan(0.75);
    expect(lineNamed(await view(invoke, base.scenario.id), '小学教育').amountFen).toBe(line.amountFen);
    const again = await invoke('goal-seek', {
      scenarioId: base.scenario.id,
      lineId: line.id,
      variable: 'amount',
      share: 0.75,
      saveAs: '占比75%',
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain('已有名为');
  });

  it('breakback restores the floor exactly over livelihood lines, leaving held lines alone', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    await ok(invoke, 'budget-settings-update', { livelihoodClasses: ['205', '207', '208', '210', '221'] });
    const base = await view(invoke);
    expect(base.metrics.status).toBe('below');
    const livelihoodLines = base.lines.filter((l) => l.livelihood && !l.hasDriver);
    const held = lineNamed(base, '棚户区改造');
    const result = await ok<{ scenario: { id: number }; deltas: number[]; metrics: BudgetView['metrics'] }>(invoke, 'breakback', {
      scenarioId: base.scenario.id,
      lineIds: livelihoodLines.map((l) => l.id),
      heldLineIds: [held.id],
      restoreFloor: true,
      mode: 'proportional',
      saveAs: '补足底线',
    });
    expect(result.deltas.reduce((a, b) => a + b, 0)).toBe(base.metrics.minLivelihoodIncreaseFen);
    expect(result.metrics.status).toBe('meets');
    expect(result.metrics.headroomFen).toBeGreaterThanOrEqual(0);
    const after = await view(invoke, result.scenario.id);
    expect(lineNamed(after, '棚户区改造').amountFen).toBe(held.amountFen);
  });

  it('promote to baseline snapshots the old baseline first; a locked baseline refuses edits', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const scenario = await ok<{ id: number }>(invoke, 'scenario-create', { name: '调整方案' });
    const line = lineNamed(base, '公路建设');
    await ok(invoke, 'budget-line-update', { scenarioId: scenario.id, lineId: line.id, field: 'amount', value: '80000' });
    const promoted = await ok<{ baseline: { id: number }; snapshot: { id: number; kind: string; locked: boolean } }>(
      invoke,
      'scenario-promote',
      { scenarioId: scenario.id },
    );
    expect(promoted.snapshot).toMatchObject({ kind: 'snapshot', locked: true });
    expect(lineNamed(await view(invoke, promoted.baseline.id), '公路建设').amountFen).toBe(80_000_000_000);
    expect(lineNamed(await view(invoke, promoted.snapshot.id), '公路建设').amountFen).toBe(line.amountFen);
    const snapshotEdit = await invoke('budget-line-update', {
      scenarioId: promoted.snapshot.id,
      lineId: (await view(invoke, promoted.snapshot.id)).lines[0]?.id,
      field: 'amount',
      value: '1',
    });
    expect(snapshotEdit.ok).toBe(false);

    await ok(invoke, 'scenario-lock', { scenarioId: base.scenario.id, locked: true });
    const refused = await invoke('budget-line-update', { scenarioId: base.scenario.id, lineId: line.id, field: 'amount', value: '1' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('已锁定');

    // one undo takes the promotion back as a whole: scenario, overrides, baseline figures, no snapshot
    await ok(invoke, 'history-undo', {}); // the lock
    await ok(invoke, 'history-undo', {}); // the promotion
    const restored = await view(invoke, scenario.id);
    expect(lineNamed(restored, '公路建设').amountFen).toBe(80_000_000_000);
    expect(lineNamed(await view(invoke, base.scenario.id), '公路建设').amountFen).toBe(line.amountFen);
    expect(restored.scenarios.some((s) => s.kind === 'snapshot')).toBe(false);
  });

  it('compare shows Δ and Δ% for the changed line, per-class totals and the targets whose funding falls', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const scenario = await ok<{ id: number }>(invoke, 'scenario-create', { name: '压减' });
    const linked = lineNamed(base, '农村危房改造');
    await ok(invoke, 'budget-line-update', { scenarioId: scenario.id, lineId: linked.id, field: 'rate', value: '15000' });
    const comparison = await ok<{
      lines: { name: string; deltas: (number | null)[]; deltaRatios: (number | null)[] }[];
      classes: { classCode: string; deltas: (number | null)[] }[];
      fallingTargetLines: { targetLabel: string }[];
      metrics: { share: number }[];
    }>(invoke, 'scenario-compare', { scenarioIds: [base.scenario.id, scenario.id] });
    const row = comparison.lines.find((l) => l.name.startsWith('农村危房改造'));
    expect(row?.deltas).toEqual([0, -11_698 * 500_000]);
    expect(row?.deltaRatios[1]).toBeCloseTo(-0.25, 10);
    expect(comparison.classes.find((c) => c.classCode === '221')?.deltas[1]).toBe(-11_698 * 500_000);
    expect(comparison.fallingTargetLines.map((l) => l.targetLabel)).toEqual(['计划实施建档立卡贫困户农村危房改造']);
    expect(comparison.metrics[1]?.share).toBeLessThan(comparison.metrics[0]?.share ?? 0);
  });

  it('sensitivity: a 2-variable table with the floor contour', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const table = await ok<{ meets: boolean[][]; share: number[][] }>(invoke, 'sensitivity', {
      scenarioId: base.scenario.id,
      row: { group: { kind: 'non_livelihood' }, steps: [0, 0.2, 0.4, 0.6] },
      col: { group: { kind: 'livelihood' }, steps: [-0.1, 0, 0.1] },
    });
    expect(table.share[0]?.[1]).toBeCloseTo(base.metrics.share ?? 0, 12);
    expect(table.meets[0]?.[1]).toBe(true);
    expect(table.meets[3]?.[0]).toBe(false);
  });

  it('validation refuses floats where 分 are integers and unknown keys', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    expect((await invoke('budget-settings-update', { floor: 1.5 })).ok).toBe(false);
    expect((await invoke('budget-line-update', { scenarioId: base.scenario.id, lineId: 1.5, field: 'amount', value: '1' })).ok).toBe(false);
    expect((await invoke('scenario-create', { name: 'x', extra: 1 })).ok).toBe(false);
  });
});

describe('cached budget models', () => {
  it('are never stale: baseline edits, target edits that drive a cost, and undo all show at once', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const scenario = await ok<{ id: number }>(invoke, 'scenario-create', { name: '缓存检查' });
    await view(invoke, scenario.id); // both models are cached now
    const reserve = lineNamed(base, '预备费');
    await ok(invoke, 'budget-line-update', { scenarioId: base.scenario.id, lineId: reserve.id, field: 'amount', value: '31000' });
    expect(lineNamed(await view(invoke, scenario.id), '预备费').amountFen).toBe(31_000_000_000);
    // the 62.49万 students of a plan target drive a cost line: editing the target changes the cost
    const targets = (await ok<{ targets: { id: number; label: string }[] }>(invoke, 'target-list', {})).targets;
    const students = targets.find((t) => t.label === '义务教育学生全部免除学杂费') as { id: number };
    await ok(invoke, 'target-update', { edits: [{ targetId: students.id, field: 'value', value: '63' }] });
    expect(lineNamed(await view(invoke, scenario.id), '义务教育学生公用经费补助').amountFen).toBe(630_000 * 60_000);
    await ok(invoke, 'history-undo', {});
    await ok(invoke, 'history-undo', {});
    const undone = await view(invoke, scenario.id);
    expect(lineNamed(undone, '预备费').amountFen).toBe(reserve.amountFen);
    expect(lineNamed(undone, '义务教育学生公用经费补助').amountFen).toBe(624_900 * 60_000);
  });

  it('an edit recomputed on one line gives exactly what reading every line again gives', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const base = await view(invoke);
    const scenario = await ok<{ id: number }>(invoke, 'scenario-create', { name: '逐行重算' });
    await view(invoke, scenario.id);
    const random = seeded(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const edits: [string, string[]][] = [
      ['amount', ['+12.5', '-3%', '1234.56', '+0.01', '=800', '0']],
      ['livelihood', ['是', '否', '自动']],
      ['code', ['2010301', '2050202', '2080501']],
      ['quantity', ['+100', '-5%', '70万']],
      ['rate', ['+1', '650']],
    ];
    for (let step = 0; step < 60; step++) {
      const inScenario = random() < 0.5;
      const [field, values] = pick(inScenario ? edits.filter(([f]) => ['amount', 'quantity', 'rate'].includes(f)) : edits);
      const line = pick(field === 'quantity' || field === 'rate' ? base.lines.filter((l) => l.hasDriver) : base.lines);
      const scenarioId = inScenario ? scenario.id : base.scenario.id;
      const result = await invoke('budget-line-update', { scenarioId, lineId: line.id, field, value: pick(values) });
      if (!result.ok) continue; // e.g. '=800' in a baseline: refused with a reason, nothing changed
      const { metrics } = result.value as { metrics: BudgetView['metrics'] };
      // the same workbook read from scratch over a new connection, which has no cached model
      const fresh = openWorkbook(workbook.path, { resources });
      expect((await ok<BudgetView>(invoker(fresh), 'budget-view', { scenarioId })).metrics).toEqual(metrics);
      fresh.close();
    }
  });
});
