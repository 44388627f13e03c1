import { parseComparator, parseDueDate, parseMeasure, parseRange, parseTargetValue } from '../../core/plan/cell-values';
import { foldWidth } from '../../core/text/fold';
import type { TargetEditableField } from '../../shared/grid';
import type { Comparator } from '../../shared/plan';
import { accept, refuse, type CellPlan } from './cell-edits';

/** Checking and writing one target cell: shared by the grid, paste, unit packets and spreadsheet import. */

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

/** A relative change: "3%" (relative) or "3个百分点" (points); a bare number keeps the way it is written. */
function planRelativeChange(target: TargetState, text: string): CellPlan {
  // "3", "3%", "3个百分点", or the whole phrase as the grid shows it ("较2016年提高3%")
  const phrase = foldWidth(text).replace(/\s+/g, '').replace(/^较\d{4}年度?(同期)?(提高|增加|增长|提升|下降|降低|减少)了?/, '');
  const match = /^(\d+(?:\.\d+)?)(%|个百分点)?$/.exec(phrase);
  if (!match) return refuse(`不是变动幅度，请填如 3（即${target.unit || '%'}）、3% 或 3个百分点`);
  const value = Number(match[1]);
  const unit = match[2] ?? (target.unit || '%');
  return accept((r) => {
    r.update('target', { id: target.id }, 'value', value);
    r.update('target', { id: target.id }, 'unit', unit);
    r.update('target', { id: target.id }, 'base_value', value / 100);
    r.update('target', { id: target.id }, 'base_unit', 'ratio');
  });
}

/**
 * What the packet and spreadsheet imports check a target against: its state without the link and base-year
 * facts, so a typed actual overwrites a linked one and a relative target's value is read as an absolute one —
 * unlike the grid. Kept exactly as those imports have behaved while the SQL moved into the store; one apply path
 * for every edit (issue 15, item 1) should drop this and pass the whole state.
 */
export function stateAsImportsRead({ id, label, comparator, unit, base_unit }: TargetState): TargetState {
  return { id, label, comparator, unit, base_unit };
}

export function planTargetEdit(target: TargetState, field: TargetEditableField, text: string): CellPlan {
  const key = { id: target.id };
  switch (field) {
    case 'label':
      return text.trim() === '' ? refuse('指标名称不能为空') : accept((r) => r.update('target', key, 'label', text.trim()));
    case 'comparator': {
      const parsed = parseComparator(text);
      return parsed.ok ? accept((r) => r.update('target', key, 'comparator', parsed.value)) : refuse(parsed.reason);
    }
    case 'value': {
      if (target.relative_to_year) return planRelativeChange(target, text);
      if (target.comparator === 'range') {
        const range = parseRange(text, target.unit, target.base_unit);
        if (!range.ok) return refuse(range.reason);
        return accept((r) => {
          r.update('target', key, 'min_value', range.value.min);
          r.update('target', key, 'max_value', range.value.max);
          r.update('target', key, 'unit', range.value.unit);
        });
      }
      const parsed = parseTargetValue(text, target.unit, target.base_unit);
      if (!parsed.ok) return refuse(parsed.reason);
      return accept((r) => {
        r.update('target', key, 'value', parsed.value.value);
        r.update('target', key, 'unit', parsed.value.unit);
        r.update('target', key, 'base_value', parsed.value.baseValue);
        r.update('target', key, 'base_unit', parsed.value.baseUnit);
      });
    }
    case 'baseline':
    case 'actual': {
      if (field === 'actual' && target.linked) {
        return refuse('该指标的实际值取自预算的民生支出占比，会自动更新，不能手填；如需手填，请先“取消关联”');
      }
      // a relative target's base year value and actual are the rate itself, in %
      const parsed = target.relative_to_year ? parseMeasure(text, '%', 'ratio') : parseMeasure(text, target.unit, target.base_unit);
      return parsed.ok ? accept((r) => r.update('target', key, field, parsed.value)) : refuse(parsed.reason);
    }
    case 'dueDate': {
      const parsed = parseDueDate(text);
      return parsed.ok ? accept((r) => r.update('target', key, 'due_date', parsed.value)) : refuse(parsed.reason);
    }
    case 'note':
      return accept((r) => r.update('target', key, 'note', text));
  }
}

