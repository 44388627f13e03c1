import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parsePlan } from '../../core/plan/parse-plan';
import { decodeText } from '../../core/text/decode';
import { WorkbenchError } from '../../shared/result';
import { insertParsedPlan, listPlans } from '../store/plan-repository';
import type { Handler } from './context';

/** A plan document is a few dozen KB; anything past this is not one. */
export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

export const planList: Handler<'plan-list'> = (_input, { workbook }) => listPlans(workbook.db);

export const planParse: Handler<'plan-parse'> = ({ text }) => parsePlan(text);

export const planImport: Handler<'plan-import'> = async ({ text, sourceName }, { workbook }) => {
  const parsed = parsePlan(text);
  if (parsed.tasks.length === 0) {
    throw new WorkbenchError('bad_input', `“${sourceName}”中没有识别到任何编号任务，未导入。`, parsed.warnings.map((message) => ({ message })));
  }
  await workbook.backup('import');
  const { db } = workbook;
  const planId = db.transaction(() => insertParsedPlan(db, parsed, sourceName))();
  return { planId, tasks: parsed.tasks.length, targets: parsed.tasks.reduce((n, t) => n + t.targets.length, parsed.keyWork.targets.length) };
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
