import { type NamedTable, recordName, TABLE_LABELS } from './store/record-names';
import type { Db } from './store/connection';
import { changeTexts, type ChangeRow } from './history-values';
import { BUDGET_FIELDS } from '../shared/fields/budget-fields';
import { EXECUTION_LINE_FIELDS } from '../shared/fields/execution-line-fields';
import { historyLabels } from '../shared/fields/field-spec';
import { TARGET_FIELDS } from '../shared/fields/target-fields';
import { TASK_FIELDS } from '../shared/fields/task-fields';
import { ORG_FIELDS } from '../shared/fields/org-fields';

/**
 * A journal change row in the words people read: which record (任务3 …, a target's label, 情景 · 预算行), what kind
 * of record, which field, and the values before and after. The 变更记录 list and the review of a local copy's
 * changes (bring-back.ts) both speak this way.
 */

export interface ChangeWords {
  what: string;
  tableLabel: string;
  fieldLabel: string;
  oldText: string;
  newText: string;
}

/**
 * The 变更记录's names of the stored columns a change can update, per table: the catalogued entities' from their
 * field catalogues, the rest (and the columns a catalogued field is written across) here.
 */
const COLUMN_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  task: historyLabels(TASK_FIELDS),
  // a target's value is written across value, unit and these
  target: {
    ...historyLabels(TARGET_FIELDS),
    base_value: '目标值（基本单位）',
    base_unit: '基本单位',
    min_value: '区间下限',
    max_value: '区间上限',
  },
  unit: historyLabels(ORG_FIELDS),
  budget_line: { ...historyLabels(BUDGET_FIELDS), domain_id: '领域' },
  task_owner: { role: '角色' },
  domain_owner: { role: '角色' },
  safeguard_owner: { role: '角色' },
  budget: { name: '名称', livelihood_classes: '民生口径' },
  scenario: { name: '名称', locked: '锁定' },
  // the figure of a scenario's adjustment (an amount, a percentage or a delta, by 调整方式), not a target's value
  scenario_override: { op: '调整方式', value: '调整值' },
  execution_report: { superseded_at: '被替换/撤下' },
  execution_line: historyLabels(EXECUTION_LINE_FIELDS),
  target_link: { source: '实际值来源', scenario_id: '情景' },
};

const SETTING_LABELS: Record<string, string> = {
  'budget.floor': '民生支出底线',
  'budget.livelihood_classes': '民生支出口径',
  'budget.current_scenario': '当前情景',
  'progress.as_of': '序时进度基准日',
  'progress.yellow_points': '黄灯阈值',
  'progress.red_points': '红灯阈值',
};

const OP_LABELS = { insert: '新增', insert_range: '批量新增', delete: '删除', update: '' } as const;

/** Describes the changed row in words, from the live tables or, for deleted rows, from the stored row. */
function describer(db: Db): (table: string, rowKey: string, rowJson: string | null) => string {
  return (table, rowKey, rowJson) => {
    const key = JSON.parse(rowKey) as Record<string, number | string>;
    const row = rowJson ? (JSON.parse(rowJson) as Record<string, unknown>) : {};
    const name = (named: NamedTable, id: number | string | undefined): string | undefined => recordName(db, named, id ?? null);
    switch (table) {
      case 'task':
        return name('task', key.id) ?? `任务（编号${key.id}）`;
      case 'target':
        return name('target', key.id) ?? String(row.label ?? key.id);
      case 'unit':
        return name('unit', key.id) ?? String(row.name ?? key.id);
      case 'task_owner':
        return `${name('task', key.task_id) ?? `任务${key.task_id}`} · ${name('unit', key.unit_id) ?? `单位${key.unit_id}`}`;
      case 'budget_line':
        return name('budget_line', key.id) ?? String(row.name ?? key.id);
      case 'scenario':
        return name('scenario', key.id) ?? String(row.name ?? key.id);
      case 'scenario_override':
        return `${name('scenario', key.scenario_id) ?? '情景'} · ${name('budget_line', key.line_id) ?? '预算行'}`;
      case 'setting':
        return SETTING_LABELS[String(key.key)] ?? String(key.key);
      case 'plan':
        return name('plan', key.id) ?? String(row.title ?? key.id);
      case 'domain':
      case 'plan_section':
      case 'safeguard':
        return String(row.name ?? row.title ?? name(table, key.id) ?? key.id);
      case 'plan_conflict':
        return String(row.label ?? key.id);
      case 'target_link':
        return name('target', key.target_id) ?? `指标${key.target_id}`;
      case 'budget':
        return name('budget', key.id) ?? String(row.name ?? key.id);
      case 'execution_report':
        return name('execution_report', key.id) ?? `${String(row.year ?? '')}年1-${String(row.month ?? '')}月执行报表`;
      case 'execution_line':
        return name('execution_line', key.id) ?? `${String(row.code ?? '')} ${String(row.name ?? key.id)}`;
      default:
        return Object.values(key).join(' · ');
    }
  };
}

/** A bulk insert names how many rows it added, not each of them. */
function describeRange(table: string, rowKey: string): string {
  const { from, to } = JSON.parse(rowKey) as { from: number; to: number };
  return `${to - from + 1}条${TABLE_LABELS[table] ?? table}`;
}

/** Builds the describer for one listing (it caches what it reads per listing). */
export function changeWords(db: Db): (row: ChangeRow) => ChangeWords {
  const describe = describer(db);
  const texts = changeTexts(db);
  return (row) => {
    const { fieldLabel, ...values } = texts(row);
    return {
      ...values,
      what: row.op === 'insert_range' ? describeRange(row.table, row.rowKey) : describe(row.table, row.rowKey, row.rowJson),
      tableLabel: TABLE_LABELS[row.table] ?? row.table,
      fieldLabel: fieldLabel ?? (row.op === 'update' ? (COLUMN_LABELS[row.table]?.[row.field] ?? row.field) : OP_LABELS[row.op]),
    };
  };
}
