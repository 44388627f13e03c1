import type { ParsedPlan } from '../../shared/plan';
import { parsePlanBlocks } from '../plan/parse-plan';
import { type DocumentFormat, FORMAT_NAMES, type PlanDocument } from './blocks';
import { readPlanDocument, type ReadOptions, READ_LIMITS } from './read-document';

/** A plan file as read for the preview: its format, what the reader noticed, and the parsed plan. */
export interface PlanReading {
  name: string;
  format: DocumentFormat;
  formatName: string;
  encoding: string;
  blockCount: number;
  plan: ParsedPlan;
}

export function planOfDocument(document: PlanDocument): PlanReading {
  const plan = parsePlanBlocks(document.blocks);
  plan.warnings.unshift(...document.notes);
  if (document.format === 'doc' && plan.tasks.length === 0) {
    plan.warnings.push('旧版Word/WPS文件中的自动编号无法读取；如任务是自动编号的，请另存为 .docx 后再导入。');
  }
  return {
    name: document.name,
    format: document.format,
    formatName: FORMAT_NAMES[document.format],
    encoding: document.encoding ?? '',
    blockCount: document.blocks.length,
    plan,
  };
}

/** Bytes → plan, for the parser process (and tests): read the document, then parse the plan in its blocks. */
export async function readPlanFile(bytes: Uint8Array, name: string, options: ReadOptions = READ_LIMITS): Promise<PlanReading> {
  return planOfDocument(await readPlanDocument(bytes, name, options));
}
