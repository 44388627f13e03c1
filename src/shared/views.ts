/** The workbench's views, in navigation order (the nav list, the 视图 menu and its Ctrl+digit keys read this). */
export const VIEWS = [
  { id: 'tasks', label: '任务' },
  { id: 'targets', label: '指标' },
  { id: 'owners', label: '责任单位' },
  { id: 'matrix', label: '分工矩阵' },
  { id: 'budget', label: '预算与情景' },
  { id: 'compare', label: '情景对比' },
  { id: 'execution', label: '预算执行' },
  { id: 'counties', label: '区县对比' },
  { id: 'reports', label: '报告' },
  { id: 'history', label: '变更记录' },
  { id: 'help', label: '使用说明' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];
