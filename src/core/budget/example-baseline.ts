/**
 * The example baseline a new workbook opens with, so the floor tools are visible on first start. The
 * figures are invented to be of a plausible size for a prefecture-level city; they are labelled
 * 示例数据（非真实预算） everywhere they appear. Driver lines take their quantity from a plan target
 * (matched by label) so that changing the target changes the cost.
 */
export const EXAMPLE_BASELINE_NAME = '示例基线（非真实预算）';
export const EXAMPLE_LABEL = '示例数据（非真实预算）';

export interface ExampleLine {
  code: string;
  name: string;
  /** 万元, for lines without a driver */
  amountWan?: number;
  driver?: { quantity: number; rateYuan: number; targetLabel?: string };
}

export const EXAMPLE_LINES: readonly ExampleLine[] = [
  { code: '2010301', name: '政府办公厅（室）及相关机构事务·行政运行', amountWan: 138_000 },
  { code: '2040201', name: '公安·行政运行', amountWan: 110_000 },
  { code: '2050201', name: '学前教育', amountWan: 28_000 },
  { code: '2050202', name: '小学教育', amountWan: 162_000 },
  { code: '2050203', name: '初中教育', amountWan: 118_000 },
  { code: '2050204', name: '高中教育', amountWan: 65_000 },
  {
    code: '2050299',
    name: '义务教育学生公用经费补助（生均600元）',
    driver: { quantity: 624_900, rateYuan: 600, targetLabel: '义务教育学生全部免除学杂费' },
  },
  {
    code: '2050299',
    name: '农村义务教育学生营养改善计划（每生每年800元）',
    driver: { quantity: 627_500, rateYuan: 800, targetLabel: '农村义务教育学生实施营养改善计划' },
  },
  { code: '2050302', name: '中等职业教育', amountWan: 30_000 },
  { code: '2060101', name: '科学技术管理事务·行政运行', amountWan: 25_000 },
  { code: '2070109', name: '群众文化', amountWan: 15_000 },
  { code: '2080501', name: '行政单位离退休', amountWan: 60_000 },
  { code: '2080705', name: '就业创业服务补贴（每人1500元）', driver: { quantity: 33_500, rateYuan: 1_500, targetLabel: '城镇新增就业' } },
  { code: '2081002', name: '养老服务', amountWan: 45_000 },
  { code: '2081901', name: '城市最低生活保障金支出', amountWan: 38_000 },
  { code: '2082001', name: '临时救助支出', amountWan: 9_000 },
  { code: '2100408', name: '基本公共卫生服务（人均50元）', driver: { quantity: 5_600_000, rateYuan: 50 } },
  { code: '2101202', name: '城乡居民基本医疗保险基金补助', amountWan: 150_000 },
  { code: '2100301', name: '城市社区卫生机构', amountWan: 22_000 },
  { code: '2110301', name: '大气污染防治', amountWan: 12_000 },
  { code: '2120501', name: '城乡社区环境卫生', amountWan: 35_000 },
  { code: '2130504', name: '农村基础设施建设（扶贫）', amountWan: 60_000 },
  { code: '2130153', name: '农田建设', amountWan: 25_000 },
  { code: '2140104', name: '公路建设', amountWan: 70_000 },
  { code: '2150805', name: '中小企业发展专项', amountWan: 10_000 },
  { code: '2160299', name: '其他商业服务业等支出', amountWan: 30_000 },
  { code: '2200101', name: '国土资源事务·行政运行', amountWan: 8_000 },
  { code: '2210103', name: '棚户区改造', amountWan: 85_000 },
  {
    code: '2210105',
    name: '农村危房改造（每户2万元）',
    driver: { quantity: 11_698, rateYuan: 20_000, targetLabel: '计划实施建档立卡贫困户农村危房改造' },
  },
  { code: '2270101', name: '预备费', amountWan: 30_000 },
  { code: '2299901', name: '其他支出', amountWan: 60_000 },
  { code: '2320301', name: '地方政府一般债务付息支出', amountWan: 45_000 },
];
