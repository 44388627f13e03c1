import { WorkbenchError } from '../../shared/result';
import type { Db } from './connection';
import { nextId } from './ids';
import { type Recorder, writeChanges } from './journal';
import { scenarioRows } from '../../core/budget/line-edits';
import type { OverrideRecord, ScenarioModel } from './budget-repository';
import { scenarioIdByName } from './scenario-repository';

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
  writeChanges(
    recorder,
    scenarioRows({ id, name: checkScenarioName(db, name), baselineId, note, createdAt: new Date().toISOString() }, overrides),
  );
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
