import { applyOwnerCorrections } from '../../core/plan/owner-fixes';
import { parsePlan } from '../../core/plan/parse-plan';
import type { ParsedPlan } from '../../shared/plan';
import { WorkbenchError } from '../../shared/result';
import { insertParsedPlan, listPlans } from '../store/plan-repository';
import type { Handler, HandlerContext } from './context';

export const planList: Handler<'plan-list'> = (_input, { workbook }) => listPlans(workbook.db);

export const planParse: Handler<'plan-parse'> = ({ text }) => parsePlan(text);

/** The plan to write: the pasted text parsed again, or the file read for the preview; with the user's owner fixes. */
function planToImport(input: { text?: string | undefined; token?: string | undefined; owners?: { taskNumber: number; lead: string[]; co: string[] }[] | undefined }, pendingPlans: HandlerContext['pendingPlans']): ParsedPlan {
  const parsed = input.token !== undefined ? pendingPlans.get(input.token).plan : parsePlan(input.text ?? '');
  try {
    return applyOwnerCorrections(parsed, input.owners ?? []);
  } catch (error) {
    throw new WorkbenchError('bad_input', `责任单位修改无效：${(error as Error).message}。`);
  }
}

export const planImport: Handler<'plan-import'> = async (input, { workbook, pendingPlans }) => {
  const { sourceName } = input;
  const parsed = planToImport(input, pendingPlans);
  if (parsed.tasks.length === 0) {
    throw new WorkbenchError('bad_input', `“${sourceName}”中没有识别到任何编号任务，未导入。`, parsed.warnings.map((message) => ({ message })));
  }
  await workbook.backup('import');
  const { db } = workbook;
  const planId = db.transaction(() => insertParsedPlan(db, parsed, sourceName))();
  if (input.token !== undefined) pendingPlans.drop(input.token);
  return { planId, tasks: parsed.tasks.length, targets: parsed.tasks.reduce((n, t) => n + t.targets.length, parsed.keyWork.targets.length) };
};

/**
 * Reads the chosen plan file (any format) in the parser process and keeps the parsed plan for the import:
 * the page never gets a path or file-system access, and no untrusted file is parsed in main.
 */
export const planPickFile: Handler<'plan-pick-file'> = async (_input, { dialogs, spreadsheets, pendingPlans }) => {
  const path = await dialogs.pickPlanTextFile();
  if (path === null) return null;
  const reading = await spreadsheets.readPlan(path);
  return { token: pendingPlans.put(reading), name: reading.name, format: reading.format, formatName: reading.formatName, encoding: reading.encoding, plan: reading.plan };
};
