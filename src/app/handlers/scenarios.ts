import { WorkbenchError } from '../../shared/result';
import {
  currentBaselineId,
  forgetCurrentScenarioIfGone,
  getScenario,
  loadBaseline,
  overrideRecords,
  scenarioModel,
  showScenario,
} from '../store/budget-repository';
import { baselineCount, baselineLineIds, scenariosOverCount, storedBaselineLines } from '../store/scenario-repository';
import { nextId } from '../store/ids';
import { baselineOf, checkScenarioName, insertScenario } from '../store/scenario-writer';
import type { Handler } from './context';

/** Scenarios: create (empty or cloned), delete, lock, promote to baseline. */

export const scenarioCreate: Handler<'scenario-create'> = ({ name, fromScenarioId }, { workbook }) => {
  const { db, journal } = workbook;
  let baselineId: number;
  let overrides: ReturnType<typeof scenarioModel>['overrides'] = [];
  if (fromScenarioId !== undefined) {
    const source = scenarioModel(db, fromScenarioId);
    baselineId = baselineOf(source);
    overrides = source.overrides;
  } else {
    const current = currentBaselineId(db);
    if (current === null) throw new WorkbenchError('not_found', '还没有预算基线，无法新建情景。');
    baselineId = current;
  }
  const label = fromScenarioId === undefined ? `新建情景“${name.trim()}”` : `复制情景为“${name.trim()}”`;
  const id = journal.record(label, '', (recorder) => insertScenario(db, recorder, name, baselineId, overrides));
  return getScenario(db, id);
};

export const scenarioDelete: Handler<'scenario-delete'> = ({ scenarioId }, { workbook }) => {
  const { db, journal } = workbook;
  const scenario = getScenario(db, scenarioId);
  if (scenario.locked) throw new WorkbenchError('forbidden', `“${scenario.name}”已锁定，不能删除。请先解锁。`);
  if (scenario.kind !== 'scenario') {
    const dependants = scenariosOverCount(db, scenarioId);
    if (dependants > 0) throw new WorkbenchError('conflict', `还有${dependants}个情景建立在“${scenario.name}”之上，请先删除这些情景。`);
    if (scenario.kind === 'baseline' && baselineCount(db) <= 1) throw new WorkbenchError('conflict', '这是唯一的基线，不能删除。');
  }
  journal.record(`删除情景“${scenario.name}”`, '', (recorder) => {
    for (const o of overrideRecords(db, scenarioId))
      recorder.delete('scenario_override', { scenario_id: scenarioId, line_id: o.lineId, field: o.field });
    if (scenario.kind !== 'scenario') {
      for (const lineId of baselineLineIds(db, scenarioId)) recorder.delete('budget_line', { id: lineId });
    }
    recorder.delete('scenario', { id: scenarioId });
  });
  forgetCurrentScenarioIfGone(db);
  return { deleted: scenarioId };
};

export const scenarioLock: Handler<'scenario-lock'> = ({ scenarioId, locked }, { workbook }) => {
  const { db, journal } = workbook;
  const scenario = getScenario(db, scenarioId);
  if (scenario.kind === 'snapshot') throw new WorkbenchError('forbidden', '基线快照始终锁定，不能解锁。');
  journal.record(`${locked ? '锁定' : '解锁'}“${scenario.name}”`, '', (recorder) => {
    recorder.update('scenario', { id: scenarioId }, 'locked', locked ? 1 : 0);
  });
  return getScenario(db, scenarioId);
};

function stamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * Makes a scenario's figures the baseline's own. The baseline is first copied into a locked snapshot, so
 * the old figures stay viewable and comparable; the scenario, now equal to the baseline, is removed.
 * Other scenarios over the same baseline keep their overrides (a +5% stays +5% of the new figures).
 */
export const scenarioPromote: Handler<'scenario-promote'> = ({ scenarioId }, { workbook }) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  if (model.scenario.kind !== 'scenario' || model.scenario.baselineId === null) {
    throw new WorkbenchError('bad_input', `“${model.scenario.name}”本身就是基线或快照。`);
  }
  const baseline = getScenario(db, model.scenario.baselineId);
  if (baseline.kind !== 'baseline') throw new WorkbenchError('bad_input', '该情景建立在快照之上，不能设为基线。');
  if (baseline.locked) throw new WorkbenchError('forbidden', `基线“${baseline.name}”已锁定，请先解锁再设为基线。`);
  const snapshotName = checkScenarioName(db, `${baseline.name} 快照 ${stamp(new Date())}`);
  const lines = loadBaseline(db, baseline.id, model.settings.livelihoodClasses);
  const columns = storedBaselineLines(db, baseline.id);

  const snapshotId = journal.record(`情景“${model.scenario.name}”设为基线`, '', (recorder) => {
    const id = nextId(db, 'scenario');
    recorder.insert('scenario', {
      id,
      name: snapshotName,
      kind: 'snapshot',
      baseline_id: null,
      locked: 1,
      is_example: baseline.isExample ? 1 : 0,
      note: `在“${model.scenario.name}”设为基线之前保存的基线数据。`,
      created_at: new Date().toISOString(),
    });
    let lineId = nextId(db, 'budget_line');
    for (const row of columns) recorder.insert('budget_line', { ...row, id: lineId++, baseline_id: id });

    const touched = new Set(model.overrides.map((o) => o.lineId));
    for (const lineIdToApply of touched) {
      const index = lines.indexById.get(lineIdToApply);
      if (index === undefined) continue;
      const key = { id: lineIdToApply };
      const amountOverridden = model.overrides.some((o) => o.lineId === lineIdToApply && o.field === 'amount');
      if (lines.arrays.hasDriver[index] && !amountOverridden) {
        if (model.overrides.some((o) => o.lineId === lineIdToApply && o.field === 'quantity')) {
          // the scenario's quantity replaces the one the target supplied
          recorder.update('budget_line', key, 'driver_target_id', null);
          recorder.update('budget_line', key, 'driver_quantity', model.values.quantity[index] ?? 0);
        }
        recorder.update('budget_line', key, 'driver_rate_fen', model.values.rateFen[index] ?? 0);
      } else if (lines.arrays.hasDriver[index]) {
        // a set amount wins over the driver; the baseline keeps the amount and drops the driver
        recorder.update('budget_line', key, 'driver_target_id', null);
        recorder.update('budget_line', key, 'driver_quantity', null);
        recorder.update('budget_line', key, 'driver_rate_fen', null);
      }
      recorder.update('budget_line', key, 'amount_fen', model.values.amountFen[index] ?? 0);
    }
    for (const o of model.overrides) recorder.delete('scenario_override', { scenario_id: scenarioId, line_id: o.lineId, field: o.field });
    recorder.delete('scenario', { id: scenarioId });
    return id;
  });
  showScenario(db, baseline.id);
  return { baseline: getScenario(db, baseline.id), snapshot: getScenario(db, snapshotId) };
};
