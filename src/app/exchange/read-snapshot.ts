import { localMinute } from '../../core/local-time';
import type { ScenarioSnapshot, WorkbookSnapshot } from '../../core/exchange/snapshot';
import { budgetSettings, currentBaselineId, lineRows, listScenarios, scenarioModel } from '../store/budget-repository';
import { recordName } from '../store/record-names';
import type { Db } from '../store/connection';
import { defaultPlanId, listTasks } from '../store/plan-repository';
import { listTargets } from '../store/progress-repository';
import { listOrgs } from '../store/org-repository';

function scenarioSnapshot(db: Db, scenarioId: number): ScenarioSnapshot {
  const model = scenarioModel(db, scenarioId);
  return {
    id: model.scenario.id,
    name: model.scenario.name,
    isExample: model.scenario.isExample,
    lines: lineRows(model),
    metrics: model.metrics,
  };
}

/** The workbook's current plan, owners, baseline and its scenarios, as an export writes them. */
export function readSnapshot(db: Db, now = new Date()): WorkbookSnapshot {
  const planId = defaultPlanId(db);
  const baselineId = currentBaselineId(db);
  const planTitle = planId === null ? '民生规划工作台' : recordName(db, 'plan', planId) || '实施计划';
  return {
    planTitle,
    exportedAt: localMinute(now),
    tasks: planId === null ? [] : listTasks(db, planId),
    targets: planId === null ? [] : listTargets(db, planId),
    orgs: listOrgs(db),
    baseline: baselineId === null ? null : scenarioSnapshot(db, baselineId),
    scenarios: listScenarios(db)
      .filter((s) => s.kind === 'scenario' && s.baselineId === baselineId)
      .map((s) => scenarioSnapshot(db, s.id)),
    settings: budgetSettings(db),
  };
}
