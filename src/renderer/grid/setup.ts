import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

/** One theme for every grid: compact rows for a 1366×768 screen, a CJK-capable font stack. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'sans-serif'],
  fontSize: 13,
  rowHeight: 30,
  headerHeight: 32,
  spacing: 6,
  headerBackgroundColor: '#eef2f7',
  accentColor: '#1f5fa8',
});

export const gridLocale = AG_GRID_LOCALE_CN;
