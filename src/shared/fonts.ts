/**
 * The CJK font stacks, in one place for the page, the grids, the charts and the printed reports. Each names the
 * Windows font first (what most offices have), then macOS, then what 统信UOS / 银河麒麟 and other Linux desktops ship
 * (Noto / 思源, 文泉驿, AR PL), so Chinese never falls back to a font without the glyphs.
 */
export const UI_FONTS = [
  'Microsoft YaHei',
  '微软雅黑',
  'PingFang SC',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  '思源黑体',
  'WenQuanYi Micro Hei',
  '文泉驿微米黑',
  'WenQuanYi Zen Hei',
  'sans-serif',
] as const;

/** body text of printed reports: 宋体 as official documents use */
export const REPORT_BODY_FONTS = [
  'SimSun',
  '宋体',
  'Songti SC',
  'Noto Serif CJK SC',
  'Source Han Serif SC',
  '思源宋体',
  'AR PL UMing CN',
  'Noto Sans CJK SC',
  'serif',
] as const;

/** titles of printed reports: 黑体 */
export const REPORT_HEADING_FONTS = [
  'SimHei',
  '黑体',
  'Microsoft YaHei',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'WenQuanYi Zen Hei',
  'sans-serif',
] as const;

const GENERIC = new Set(['serif', 'sans-serif', 'monospace']);

/** A CSS font-family value: named families quoted, generic ones bare. */
export function cssFontFamily(fonts: readonly string[]): string {
  return fonts.map((font) => (GENERIC.has(font) ? font : `'${font}'`)).join(', ');
}
