import { parseDueDate } from '../../core/plan/cell-values';
import { WorkbenchError } from '../../shared/result';
import { defaultPlanId } from '../store/plan-repository';
import { getTargets, listTargets, progressSettings } from '../store/progress-repository';
import { targetStates } from '../store/target-repository';
import { applyEdits, batchLabel } from '../edits/apply-edits';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import type { Handler } from './context';

export const targetList: Handler<'target-list'> = ({ planId }, { workbook }) => {
  // what this window's grid shows from now: an edit of a cell someone changes after this is refused as stale
  workbook.journal.markRead('target');
  const id = planId ?? defaultPlanId(workbook.db);
  const progress = progressSettings(workbook.db, id);
  return { targets: id === null ? [] : listTargets(workbook.db, id, progress), progress };
};

export const targetUpdate: Handler<'target-update'> = ({ edits, reason, label }, { workbook }) => {
  const { db } = workbook;
  const first = edits[0];
  const single = () =>
    `修改指标“${first ? (targetStates(db, [first.targetId])[0]?.label ?? '') : ''}”的${first ? TARGET_FIELDS[first.field].label : ''}`;
  applyEdits(workbook, { entity: 'target', edits }, reason ?? '', batchLabel(label, single, edits.length), { againstRead: true });
  return getTargets(db, [...new Set(edits.map((e) => e.targetId))]);
};

export const progressSettingsUpdate: Handler<'progress-settings-update'> = ({ asOf, yellowPoints, redPoints }, { workbook }) => {
  const { db, journal } = workbook;
  const current = progressSettings(db, defaultPlanId(db));
  const yellow = yellowPoints ?? current.yellowPoints;
  const red = redPoints ?? current.redPoints;
  if (yellow >= red) throw new WorkbenchError('bad_input', `黄灯阈值（${yellow}个百分点）应小于红灯阈值（${red}个百分点）。`);
  if (asOf) {
    const parsed = parseDueDate(asOf);
    if (!parsed.ok) throw new WorkbenchError('bad_input', `进度基准日：${parsed.reason}。`);
  }
  journal.record('修改序时进度设置', '', (recorder) => {
    if (asOf !== undefined) recorder.update('setting', { key: 'progress.as_of' }, 'value', asOf);
    recorder.update('setting', { key: 'progress.yellow_points' }, 'value', String(yellow));
    recorder.update('setting', { key: 'progress.red_points' }, 'value', String(red));
  });
  return progressSettings(db, defaultPlanId(db));
};
