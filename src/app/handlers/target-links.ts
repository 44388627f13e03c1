import { WorkbenchError } from '../../shared/result';
import { getScenario } from '../store/budget-repository';
import { getTargets } from '../store/progress-repository';
import { targetLink } from '../store/target-link-repository';
import { targetStates } from '../store/target-repository';
import type { Handler } from './context';

/**
 * Links a target's actual to a budget scenario's livelihood share (or removes the link), as one undoable action.
 * Only a rate can take a share: linking "城镇新增就业 3.4万人" to a percentage would be a unit slip.
 */
export const targetLinkSet: Handler<'target-link-set'> = ({ targetId, link: input, reason }, { workbook }) => {
  const link = input.source === 'typed' ? null : { source: input.source, scenarioId: input.scenarioId ?? null };
  const { db, journal } = workbook;
  const [target] = targetStates(db, [targetId]);
  if (!target) throw new WorkbenchError('not_found', '指标不存在，可能已被删除，请刷新。');
  const current = targetLink(db, targetId);
  if (link === null) {
    if (!current) return getTargets(db, [targetId])[0] ?? notFound();
    journal.record(`取消指标“${target.label}”实际值的关联（改为手填）`, reason ?? '', (recorder) =>
      recorder.delete('target_link', { target_id: targetId }),
    );
    return getTargets(db, [targetId])[0] ?? notFound();
  }
  if (target.base_unit !== 'ratio' || target.relative_to_year !== null) {
    throw new WorkbenchError('bad_input', `指标“${target.label}”不是以%计的比例，不能取预算的民生支出占比作为实际值。`);
  }
  const scenarioName = link.scenarioId === null ? '当前预算基线' : `预算情景“${getScenario(db, link.scenarioId).name}”`;
  journal.record(`指标“${target.label}”的实际值取自${scenarioName}的民生支出占比`, reason ?? '', (recorder) => {
    if (current) {
      recorder.update('target_link', { target_id: targetId }, 'source', link.source);
      recorder.update('target_link', { target_id: targetId }, 'scenario_id', link.scenarioId);
    } else {
      recorder.insert('target_link', { target_id: targetId, source: link.source, scenario_id: link.scenarioId });
    }
  });
  return getTargets(db, [targetId])[0] ?? notFound();
};

function notFound(): never {
  throw new WorkbenchError('not_found', '指标不存在，可能已被删除，请刷新。');
}
