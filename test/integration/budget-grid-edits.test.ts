import { describe, expect, it } from 'vitest';
import { type BudgetView, type BudgetViewAnswer, budgetViewFromAnswer, type LinesChange } from '../../src/shared/budget';
import { invoker, newWorkbook } from './helpers';

/** The budget grid's actions: a block of cells as one action, Delete = back to the baseline, 按比例调整. */

type Invoke = ReturnType<typeof invoker>;

async function ok<T>(invoke: Invoke, channel: string, input: unknown): Promise<T> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${JSON.stringify(result.error.details)}`);
  return result.value as T;
}

const view = async (invoke: Invoke, scenarioId?: number): Promise<BudgetView> =>
  budgetViewFromAnswer(await ok<BudgetViewAnswer>(invoke, 'budget-view', scenarioId === undefined ? {} : { scenarioId }));
const education = (v: BudgetView) => v.lines.filter((line) => line.classCode === '205');
const actionCount = (workbook: ReturnType<typeof newWorkbook>): number =>
  (workbook.db.prepare('SELECT COUNT(*) AS n FROM action').get() as { n: number }).n;

async function scenarioOn(invoke: Invoke, name: string): Promise<{ base: BudgetView; id: number }> {
  const base = await view(invoke);
  const { id } = await ok<{ id: number }>(invoke, 'scenario-create', { name });
  return { base, id };
}

describe('budget grid edits', () => {
  it('-5% pasted over the 教育 amounts is one action; the answer carries the rows, the figures and the new override count', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const { base, id } = await scenarioOn(invoke, '教育压减5%');
    const lines = education(base);
    expect(lines.length).toBeGreaterThan(3);
    const actions = actionCount(workbook);
    const change = await ok<LinesChange>(invoke, 'budget-line-edits', {
      scenarioId: id,
      edits: lines.map((line) => ({ lineId: line.id, field: 'amount', value: '-5%' })),
      label: `粘贴${lines.length}行×1列`,
    });
    expect(actionCount(workbook)).toBe(actions + 1);
    expect(change.overrideCount).toBe(lines.length);
    expect(change.lines.map((line) => line.amountFen)).toEqual(lines.map((line) => Math.round(line.amountFen * 0.95)));
    const fresh = await view(invoke, id);
    expect(change.metrics).toEqual(fresh.metrics);
    expect(fresh.scenario.overrideCount).toBe(lines.length);
    const label = workbook.db.prepare('SELECT label FROM action ORDER BY id DESC LIMIT 1').get() as { label: string };
    expect(label.label).toBe(`情景“教育压减5%”：粘贴${lines.length}行×1列`);

    await ok(invoke, 'history-undo', {});
    expect((await view(invoke, id)).scenario.overrideCount).toBe(0);
  });

  it('an empty cell in a scenario takes the line back to the baseline (Delete, ↺ 恢复基线)', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const { base, id } = await scenarioOn(invoke, '试算');
    const [first, second] = education(base);
    if (!first || !second) throw new Error('example baseline changed');
    await ok(invoke, 'budget-line-edits', {
      scenarioId: id,
      edits: [first, second].map((line) => ({ lineId: line.id, field: 'amount', value: '+500' })),
    });
    const reverted = await ok<LinesChange>(invoke, 'budget-line-edits', {
      scenarioId: id,
      edits: [{ lineId: first.id, field: 'amount', value: '' }],
    });
    expect(reverted.lines[0]).toMatchObject({ amountFen: first.amountFen, overrides: [] });
    expect(reverted.overrideCount).toBe(1);
    const label = workbook.db.prepare('SELECT label FROM action ORDER BY id DESC LIMIT 1').get() as { label: string };
    expect(label.label).toBe(`情景“试算”：“${first.name}”的金额恢复基线`);
    // a cell that is not overridden has nothing to take back: no action at all
    const before = actionCount(workbook);
    await ok(invoke, 'budget-line-edits', { scenarioId: id, edits: [{ lineId: first.id, field: 'amount', value: '' }] });
    expect(actionCount(workbook)).toBe(before);
  });

  it('in the baseline a pasted 数量 and 单价 of one driver line give their product', async () => {
    const invoke = invoker(newWorkbook());
    const base = await view(invoke);
    const line = base.lines.find((l) => l.name.startsWith('基本公共卫生服务'));
    if (!line) throw new Error('example baseline changed');
    const change = await ok<LinesChange>(invoke, 'budget-line-edits', {
      scenarioId: base.scenario.id,
      edits: [
        { lineId: line.id, field: 'quantity', value: '6000000' },
        { lineId: line.id, field: 'rate', value: '55' },
      ],
    });
    expect(change.lines).toHaveLength(1);
    expect(change.lines[0]).toMatchObject({ quantity: 6_000_000, rateFen: 5_500, amountFen: 6_000_000 * 5_500 });
  });

  it('one bad cell refuses the block, naming the row by code and name', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const base = await view(invoke);
    const [first, second] = education(base);
    if (!first || !second) throw new Error('example baseline changed');
    const result = await invoke('budget-line-edits', {
      scenarioId: base.scenario.id,
      edits: [
        { lineId: first.id, field: 'amount', value: '1000' },
        { lineId: second.id, field: 'amount', value: '很多' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('整批未做任何修改');
    expect(result.error.details).toEqual([expect.objectContaining({ where: `${second.code} ${second.name}「金额」` })]);
    expect((await view(invoke)).lines.find((l) => l.id === first.id)?.amountFen).toBe(first.amountFen);
  });

  it('按比例调整 scales one 功能分类 as one action, in a scenario only', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const { base, id } = await scenarioOn(invoke, '教育加3%');
    const refused = await invoke('budget-scale', { scenarioId: base.scenario.id, percent: '3', classCode: '205' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('情景');
    const actions = actionCount(workbook);
    const change = await ok<LinesChange>(invoke, 'budget-scale', { scenarioId: id, percent: '３％', classCode: '205' });
    expect(actionCount(workbook)).toBe(actions + 1);
    const lines = education(base);
    expect(change.lines.map((line) => line.amountFen)).toEqual(lines.map((line) => Math.round(line.amountFen * 1.03)));
    const others = (await view(invoke, id)).lines.filter((line) => line.classCode !== '205');
    expect(others.every((line) => line.overrides.length === 0)).toBe(true);
    const label = workbook.db.prepare('SELECT label FROM action ORDER BY id DESC LIMIT 1').get() as { label: string };
    expect(label.label).toBe(`情景“教育加3%”：功能分类205（${lines.length}行）金额按比例调整+3%`);
    const bad = await invoke('budget-scale', { scenarioId: id, percent: '很多', lineIds: [lines[0]?.id ?? 1] });
    expect(bad.ok).toBe(false);
  });

  it('a block over more lines than are updated one by one gives what a fresh read gives', async () => {
    const invoke = invoker(newWorkbook());
    const { base, id } = await scenarioOn(invoke, '全面调整');
    const change = await ok<LinesChange>(invoke, 'budget-line-edits', {
      scenarioId: id,
      edits: base.lines.map((line, i) => ({ lineId: line.id, field: 'amount', value: i % 2 ? '+1' : '-2%' })),
    });
    const fresh = await view(invoke, id);
    expect(change.metrics).toEqual(fresh.metrics);
    const byId = new Map(fresh.lines.map((line) => [line.id, line]));
    for (const line of change.lines) expect(line).toEqual(byId.get(line.id));
  });
});
