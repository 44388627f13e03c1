import { parseComparator } from '../../core/plan/cell-values';
import type { RoundTripChanges } from '../../core/exchange/roundtrip';
import { changeCount } from '../../core/exchange/roundtrip';
import { WorkbenchError } from '../../shared/result';
import { LineEditPlanner, lineIndex, removeLine, writeDescriptiveField } from '../edits/budget-edits';
import { accept, applyCellEdits, type CellEdit, refuse } from '../edits/cell-edits';
import { planTargetEdit, stateAsImportsRead } from '../edits/target-edits';
import { assertEveryTaskLed, planTaskEdit, writeOwnerRole } from '../edits/task-edits';
import { planUnitEdit } from '../edits/unit-edits';
import { currentBaselineId, scenarioModel } from '../store/budget-repository';
import { nextBaselineLineOrd } from '../store/scenario-repository';
import { nextId } from '../store/ids';
import { targetStates } from '../store/target-repository';
import { taskNumbers } from '../store/task-repository';
import { insertScenario, putOverride } from '../store/scenario-writer';
import type { Workbook } from '../store/workbook';

/**
 * Applies a round-trip import as one action: every edit is checked first with the same rules as the grids,
 * and any problem (in the file or in an edit) means nothing is written.
 */
export function applyRoundTrip(workbook: Workbook, changes: RoundTripChanges, fileName: string, reason = ''): number {
  const { db, journal } = workbook;
  if (changes.problems.length > 0) {
    throw new WorkbenchError('bad_input', `“${fileName}”中有${changes.problems.length}处问题，整个文件未导入。`, changes.problems);
  }
  const count = changeCount(changes);
  if (count === 0) return 0;
  const cells: CellEdit[] = [];
  for (const edit of changes.unitEdits) cells.push({ where: edit.where, text: edit.text, plan: planUnitEdit(db, edit.unitId, edit.field, edit.value) });
  for (const edit of changes.taskEdits) cells.push({ where: edit.where, text: edit.text, plan: planTaskEdit(db, edit.taskId, edit.field, edit.value) });

  // a comparator change applies before the value of the same target is read
  const targetEdits = [...changes.targetEdits].sort((a, b) => Number(b.field === 'comparator') - Number(a.field === 'comparator'));
  const states = new Map(targetStates(db, targetEdits.map((edit) => edit.targetId)).map((state) => [state.id, stateAsImportsRead(state)]));
  for (const edit of targetEdits) {
    const state = states.get(edit.targetId);
    const plan = state ? planTargetEdit(state, edit.field, edit.value) : refuse('指标不存在');
    const comparator = edit.field === 'comparator' ? parseComparator(edit.value) : null;
    if (state && comparator?.ok) states.set(edit.targetId, { ...state, comparator: comparator.value });
    cells.push({ where: edit.where, text: edit.text, plan });
  }
  for (const change of changes.ownerChanges) {
    cells.push({ where: change.where, text: change.text, plan: accept((r) => writeOwnerRole(db, r, change.taskId, change.unitId, change.role)) });
  }

  const baselineId = currentBaselineId(db);
  if (baselineId !== null && (changes.lineEdits.length || changes.lineAdds.length || changes.lineRemovals.length || changes.scenarioAmounts.length)) {
    const model = scenarioModel(db, baselineId);
    if (model.scenario.locked) cells.push({ where: '工作表“预算”', text: '', plan: refuse(`基线“${model.scenario.name}”已锁定，请先解锁再导入`) });
    // the grid's rules: a driver line's 数量 and 单价 changed together give their product
    const planner = new LineEditPlanner(db, model);
    for (const edit of changes.lineEdits) cells.push({ where: edit.where, text: edit.text, plan: planner.plan(edit.lineId, edit.field, edit.value) });
    for (const add of changes.lineAdds) {
      cells.push({
        where: add.where,
        text: add.text,
        plan: accept((r) => {
          const id = nextId(db, 'budget_line');
          const ord = nextBaselineLineOrd(db, baselineId);
          r.insert('budget_line', { id, baseline_id: baselineId, ord, code: '201', name: '（新行）', amount_fen: add.amountFen, note: '' });
          writeDescriptiveField(db, r, id, 'code', add.code);
          writeDescriptiveField(db, r, id, 'name', add.name);
        }),
      });
    }
    for (const removal of changes.lineRemovals) {
      cells.push({ where: `工作表“预算”`, text: removal.name, plan: accept((r) => removeLine(db, r, removal.lineId)) });
    }
    const byScenario = new Map<string, RoundTripChanges['scenarioAmounts']>();
    for (const amount of changes.scenarioAmounts) byScenario.set(amount.scenarioName, [...(byScenario.get(amount.scenarioName) ?? []), amount]);
    for (const [name, amounts] of byScenario) {
      const scenarioId = amounts[0]?.scenarioId ?? null;
      cells.push({
        where: `情景“${name}”`,
        text: `${amounts.length}行`,
        plan: accept((r) => {
          if (scenarioId === null) {
            insertScenario(db, r, name, baselineId, amounts.map((a) => ({ lineId: a.lineId, field: 'amount', op: 'set', value: a.amountFen })), `由“${fileName}”导入`);
            return;
          }
          for (const a of amounts) putOverride(db, r, scenarioId, a.lineId, 'amount', 'set', a.amountFen, model.baseline.arrays.amountFen[lineIndex(model, a.lineId)] ?? 0);
        }),
      });
    }
  }
  const touchedTasks = [...new Set([...changes.ownerChanges.map((c) => c.taskId), ...changes.taskEdits.filter((e) => e.field === 'leadUnits' || e.field === 'coUnits').map((e) => e.taskId)])];
  const numbers = taskNumbers(db);
  applyCellEdits(journal, `导入Excel：${fileName}（${count}处修改）`, reason, cells, () => assertEveryTaskLed(db, touchedTasks, numbers));
  return count;
}
