import { breakback } from '../../core/budget/breakback';
import { classLabel } from '../../core/budget/classification';
import { compareScenarios } from '../../core/budget/compare';
import { goalSeek } from '../../core/budget/goal-seek';
import { parseMoney } from '../../core/budget/money';
import type { OverrideField } from '../../core/budget/model';
import { sensitivityTable } from '../../core/budget/sensitivity';
import { WorkbenchError } from '../../shared/result';
import { getScenario, scenarioModel, type OverrideRecord } from '../store/budget-repository';
import { baselineOf, insertScenario } from '../store/scenario-writer';
import type { Handler } from './context';

/** Goal seek, breakback, sensitivity and comparison: read a scenario, never change it; results become new scenarios. */

const VARIABLE_LABELS: Record<OverrideField, string> = { amount: '金额', rate: '单价', quantity: '数量' };

export const goalSeekHandler: Handler<'goal-seek'> = ({ scenarioId, lineId, variable, share, saveAs }, { workbook }) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  const index = model.baseline.indexById.get(lineId);
  if (index === undefined) throw new WorkbenchError('not_found', `预算行不存在（编号 ${lineId}）。`);
  const { arrays, meta } = model.baseline;
  if (variable !== 'amount' && !arrays.hasDriver[index]) {
    throw new WorkbenchError('bad_input', '该行没有“数量×单价”的测算方式，只能对金额求解。');
  }
  const lineAmount = model.values.amountFen[index] ?? 0;
  const isLivelihood = arrays.livelihood[index] === 1;
  const result = goalSeek({
    othersTotalFen: model.metrics.totalFen - lineAmount,
    othersLivelihoodFen: model.metrics.livelihoodFen - (isLivelihood ? lineAmount : 0),
    isLivelihood,
    targetShare: share,
    variable,
    quantity: model.values.quantity[index] ?? 0,
    rateFen: model.values.rateFen[index] ?? 0,
  });
  if (!result.ok) throw new WorkbenchError('bad_input', `目标求解无解：${result.reason}`);

  // the solved variable replaces any override of it; solving a driver drops an amount override that would mask it
  const kept = model.overrides.filter(
    (o) => !(o.lineId === lineId && (o.field === variable || (variable !== 'amount' && o.field === 'amount'))),
  );
  const solved: OverrideRecord = { lineId, field: variable, op: 'set', value: result.value };
  const name = meta[index]?.name ?? '';
  const newId = journal.record(
    `目标求解：“${name}”的${VARIABLE_LABELS[variable]}（目标占比${(share * 100).toFixed(2)}%）另存为“${saveAs.trim()}”`,
    '',
    (recorder) =>
      insertScenario(
        db,
        recorder,
        saveAs,
        baselineOf(model),
        [...kept, solved],
        `由“${model.scenario.name}”目标求解得到：民生占比目标${(share * 100).toFixed(2)}%，调整“${name}”的${VARIABLE_LABELS[variable]}。`,
      ),
  );
  const created = scenarioModel(db, newId);
  return { scenario: created.scenario, value: result.value, amountFen: result.amountFen, metrics: created.metrics };
};

export const breakbackHandler: Handler<'breakback'> = (
  { scenarioId, lineIds, heldLineIds, amount, restoreFloor, mode, saveAs },
  { workbook },
) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  const indices = lineIds.map((lineId) => {
    const index = model.baseline.indexById.get(lineId);
    if (index === undefined) throw new WorkbenchError('not_found', `预算行不存在（编号 ${lineId}）。`);
    return index;
  });
  let deltaFen: number;
  if (restoreFloor) {
    if (indices.some((index) => !model.baseline.arrays.livelihood[index])) {
      throw new WorkbenchError('bad_input', '补足民生底线只能分摊到民生支出行，所选行中有非民生支出。');
    }
    deltaFen = model.metrics.minLivelihoodIncreaseFen;
    if (deltaFen === 0) throw new WorkbenchError('bad_input', '当前情景已达到民生支出底线，无需补足。');
  } else {
    const money = parseMoney(amount ?? '', 'wan');
    if (!money.ok) throw new WorkbenchError('bad_input', `分摊金额：${money.reason}。`);
    deltaFen = money.fen;
  }
  const held = new Set(heldLineIds);
  const result = breakback(
    indices.map((index, i) => ({ amountFen: model.values.amountFen[index] ?? 0, held: held.has(lineIds[i] ?? 0) })),
    deltaFen,
    mode,
  );
  if (!result.ok) throw new WorkbenchError('bad_input', `分摊失败：${result.reason}`);
  const moved = new Set<number>();
  const overrides: OverrideRecord[] = [];
  result.deltas.forEach((delta, i) => {
    const lineId = lineIds[i] ?? 0;
    const index = indices[i] ?? 0;
    if (delta === 0) return;
    moved.add(lineId);
    overrides.push({ lineId, field: 'amount', op: 'set', value: (model.values.amountFen[index] ?? 0) + delta });
  });
  const kept = model.overrides.filter((o) => !(moved.has(o.lineId) && o.field === 'amount'));
  const newId = journal.record(`分摊${(deltaFen / 1_000_000).toFixed(2)}万元到${moved.size}行，另存为“${saveAs.trim()}”`, '', (recorder) =>
    insertScenario(
      db,
      recorder,
      saveAs,
      baselineOf(model),
      [...kept, ...overrides],
      `由“${model.scenario.name}”分摊得到（${mode === 'even' ? '平均' : '按比例'}）。`,
    ),
  );
  const created = scenarioModel(db, newId);
  return { scenario: created.scenario, deltas: result.deltas, metrics: created.metrics };
};

export const sensitivityHandler: Handler<'sensitivity'> = ({ scenarioId, row, col }, { workbook }) => {
  const model = scenarioModel(workbook.db, scenarioId);
  const table = sensitivityTable(
    {
      amountFen: model.values.amountFen,
      livelihood: model.baseline.arrays.livelihood,
      classCodes: model.baseline.meta.map((meta) => meta.classCode),
    },
    model.settings.floor,
    row,
    col,
  );
  return { floor: model.settings.floor, ...table };
};

export const scenarioCompare: Handler<'scenario-compare'> = ({ scenarioIds }, { workbook }) => {
  const models = scenarioIds.map((id) => scenarioModel(workbook.db, id));
  const targetLabels = new Map<number, string>();
  const comparison = compareScenarios(
    models.map((model) => ({
      name: model.scenario.name,
      floor: model.settings.floor,
      lines: model.baseline.meta.map((meta, index) => {
        if (meta.targetId !== null) targetLabels.set(meta.targetId, meta.targetLabel);
        return {
          code: meta.code,
          name: meta.name,
          livelihood: model.baseline.arrays.livelihood[index] === 1,
          amountFen: model.values.amountFen[index] ?? 0,
          targetId: meta.targetId,
        };
      }),
    })),
  );
  const decorate = <T extends { classCode: string; targetId: number | null }>(row: T) => ({
    ...row,
    className: classLabel(row.classCode),
    targetLabel: row.targetId === null ? '' : (targetLabels.get(row.targetId) ?? ''),
  });
  return {
    scenarios: scenarioIds.map((id) => getScenario(workbook.db, id)),
    metrics: comparison.metrics,
    lines: comparison.lines.map(decorate),
    classes: comparison.classes.map(decorate),
    fallingTargetLines: comparison.fallingTargetLines.map(decorate),
  };
};
