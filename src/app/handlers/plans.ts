import { applyOwnerCorrections } from '../../core/plan/owner-fixes';
import { parsePlan } from '../../core/plan/parse-plan';
import type { ParsedPlan } from '../../shared/plan';
import { WorkbenchError } from '../../shared/result';
import { deletePlanRows, findSamePlan, insertParsedPlan, listPlans, planFingerprint, type PlanOrigin } from '../store/plan-repository';
import type { Handler, HandlerContext } from './context';

export const planList: Handler<'plan-list'> = (_input, { workbook }) => listPlans(workbook.db);

export const planParse: Handler<'plan-parse'> = ({ text }) => parsePlan(text);

type PlanSource = { text?: string | undefined; token?: string | undefined };

/** The plan a preview showed: pasted text parsed again, or the file read into the parser process under a token. */
function previewedPlan(input: PlanSource, pendingPlans: HandlerContext['pendingPlans']): ParsedPlan {
  return input.token !== undefined ? pendingPlans.get(input.token).plan : parsePlan(input.text ?? '');
}

/** The plan to write: the previewed plan with the user's owner fixes. */
function planToImport(
  input: PlanSource & { owners?: { taskNumber: number; lead: string[]; co: string[] }[] | undefined },
  pendingPlans: HandlerContext['pendingPlans'],
): ParsedPlan {
  const parsed = previewedPlan(input, pendingPlans);
  try {
    return applyOwnerCorrections(parsed, input.owners ?? []);
  } catch (error) {
    throw new WorkbenchError('bad_input', `责任单位修改无效：${(error as Error).message}。`);
  }
}

const describeOrigin = (origin: PlanOrigin): string => `“${origin.title}”（${origin.createdAt.slice(0, 10)} 从“${origin.sourceName}”导入）`;

/** Whether this plan is already in the workbook (by its tasks' content, whatever the file's format): the preview says so. */
export const planFindSame: Handler<'plan-find-same'> = (input, { workbook, pendingPlans }) => {
  const parsed = previewedPlan(input, pendingPlans);
  const origin = findSamePlan(workbook.db, parsed, planFingerprint(parsed));
  return origin ? { ...origin, message: `工作簿中已有内容相同的计划${describeOrigin(origin)}。再次导入会得到两份相同的计划。` } : null;
};

/**
 * One undoable action: every row of the plan is recorded, so 撤销 removes the plan (and orgs it introduced) and
 * 变更记录 lists it. A plan whose content is already in the workbook is refused unless the user confirmed the copy.
 */
export const planImport: Handler<'plan-import'> = async (input, { workbook, pendingPlans }) => {
  const { sourceName, allowDuplicate } = input;
  const parsed = planToImport(input, pendingPlans);
  if (parsed.tasks.length === 0) {
    throw new WorkbenchError(
      'bad_input',
      `“${sourceName}”中没有识别到任何编号任务，未导入。`,
      parsed.warnings.map((message) => ({ message })),
    );
  }
  const fingerprint = planFingerprint(parsed);
  const same = findSamePlan(workbook.db, parsed, fingerprint);
  if (same && !allowDuplicate) {
    throw new WorkbenchError(
      'conflict',
      `工作簿中已有内容相同的计划${describeOrigin(same)}，未导入。确实需要第二份时，请在预览中确认“仍然导入”（命令行加 --allow-duplicate）。`,
    );
  }
  await workbook.backup('import');
  const { db, journal } = workbook;
  const planId = journal.record(`导入计划：${parsed.title || sourceName}`, same ? `与已有计划内容相同，经确认再次导入` : '', (recorder) =>
    insertParsedPlan(db, parsed, sourceName, fingerprint, (table, row) => recorder.insert(table, row)),
  );
  if (input.token !== undefined) pendingPlans.drop(input.token);
  return {
    planId,
    tasks: parsed.tasks.length,
    targets: parsed.tasks.reduce((n, t) => n + t.targets.length, parsed.keyWork.targets.length),
  };
};

/** 删除计划: one undoable action; links from budget lines to its tasks and targets are cleared (and restored by undo). */
export const planDelete: Handler<'plan-delete'> = ({ planId }, { workbook }) => {
  const { db, journal } = workbook;
  const plans = listPlans(db);
  const plan = plans.find((p) => p.id === planId);
  if (!plan) throw new WorkbenchError('not_found', '要删除的计划不存在（可能已被删除）。');
  if (plans.length === 1)
    throw new WorkbenchError('bad_input', `“${plan.title}”是工作簿中唯一的计划，不能删除。请先导入新的计划，再删除这一份。`);
  journal.record(`删除计划：${plan.title}`, '', (recorder) => deletePlanRows(db, recorder, planId));
  return listPlans(db);
};

/**
 * Reads the chosen plan file (any format) in the parser process and keeps the parsed plan for the import:
 * the page never gets a path or file-system access, and no untrusted file is parsed in main.
 */
export const planPickFile: Handler<'plan-pick-file'> = async (_input, { dialogs, spreadsheets, pendingPlans }) => {
  const path = await dialogs.pickPlanTextFile();
  if (path === null) return null;
  const reading = await spreadsheets.readPlan(path);
  return {
    token: pendingPlans.put(reading),
    name: reading.name,
    format: reading.format,
    formatName: reading.formatName,
    encoding: reading.encoding,
    plan: reading.plan,
  };
};
