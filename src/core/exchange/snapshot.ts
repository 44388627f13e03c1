import type { BudgetLineRow, BudgetSettings, BudgetView } from '../../shared/budget';
import type { TaskRow } from '../../shared/contract';
import type { TargetRow, UnitRow } from '../../shared/grid';

/** Everything one export writes (and a round-trip import compares against), read from the workbook. */
export interface ScenarioSnapshot {
  id: number;
  name: string;
  isExample: boolean;
  lines: BudgetLineRow[];
  metrics: BudgetView['metrics'];
}

export interface WorkbookSnapshot {
  planTitle: string;
  exportedAt: string;
  tasks: TaskRow[];
  targets: TargetRow[];
  units: UnitRow[];
  baseline: ScenarioSnapshot | null;
  /** scenarios over the current baseline */
  scenarios: ScenarioSnapshot[];
  settings: BudgetSettings;
}

/** Fixed sheet names of the workbook format; scenario sheets are 情景·<name>. */
export const SHEETS = {
  tasks: '任务',
  targets: '指标',
  units: '责任单位',
  matrix: '任务分工表',
  budget: '预算',
  compare: '情景对比',
  scenarioPrefix: '情景·',
} as const;

export const TASK_HEADERS = ['编号', '领域', '任务', '内容', '牵头单位', '配合单位', '指标数', '已达成', '状态', '完成情况', '备注'] as const;
export const TARGET_HEADERS = ['指标ID', '任务编号', '领域', '指标', '比较', '目标值', '单位', '基期值', '实际值', '完成率', '进度状态', '截止日期', '责任单位', '备注', '原文'] as const;
export const UNIT_HEADERS = ['单位ID', '单位', '别名', '联系人', '电话', '牵头任务数', '配合任务数'] as const;
export const BUDGET_HEADERS = ['行ID', '科目编码', '科目名称', '功能分类', '民生', '金额（万元）', '数量', '单价（元）', '数量取自指标', '关联任务', '备注'] as const;
export const SCENARIO_HEADERS = ['行ID', '科目编码', '科目名称', '民生', '基线金额（万元）', '情景金额（万元）', '增减（万元）', '调整说明'] as const;

/** 民生 as exported: a forced flag says 是/否, a derived one says so ("按分类：是"). */
export function livelihoodText(line: Pick<BudgetLineRow, 'livelihood' | 'livelihoodOverride'>): string {
  if (line.livelihoodOverride === null) return `按分类：${line.livelihood ? '是' : '否'}`;
  return line.livelihoodOverride ? '是' : '否';
}
