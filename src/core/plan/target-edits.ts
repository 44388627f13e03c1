import type { TargetEditableField } from '../../shared/grid';
import type { Comparator } from '../../shared/plan';
import { accept, type EditPlan, refuse, update } from '../edits/row-changes';
import { foldWidth } from '../text/fold';
import { parseComparator, parseDueDate, parseMeasure, parseRange, parseTargetValue } from './cell-values';

/**
 * What an edit of a target cell changes: one set of rules for the grid, a paste, an org's returned packet and the
 * spreadsheet import. Pure: the target's state comes in, row changes (or a refusal) come out.
 */

export interface TargetState {
  id: number;
  label: string;
  comparator: Comparator;
  unit: string;
  base_unit: string;
  /** "较2016年提高3%": the base year (its value and the actual are rates in %, the change in % or 个百分点) */
  relative_to_year?: number | null;
  /** the actual is read from a link (target_link), not typed */
  linked?: boolean;
}

export interface TargetEdit {
  targetId: number;
  field: TargetEditableField;
  value: string;
}

export const TARGET_MISSING = '指标不存在，可能已被删除，请刷新';

/** A relative change: "3%" (relative) or "3个百分点" (points); a bare number keeps the way it is written. */
function planRelativeChange(target: TargetState, text: string): EditPlan {
  // "3", "3%", "3个百分点", or the whole phrase as the grid shows it ("较2016年提高3%")
  const phrase = foldWidth(text)
    .replace(/\s+/g, '')
    .replace(/^较\d{4}年度?(同期)?(提高|增加|增长|提升|下降|降低|减少)了?/, '');
  const match = /^(\d+(?:\.\d+)?)(%|个百分点)?$/.exec(phrase);
  if (!match) return refuse(`不是变动幅度，请填如 3（即${target.unit || '%'}）、3% 或 3个百分点`);
  const value = Number(match[1]);
  const unit = match[2] ?? (target.unit || '%');
  const key = { id: target.id };
  return accept(
    update('target', key, 'value', value),
    update('target', key, 'unit', unit),
    update('target', key, 'base_value', value / 100),
    update('target', key, 'base_unit', 'ratio'),
  );
}

/**
 * What the packet and spreadsheet imports check a target against: its state without the link and base-year
 * facts, so a typed actual overwrites a linked one and a relative target's value is read as an absolute one —
 * unlike the grid. Kept exactly as those imports have always behaved (whether they should read the whole state
 * is an open product decision); this is the one place that says so.
 */
export function stateAsImportsRead({ id, label, comparator, unit, base_unit }: TargetState): TargetState {
  return { id, label, comparator, unit, base_unit };
}

export function planTargetEdit(target: TargetState, field: TargetEditableField, text: string): EditPlan {
  const key = { id: target.id };
  switch (field) {
    case 'label':
      return text.trim() === '' ? refuse('指标名称不能为空') : accept(update('target', key, 'label', text.trim()));
    case 'comparator': {
      const parsed = parseComparator(text);
      return parsed.ok ? accept(update('target', key, 'comparator', parsed.value)) : refuse(parsed.reason);
    }
    case 'value': {
      if (target.relative_to_year) return planRelativeChange(target, text);
      if (target.comparator === 'range') {
        const range = parseRange(text, target.unit, target.base_unit);
        if (!range.ok) return refuse(range.reason);
        return accept(
          update('target', key, 'min_value', range.value.min),
          update('target', key, 'max_value', range.value.max),
          update('target', key, 'unit', range.value.unit),
        );
      }
      const parsed = parseTargetValue(text, target.unit, target.base_unit);
      if (!parsed.ok) return refuse(parsed.reason);
      return accept(
        update('target', key, 'value', parsed.value.value),
        update('target', key, 'unit', parsed.value.unit),
        update('target', key, 'base_value', parsed.value.baseValue),
        update('target', key, 'base_unit', parsed.value.baseUnit),
      );
    }
    case 'baseline':
    case 'actual': {
      if (field === 'actual' && target.linked) {
        return refuse('该指标的实际值取自预算的民生支出占比，会自动更新，不能手填；如需手填，请先“取消关联”');
      }
      // a relative target's base year value and actual are the rate itself, in %
      const parsed = target.relative_to_year ? parseMeasure(text, '%', 'ratio') : parseMeasure(text, target.unit, target.base_unit);
      return parsed.ok ? accept(update('target', key, field, parsed.value)) : refuse(parsed.reason);
    }
    case 'dueDate': {
      const parsed = parseDueDate(text);
      return parsed.ok ? accept(update('target', key, 'due_date', parsed.value)) : refuse(parsed.reason);
    }
    case 'note':
      return accept(update('target', key, 'note', text));
  }
}

/**
 * A batch of target cells (a typed cell, a paste across columns, an imported sheet), planned in order except that
 * a comparator edit applies before the other cells of its target are read: a pasted 比较 and 目标值 of one row read
 * the value under the new comparator wherever the columns sit. Plans come back in the order of `edits`.
 */
export function planTargetEdits(states: ReadonlyMap<number, TargetState>, edits: readonly TargetEdit[]): EditPlan[] {
  const current = new Map(states);
  const plans: EditPlan[] = new Array<EditPlan>(edits.length);
  const order = edits.map((_, i) => i).sort((a, b) => Number(edits[b]?.field === 'comparator') - Number(edits[a]?.field === 'comparator'));
  for (const i of order) {
    const edit = edits[i] as TargetEdit;
    const state = current.get(edit.targetId);
    const plan = state ? planTargetEdit(state, edit.field, edit.value) : refuse(TARGET_MISSING);
    if (state && plan.ok && edit.field === 'comparator') {
      const parsed = parseComparator(edit.value);
      if (parsed.ok) current.set(edit.targetId, { ...state, comparator: parsed.value });
    }
    plans[i] = plan;
  }
  return plans;
}
