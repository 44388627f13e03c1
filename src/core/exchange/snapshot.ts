import type { BudgetLineRow, BudgetSettings, BudgetView } from '../../shared/budget';
import type { TaskRow } from '../../shared/contract';
import type { TargetRow, OrgRow } from '../../shared/grid';

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
  orgs: OrgRow[];
  baseline: ScenarioSnapshot | null;
  /** scenarios over the current baseline */
  scenarios: ScenarioSnapshot[];
  settings: BudgetSettings;
}

/** Fixed sheet names of the workbook format; scenario sheets are 情景·<name>. */
export const SHEETS = {
  tasks: '任务',
  targets: '指标',
  orgs: '责任单位',
  matrix: '任务分工表',
  budget: '预算',
  compare: '情景对比',
  scenarioPrefix: '情景·',
} as const;

/** 民生 as exported: a forced flag says 是/否, a derived one says so ("按分类：是"). */
export function livelihoodText(line: Pick<BudgetLineRow, 'livelihood' | 'livelihoodOverride'>): string {
  if (line.livelihoodOverride === null) return `按分类：${line.livelihood ? '是' : '否'}`;
  return line.livelihoodOverride ? '是' : '否';
}
