import { type BrowserWindow, dialog } from 'electron';
import type { DialogService, SaveFileType, SpreadsheetPurpose } from '../app/handlers/context';

/** The OS file dialogs, in Chinese, parented to the app window. */
const OPEN_TITLES: Record<SpreadsheetPurpose, string> = {
  workbook: '导入Excel工作簿（本软件导出的格式）',
  budget: '导入预算表（Excel或CSV）',
  packet: '导入单位报送表',
  execution: '导入预算执行表（Excel或CSV）',
};

const SPREADSHEET_FILTERS: Record<SpreadsheetPurpose, Electron.FileFilter[]> = {
  workbook: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
  budget: [{ name: 'Excel/CSV', extensions: ['xlsx', 'csv'] }],
  packet: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
  execution: [{ name: 'Excel/CSV', extensions: ['xlsx', 'xls', 'csv'] }],
};

/** Each save dialog offers only its own type (a PDF saved from a dialog filtered to .xlsx got the wrong name). */
const SAVE_FILTERS: Record<SaveFileType, Electron.FileFilter> = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  pdf: { name: 'PDF 文档', extensions: ['pdf'] },
  csv: { name: 'CSV 文件（逗号分隔）', extensions: ['csv'] },
};
const SAVE_TITLES: Record<SaveFileType, string> = { xlsx: '导出为Excel工作簿', pdf: '保存为PDF', csv: '导出为CSV' };

export function electronDialogs(window: () => BrowserWindow | null): DialogService {
  const parent = (): BrowserWindow | undefined => window() ?? undefined;
  const open = async (title: string, filters: Electron.FileFilter[]): Promise<string | null> => {
    const options: Electron.OpenDialogOptions = { title, filters, properties: ['openFile'] };
    const owner = parent();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    pickPlanTextFile: () =>
      open('导入计划', [
        { name: '计划文件（Word、WPS、PDF、Excel、文本）', extensions: ['docx', 'doc', 'wps', 'pdf', 'xlsx', 'xls', 'et', 'csv', 'txt'] },
        { name: '所有文件', extensions: ['*'] },
      ]),
    pickSpreadsheet: (purpose) => open(OPEN_TITLES[purpose], SPREADSHEET_FILTERS[purpose]),
    pickSavePath: async (suggestedName, type) => {
      const options: Electron.SaveDialogOptions = { title: SAVE_TITLES[type], defaultPath: suggestedName, filters: [SAVE_FILTERS[type]] };
      const owner = parent();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    pickWorkbook: () => open('打开工作簿', [{ name: '民生规划工作簿', extensions: ['mswb'] }]),
    pickWorkbookSavePath: async (suggestedName) => {
      // Windows and macOS ask before an existing file is replaced; Linux only when told to
      const options: Electron.SaveDialogOptions = {
        title: '保存工作簿',
        defaultPath: suggestedName,
        filters: [{ name: '民生规划工作簿', extensions: ['mswb'] }],
        properties: ['showOverwriteConfirmation'],
      };
      const owner = parent();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    pickFolder: async () => {
      const options: Electron.OpenDialogOptions = { title: '选择保存报送表的文件夹', properties: ['openDirectory', 'createDirectory'] };
      const owner = parent();
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
