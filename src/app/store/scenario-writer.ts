import type { OverrideField, OverrideOp } from '../../core/budget/model';
import { WorkbenchError } from '../../shared/result';
import type { Db } from './connection';
import { nextId } from './ids';
import type { Recorder } from './journal';
import type { OverrideRecord, ScenarioModel } from './budget-repository';
import { overrideOf, scenarioIdByName } from './scenario-repository';

/**
 * Writes to scenarios and budget lines, always through the journal's recorder so every change is one
 * undoable, logged action.
 */

export const MAX_SCENARIO_NAME = 60;

export function checkScenarioName(db: Db, name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new WorkbenchError('bad_input', '情景名称不能为空。');
  if (trimmed.length > MAX_SCENARIO_NAME) throw new WorkbenchError('bad_input', `情景名称不能超过${MAX_SCENARIO_NAME}个字。`);
  if (scenarioIdByName(db, trimmed) !== null) {
    throw new WorkbenchError('conflict', `已有名为“${trimmed}”的情景，请换一个名称（不会覆盖已有情景）。`);
  }
  return trimmed;
}

/** Inserts a scenario over `baselineId` holding `overrides`; returns its id. */
export function insertScenario(
  db: Db,
  recorder: Recorder,
  name: string,
  baselineId: number,
  overrides: readonly OverrideRecord[],
  note = '',
): number {
  const id = nextId(db, 'scenario');
  recorder.insert('scenario', {
    id,
    name: checkScenarioName(db, name),
    kind: 'scenario',
    baseline_id: baselineId,
    locked: 0,
    is_example: 0,
    note,
    created_at: new Date().toISOString(),
  });
  for (const override of overrides) {
    recorder.insert('scenario_override', {
      scenario_id: id,
      line_id: override.lineId,
      field: override.field,
      op: override.op,
      value: override.value,
    });
  }
  return id;
}

/** The baseline a new scenario derived from `model` goes over. */
export function baselineOf(model: ScenarioModel): number {
  return model.scenario.baselineId ?? model.scenario.id;
}

export function assertEditable(model: ScenarioModel): void {
  const { scenario } = model;
  if (scenario.kind === 'snapshot') throw new WorkbenchError('forbidden', `“${scenario.name}”是基线快照，只能查看，不能修改。`);
  if (scenario.locked) throw new WorkbenchError('forbidden', `“${scenario.name}”已锁定，不能修改。请先解锁。`);
}

/** Sets (or replaces) one override; an override that restates the baseline is removed instead. */
export function putOverride(
  db: Db,
  recorder: Recorder,
  scenarioId: number,
  lineId: number,
  field: OverrideField,
  op: OverrideOp,
  value: number,
  baselineValue: number,
): void {
  const key = { scenario_id: scenarioId, line_id: lineId, field };
  const existing = overrideOf(db, scenarioId, lineId, field);
  const isNoChange = (op === 'set' && value === baselineValue) || (op !== 'set' && value === 0);
  if (isNoChange) {
    if (existing) recorder.delete('scenario_override', key);
    return;
  }
  if (existing) {
    recorder.update('scenario_override', key, 'op', op);
    recorder.update('scenario_override', key, 'value', value);
  } else {
    recorder.insert('scenario_override', { ...key, op, value });
  }
}

/** Takes one field of a line back to the baseline in a scenario (nothing to do when it is not overridden). */
export function removeOverride(db: Db, recorder: Recorder, scenarioId: number, lineId: number, field: OverrideField): void {
  if (overrideOf(db, scenarioId, lineId, field)) recorder.delete('scenario_override', { scenario_id: scenarioId, line_id: lineId, field });
}
