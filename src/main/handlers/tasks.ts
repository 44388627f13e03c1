import { TASK_STATUSES, type TaskEditableField } from '../../shared/contract';
import { WorkbenchError } from '../../shared/result';
import { defaultPlanId, getTask, listTasks } from '../store/plan-repository';
import type { Handler } from './context';

const TASK_COLUMNS: Record<TaskEditableField, string> = {
  title: 'title',
  status: 'status',
  progressNote: 'progress_note',
  remark: 'remark',
};

export const TASK_FIELD_LABELS: Record<TaskEditableField, string> = {
  title: '任务',
  status: '状态',
  progressNote: '完成情况',
  remark: '备注',
};

export const taskList: Handler<'task-list'> = ({ planId }, { workbook }) => {
  const id = planId ?? defaultPlanId(workbook.db);
  return id === null ? [] : listTasks(workbook.db, id);
};

export const taskUpdate: Handler<'task-update'> = ({ taskId, field, value, reason }, { workbook }) => {
  const task = getTask(workbook.db, taskId);
  if (!task) throw new WorkbenchError('not_found', `任务不存在（编号 ${taskId}），可能已被删除，请刷新。`);
  if (field === 'status' && !(TASK_STATUSES as readonly string[]).includes(value)) {
    throw new WorkbenchError('bad_input', `“${value}”不是有效的状态。`);
  }
  if (field === 'title' && value.trim() === '') {
    throw new WorkbenchError('bad_input', '任务名称不能为空。');
  }
  workbook.journal.record(`修改任务${task.number}的${TASK_FIELD_LABELS[field]}`, reason ?? '', (recorder) => {
    recorder.update('task', { id: taskId }, TASK_COLUMNS[field], value);
  });
  const updated = getTask(workbook.db, taskId);
  if (!updated) throw new WorkbenchError('internal', '保存后无法读回任务。');
  return updated;
};
