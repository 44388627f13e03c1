import type { ErrorDetail } from '../../shared/result';
import { WorkbenchError } from '../../shared/result';
import type { Journal, Recorder } from '../store/journal';

/**
 * A batch of cell edits (one typed cell, a paste of 30, a fill-down) is one action: every cell is checked
 * first, and if any cannot be stored nothing is written and every bad cell is listed with the reason.
 */

export type CellPlan = { ok: true; write(recorder: Recorder): void } | { ok: false; message: string };

export interface CellEdit {
  /** where the cell is, in words: "任务6「状态」" */
  where: string;
  /** what the user typed */
  text: string;
  plan: CellPlan;
}

/** `check` runs after the writes, inside the transaction: throwing there rolls the whole batch back. */
export function applyCellEdits(journal: Journal, label: string, reason: string, edits: readonly CellEdit[], check?: () => void): void {
  const problems: ErrorDetail[] = edits
    .filter((edit) => !edit.plan.ok)
    .map((edit) => ({ where: edit.where, message: `“${edit.text.length > 40 ? `${edit.text.slice(0, 40)}…` : edit.text}”：${(edit.plan as { message: string }).message}` }));
  if (problems.length > 0) {
    const only = problems[0];
    // one cell: the sentence says it all (where, what was typed, why, an example); the detail repeats it for tools
    const message =
      edits.length === 1 && only ? `未修改：${only.where}：${only.message}` : `${problems.length}个单元格无法保存，整批未做任何修改。`;
    throw new WorkbenchError('bad_input', message, problems);
  }
  journal.record(label, reason, (recorder) => {
    for (const edit of edits) if (edit.plan.ok) edit.plan.write(recorder);
    check?.();
  });
}

export function batchLabel(given: string | undefined, single: () => string, count: number): string {
  if (given) return given;
  return count === 1 ? single() : `修改${count}个单元格`;
}

export const refuse = (message: string): CellPlan => ({ ok: false, message });
export const accept = (write: (recorder: Recorder) => void): CellPlan => ({ ok: true, write });
