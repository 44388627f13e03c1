/** The printed reports (the names and titles live here so the contract, the core and the page agree). */
export const REPORT_KINDS = ['compliance', 'compare', 'status', 'supervision', 'matrix', 'execution'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_LABELS: Record<ReportKind, string> = {
  compliance: '民生支出达标情况',
  compare: '情景对比',
  status: '指标完成情况',
  supervision: '督办清单',
  matrix: '任务分工表',
  execution: '民生支出执行情况',
};
