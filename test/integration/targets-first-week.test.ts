import { type BudgetViewAnswer, budgetViewFromAnswer } from '../../src/shared/budget';
import { describe, expect, it } from 'vitest';
import type { TargetRow } from '../../src/shared/grid';
import type { ChangeLogEntry } from '../../src/shared/contract';
import { invoker, newWorkbook } from './helpers';

type Invoke = ReturnType<typeof invoker>;

async function ok<T>(invoke: Invoke, channel: string, input: unknown): Promise<T> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${JSON.stringify(result.error.details)}`);
  return result.value as T;
}

const targets = async (invoke: Invoke): Promise<TargetRow[]> => (await ok<{ targets: TargetRow[] }>(invoke, 'target-list', {})).targets;
const byLabel = (rows: TargetRow[], label: string): TargetRow => {
  const row = rows.find((r) => r.label === label);
  if (!row) throw new Error(`no target ${label}`);
  return row;
};

describe('relative targets (较2016年提高3%)', () => {
  it('are measured from the base year value: level base × 1.03, completion the share of the promised change', async () => {
    const invoke = invoker(newWorkbook());
    const marriage = byLabel(await targets(invoke), '婚检率');
    expect(marriage).toMatchObject({ relativeToYear: 2016, value: 3, unit: '%', relativeLevel: null });
    // an actual without the base year's value has no completion (and no 2066.7% from 62 ÷ 3)
    const [withoutBase] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [{ targetId: marriage.id, field: 'actual', value: '62' }],
    });
    expect(withoutBase?.completion).toBeNull();
    expect(withoutBase?.actual).toBe(62);
    const [measured] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [{ targetId: marriage.id, field: 'baseline', value: '60%' }],
    });
    expect(measured?.relativeLevel).toBeCloseTo(61.8, 9);
    // 2 points of the promised 1.8 → met, completion 111.1%
    expect(measured?.completion).toBeCloseTo(2 / 1.8, 9);
    expect(measured?.progress).toBe('met');
    // standing still is 0%, not 97%
    const [still] = await ok<TargetRow[]>(invoke, 'target-update', { edits: [{ targetId: marriage.id, field: 'actual', value: '60' }] });
    expect(still?.completion).toBe(0);
    // "3个百分点" reads as points: 60% + 3 = 63%
    const [points] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [{ targetId: marriage.id, field: 'value', value: '3个百分点' }],
    });
    expect(points).toMatchObject({ unit: '个百分点', value: 3 });
    expect(points?.relativeLevel).toBeCloseTo(63, 9);
    // the whole phrase as the grid shows it is accepted back (copy → paste)
    const [again] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [{ targetId: marriage.id, field: 'value', value: '较2016年提高3%' }],
    });
    expect(again).toMatchObject({ unit: '%', value: 3 });
  });
});

describe('a share target linked to the budget', () => {
  it('fills its actual from the baseline share, says where from, refuses typing, and follows the budget', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const share = byLabel(await targets(invoke), '一般公共预算民生支出比例');
    expect(share.progress).toBe('no_data');
    const linked = await ok<TargetRow>(invoke, 'target-link-set', { targetId: share.id, link: { source: 'budget_share' } });
    const metrics = await ok<{ metrics: { share: number } }>(invoke, 'budget-metrics', {});
    expect(linked.actual).toBeCloseTo(metrics.metrics.share * 100, 9);
    expect(linked.progress).toBe('met');
    expect(linked.actualSource).toMatch(/取自当前预算基线“.*”（示例数据，非真实预算）的民生支出占比 72\.01%/);
    // typing over a linked actual is refused, naming the row as the user sees it
    const typed = await invoke('target-update', { edits: [{ targetId: share.id, field: 'actual', value: '71' }] });
    expect(typed.ok).toBe(false);
    if (!typed.ok)
      expect(typed.error.message).toMatch(/^未修改：重点工作 · 指标“一般公共预算民生支出比例”「实际值」：“71”：该指标的实际值取自预算/);
    // a budget edit moves the linked actual
    const view = budgetViewFromAnswer(await ok<BudgetViewAnswer>(invoke, 'budget-view', {}));
    const reserve = view.lines.find((l) => l.name === '预备费');
    await ok(invoke, 'budget-line-update', { scenarioId: view.scenario.id, lineId: reserve?.id ?? 0, field: 'amount', value: '2000000' });
    const after = byLabel(await targets(invoke), '一般公共预算民生支出比例');
    expect(after.actual).toBeLessThan(70);
    expect(after.progress).not.toBe('met');
    // undo and redo of the link, and unlinking gives the typed actual back
    await ok(invoke, 'history-undo', {}); // the budget edit
    await ok(invoke, 'history-undo', {}); // the link
    expect(byLabel(await targets(invoke), '一般公共预算民生支出比例').link).toBeNull();
    await ok(invoke, 'history-redo', {});
    expect(byLabel(await targets(invoke), '一般公共预算民生支出比例').link).toEqual({ source: 'budget_share', scenarioId: null });
    const unlinked = await ok<TargetRow>(invoke, 'target-link-set', { targetId: share.id, link: { source: 'typed' } });
    expect(unlinked).toMatchObject({ link: null, actual: null, actualSource: '' });
    // only a rate can take a share
    const jobs = byLabel(await targets(invoke), '城镇新增就业');
    const refused = await invoke('target-link-set', { targetId: jobs.id, link: { source: 'budget_share' } });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
  });
});

describe('变更记录 in words', () => {
  it('shows target figures in their unit, money in 万元 and a breakback with its amounts', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const rows = await targets(invoke);
    const jobs = byLabel(rows, '城镇新增就业');
    const rate = byLabel(rows, '城乡居民参保率');
    await ok(invoke, 'target-update', { edits: [{ targetId: jobs.id, field: 'value', value: '3.5' }] });
    await ok(invoke, 'target-update', { edits: [{ targetId: jobs.id, field: 'actual', value: '15500人' }] });
    await ok(invoke, 'target-update', { edits: [{ targetId: rate.id, field: 'actual', value: '97.5' }] });
    const view = budgetViewFromAnswer(await ok<BudgetViewAnswer>(invoke, 'budget-view', {}));
    const scenario = await ok<{ id: number }>(invoke, 'scenario-create', { name: '调整', fromScenarioId: view.scenario.id });
    const school = view.lines.find((l) => l.name === '初中教育');
    await ok(invoke, 'budget-line-update', { scenarioId: scenario.id, lineId: school?.id ?? 0, field: 'amount', value: '+500' });
    const education = view.lines
      .filter((l) => l.livelihood)
      .slice(0, 6)
      .map((l) => l.id);
    await ok(invoke, 'breakback', {
      scenarioId: view.scenario.id,
      lineIds: education,
      heldLineIds: [],
      amount: '600',
      mode: 'even',
      saveAs: '分摊测试',
    });
    const log = await ok<ChangeLogEntry[]>(invoke, 'change-log-list', {});
    const find = (predicate: (e: ChangeLogEntry) => boolean): ChangeLogEntry => {
      const entry = log.find(predicate);
      if (!entry) throw new Error('missing entry');
      return entry;
    };
    expect(find((e) => e.field === 'value' && e.what === '城镇新增就业')).toMatchObject({ oldText: '3.4万人', newText: '3.5万人' });
    // base_value/base_unit written beside it are not listed
    expect(log.filter((e) => e.field === 'base_value' || e.field === 'base_unit')).toEqual([]);
    expect(find((e) => e.field === 'actual' && e.what === '城镇新增就业')).toMatchObject({ oldText: '（空）', newText: '1.55万人' });
    expect(find((e) => e.field === 'actual' && e.what === '城乡居民参保率')).toMatchObject({ newText: '97.5%' });
    expect(find((e) => e.table === 'scenario_override' && e.label.startsWith('情景“调整”'))).toMatchObject({
      fieldLabel: '金额调整',
      oldText: '基线 118,000.00万元',
      newText: '+500.00万元',
    });
    const breakback = log.filter((e) => e.label.startsWith('分摊600.00万元'));
    const parts = breakback.filter((e) => e.table === 'scenario_override');
    expect(parts).toHaveLength(6);
    expect(new Set(breakback.map((e) => e.actionId)).size).toBe(1);
    for (const part of parts) expect(part.newText).toMatch(/万元（\+100\.00万元）$/);
  });
});
