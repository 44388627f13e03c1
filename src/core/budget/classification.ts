/**
 * The 2017 government expenditure function classification (政府收支分类科目·支出功能分类), class level, as used in
 * general public budget (一般公共预算) tables that year. Names are the 2017 ones; where a later edition renamed a
 * class the current name is kept beside it so users of newer tables recognise it.
 * 209 (社会保险基金支出) belongs to the social insurance fund budget and is not a general-budget class.
 */
export interface FunctionClass {
  code: string;
  name: string;
  /** the name in later editions, when it changed */
  laterName?: string;
}

export const FUNCTION_CLASSES_2017: readonly FunctionClass[] = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化体育与传媒支出', laterName: '文化旅游体育与传媒支出' },
  { code: '208', name: '社会保障和就业支出' },
  { code: '210', name: '医疗卫生与计划生育支出', laterName: '卫生健康支出' },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出' },
  { code: '213', name: '农林水支出' },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探信息等支出', laterName: '资源勘探工业信息等支出' },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出' },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '国土海洋气象等支出', laterName: '自然资源海洋气象等支出' },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出' },
  { code: '227', name: '预备费' },
  { code: '229', name: '其他支出' },
  { code: '230', name: '转移性支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '233', name: '债务发行费用支出' },
];

const CLASS_BY_CODE = new Map(FUNCTION_CLASSES_2017.map((entry) => [entry.code, entry]));

/** The class of a subject code ("2050202" → "205"), or '' when the code is not under a known class. */
export function classOfCode(code: string): string {
  const head = code.trim().slice(0, 3);
  return CLASS_BY_CODE.has(head) ? head : '';
}

export function classLabel(classCode: string): string {
  const entry = CLASS_BY_CODE.get(classCode);
  if (!entry) return '未归类';
  return entry.laterName ? `${entry.name}（现称${entry.laterName}）` : entry.name;
}

export function isKnownClass(code: string): boolean {
  return CLASS_BY_CODE.has(code);
}

export const LIVELIHOOD_PRESET_IDS = ['narrow', 'broad'] as const;
export type LivelihoodPresetId = (typeof LIVELIHOOD_PRESET_IDS)[number];

export interface LivelihoodPreset {
  id: LivelihoodPresetId;
  label: string;
  classes: readonly string[];
  /** where this definition comes from, shown next to the figures it produces */
  source: string;
}

export const LIVELIHOOD_PRESETS: Record<LivelihoodPresetId, LivelihoodPreset> = {
  narrow: {
    id: 'narrow',
    label: '窄口径（5类）',
    classes: ['205', '207', '208', '210', '221'],
    source:
      '窄口径：教育、文化体育与传媒、社会保障和就业、医疗卫生与计划生育、住房保障五类支出，是财政部门统计“民生支出”最常用的核心口径。',
  },
  broad: {
    id: 'broad',
    label: '宽口径（9类）',
    classes: ['205', '207', '208', '210', '221', '211', '212', '213', '214'],
    source: '宽口径：在窄口径五类之外加上节能环保、城乡社区、农林水、交通运输四类，是多数市县预算报告计算“民生支出占比”时采用的口径。',
  },
};

/** Which preset a set of classes equals, or 'custom'. */
export function presetOf(classes: readonly string[]): LivelihoodPresetId | 'custom' {
  const key = [...classes].sort().join(',');
  for (const preset of Object.values(LIVELIHOOD_PRESETS)) {
    if ([...preset.classes].sort().join(',') === key) return preset.id;
  }
  return 'custom';
}
