import { formatPercent } from '../../core/percent';
import type { TargetLink } from '../../shared/grid';
import { currentBaselineId, getScenario, scenarioModel } from './budget-repository';
import type { Db } from './connection';
import { scenarioExists } from './scenario-repository';

/**
 * Targets whose actual is read rather than typed (migration 0008): "一般公共预算民生支出比例不低于70%" linked to
 * the livelihood share of a budget scenario — the current baseline, or one chosen scenario — fills itself, and
 * says where its figure comes from.
 */

export interface LinkedActual {
  /** in the target's base unit (a ratio for a share); null when the source has no figure */
  actual: number | null;
  /** where the figure comes from, in words */
  source: string;
}

interface LinkRecord {
  source: string;
  scenarioId: number | null;
}

export function targetLink(db: Db, targetId: number): TargetLink | null {
  const record = db.prepare('SELECT source, scenario_id AS scenarioId FROM target_link WHERE target_id = ?').get(targetId) as
    LinkRecord | undefined;
  return record && record.source === 'budget_share' ? { source: 'budget_share', scenarioId: record.scenarioId } : null;
}

/** Reads each linked figure once per listing (a scenario's model is cached per connection anyway). */
export function linkedActuals(db: Db): (link: TargetLink) => LinkedActual {
  const cache = new Map<string, LinkedActual>();
  return (link) => {
    const key = `${link.source}:${link.scenarioId ?? 'current'}`;
    const known = cache.get(key);
    if (known) return known;
    const resolved = resolve(db, link);
    cache.set(key, resolved);
    return resolved;
  };
}

function resolve(db: Db, link: TargetLink): LinkedActual {
  const scenarioId = link.scenarioId ?? currentBaselineId(db);
  const which = link.scenarioId === null ? '当前预算基线' : '预算情景';
  if (scenarioId === null) return { actual: null, source: '取自当前预算基线的民生支出占比：工作簿中还没有预算' };
  if (!scenarioExists(db, scenarioId)) {
    return { actual: null, source: '取自预算情景的民生支出占比：该情景已被删除，请重新关联或取消关联' };
  }
  const scenario = getScenario(db, scenarioId);
  const { metrics } = scenarioModel(db, scenarioId);
  const example = scenario.isExample ? '（示例数据，非真实预算）' : '';
  if (metrics.share === null) return { actual: null, source: `取自${which}“${scenario.name}”${example}的民生支出占比：${metrics.message}` };
  return { actual: metrics.share, source: `取自${which}“${scenario.name}”${example}的民生支出占比 ${formatPercent(metrics.share)}` };
}
