import { parseComparator, parseDueDate } from '../../core/plan/cell-values';
import { WorkbenchError } from '../../shared/result';
import { defaultPlanId } from '../store/plan-repository';
import { getTargets, listTargets, progressSettings } from '../store/progress-repository';
import { targetStates } from '../store/target-repository';
import { applyCellEdits, batchLabel, refuse } from '../edits/cell-edits';
import { planTargetEdit, type TargetState } from '../edits/target-edits';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import type { Handler } from './context';

export const targetList: Handler<'target-list'> = ({ planId }, { workbook }) => {
  const id = planId ?? defaultPlanId(workbook.db);
  const progress = progressSettings(workbook.db, id);
  return { targets: id === null ? [] : listTargets(workbook.db, id, progress), progress };
};

export const targetUpdate: Handler<'target-update'> = ({ edits, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const states = new Map<number, TargetState>();
  const taskNumbers = new Map<number, number | null>();
  for (const { taskNumber, ...state } of targetStates(db, edits.map((e) => e.targetId))) {
    states.set(state.id, state);
    taskNumbers.set(state.id, taskNumber);
  }
  // the row as the grid shows it: its task number (or 重点工作) and the target's name
  const rowName = (targetId: number, label: string): string => {
    const number = taskNumbers.get(targetId);
    return `${number === null || number === undefined ? '重点工作' : `任务${number}`} · 指标“${label}”`;
  };
  // a comparator edit in the same batch applies before the value is read (a paste across both columns)
  const cells = edits.map((edit) => {
    const state = states.get(edit.targetId);
    const plan = state ? planTargetEdit(state, edit.field, edit.value) : refuse('指标不存在，可能已被删除，请刷新');
    if (state && plan.ok && edit.field === 'comparator') {
      const parsed = parseComparator(edit.value);
      if (parsed.ok) states.set(edit.targetId, { ...state, comparator: parsed.value });
    }
    return { where: state ? `${rowName(state.id, state.label)}「${TARGET_FIELDS[edit.field].label}」` : `指标（编号${edit.targetId}）`, text: edit.value, plan };
  });
  const first = edits[0];
  const single = () => `修改指标“${states.get(first?.targetId ?? 0)?.label ?? ''}”的${first ? TARGET_FIELDS[first.field].label : ''}`;
  applyCellEdits(journal, batchLabel(label, single, edits.length), reason ?? '', cells);
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
