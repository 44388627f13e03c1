import type { RoundTripChanges } from '../../core/exchange/roundtrip';
import { changeCount } from '../../core/exchange/roundtrip';
import { WorkbenchError } from '../../shared/result';
import { type LineEdit, type PlannedBatch, planEdits, writeEdits } from '../edits/apply-edits';
import { refuse } from '../../core/edits/row-changes';
import { currentBaselineId, scenarioModel } from '../store/budget-repository';
import type { Workbook } from '../store/workbook';

/**
 * Applies a round-trip import as one action: every edit is checked first with the same rules as the grids,
 * and any problem (in the file or in an edit) means nothing is written — every bad cell is listed.
 */
export function applyRoundTrip(workbook: Workbook, changes: RoundTripChanges, fileName: string, reason = ''): number {
  const { db, journal } = workbook;
  if (changes.problems.length > 0) {
    throw new WorkbenchError('bad_input', `“${fileName}”中有${changes.problems.length}处问题，整个文件未导入。`, changes.problems);
  }
  const count = changeCount(changes);
  if (count === 0) return 0;
  const batches: PlannedBatch[] = [
    planEdits(db, { entity: 'org', edits: changes.orgEdits }),
    // the task sheet's cells and the 任务分工表's roles build on each other: one batch
    planEdits(db, { entity: 'task', edits: [...changes.taskEdits, ...changes.ownerChanges] }),
    planEdits(db, { entity: 'target', edits: changes.targetEdits, asImports: true }),
  ];

  const baselineId = currentBaselineId(db);
  if (
    baselineId !== null &&
    (changes.lineEdits.length || changes.lineAdds.length || changes.lineRemovals.length || changes.scenarioAmounts.length)
  ) {
    const model = scenarioModel(db, baselineId);
    if (model.scenario.locked)
      batches.push({ cells: [{ where: '工作表“预算”', text: '', plan: refuse(`基线“${model.scenario.name}”已锁定，请先解锁再导入`) }] });
    const byScenario = new Map<string, RoundTripChanges['scenarioAmounts']>();
    for (const amount of changes.scenarioAmounts)
      byScenario.set(amount.scenarioName, [...(byScenario.get(amount.scenarioName) ?? []), amount]);
    const edits: (LineEdit & { where?: string; text?: string })[] = [
      ...changes.lineEdits,
      ...changes.lineAdds.map((add) => ({
        add: { code: add.code, name: add.name, amountFen: add.amountFen },
        where: add.where,
        text: add.text,
      })),
      ...changes.lineRemovals.map((removal) => ({ remove: removal.lineId, where: '工作表“预算”', text: removal.name })),
      ...[...byScenario].map(([name, amounts]) => ({
        scenarioAmounts: { scenarioId: amounts[0]?.scenarioId ?? null, name, note: `由“${fileName}”导入`, amounts },
      })),
    ];
    batches.push(planEdits(db, { entity: 'line', scenarioId: baselineId, edits }));
  }
  writeEdits(journal, `导入Excel：${fileName}（${count}处修改）`, reason, batches);
  return count;
}
