import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parsePlan } from '../../core/plan/parse-plan';
import { decodeText } from '../../core/text/decode';
import { WorkbenchError } from '../../shared/result';
import { deletePlanRows, findSamePlan, insertParsedPlan, listPlans, planTextFingerprint, type PlanOrigin } from '../store/plan-repository';
import type { Handler } from './context';

/** A plan document is a few dozen KB; anything past this is not one. */
export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

export const planList: Handler<'plan-list'> = (_input, { workbook }) => listPlans(workbook.db);

export const planParse: Handler<'plan-parse'> = ({ text }) => parsePlan(text);

const describeOrigin = (origin: PlanOrigin): string => `“${origin.title}”（${origin.createdAt.slice(0, 10)} 从“${origin.sourceName}”导入）`;

/** Whether this text is already in the workbook: the preview says so before the user confirms. */
export const planFindSame: Handler<'plan-find-same'> = ({ text }, { workbook }) => {
  const origin = findSamePlan(workbook.db, parsePlan(text), planTextFingerprint(text));
  return origin ? { ...origin, message: `工作簿中已有内容相同的计划${describeOrigin(origin)}。再次导入会得到两份相同的计划。` } : null;
};

/**
 * One undoable action: every row of the plan is recorded, so 撤销 removes the plan (and units it introduced) and
 * 变更记录 lists it. The same text a second time is refused unless the user confirmed the copy.
 */
export const planImport: Handler<'plan-import'> = async ({ text, sourceName, allowDuplicate }, { workbook }) => {
  const parsed = parsePlan(text);
  if (parsed.tasks.length === 0) {
    throw new WorkbenchError('bad_input', `“${sourceName}”中没有识别到任何编号任务，未导入。`, parsed.warnings.map((message) => ({ message })));
  }
  const fingerprint = planTextFingerprint(text);
  const same = findSamePlan(workbook.db, parsed, fingerprint);
  if (same && !allowDuplicate) {
    throw new WorkbenchError('conflict', `工作簿中已有内容相同的计划${describeOrigin(same)}，未导入。确实需要第二份时，请在预览中确认“仍然导入”（命令行加 --allow-duplicate）。`);
  }
  await workbook.backup('import');
  const { db, journal } = workbook;
  const planId = journal.record(`导入计划：${parsed.title || sourceName}`, same ? `与已有计划内容相同，经确认再次导入` : '', (recorder) =>
    insertParsedPlan(db, parsed, sourceName, fingerprint, (table, row) => recorder.insert(table, row)),
  );
  return { planId, tasks: parsed.tasks.length, targets: parsed.tasks.reduce((n, t) => n + t.targets.length, parsed.keyWork.targets.length) };
};

/** 删除计划: one undoable action; links from budget lines to its tasks and targets are cleared (and restored by undo). */
export const planDelete: Handler<'plan-delete'> = ({ planId }, { workbook }) => {
  const { db, journal } = workbook;
  const plans = listPlans(db);
  const plan = plans.find((p) => p.id === planId);
  if (!plan) throw new WorkbenchError('not_found', '要删除的计划不存在（可能已被删除）。');
  if (plans.length === 1) throw new WorkbenchError('bad_input', `“${plan.title}”是工作簿中唯一的计划，不能删除。请先导入新的计划，再删除这一份。`);
  journal.record(`删除计划：${plan.title}`, '', (recorder) => deletePlanRows(db, recorder, planId));
  return listPlans(db);
};

/** Reads the chosen file in main: the page never gets a path or file-system access. */
export const planPickFile: Handler<'plan-pick-file'> = async (_input, { dialogs }) => {
  const path = await dialogs.pickPlanTextFile();
  if (path === null) return null;
  const { size } = await stat(path);
  if (size > MAX_PLAN_FILE_BYTES) {
    throw new WorkbenchError('bad_input', `文件“${basename(path)}”有 ${(size / 1024 / 1024).toFixed(1)} MB，超过计划文本的上限 5 MB。`);
  }
  const { text, encoding } = decodeText(await readFile(path));
  return { name: basename(path), text, encoding };
};
