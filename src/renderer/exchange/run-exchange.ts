import { commitPendingEdits } from '../services/pending-edits';
import { call } from '../services/api';
import { notifyWorkbookChanged } from '../stores/history-events';
import { useUiStore } from '../stores/ui-store';

/** 文件 → 导出Excel…: main asks where to save; the page never sees or sends a path. */
export async function exportWorkbookFile(): Promise<void> {
  commitPendingEdits();
  const result = await useUiStore.getState().track(() => call('xlsx-export', {}));
  if (result) useUiStore.getState().showInfo(`已导出 ${result.sheets.length} 个工作表到：${result.path}`);
}

/** After an import changed the workbook: every view reloads (the undo button's label came with the answer). */
export async function afterImport(message: string): Promise<void> {
  await notifyWorkbookChanged({ historyKnown: true });
  useUiStore.getState().showInfo(message);
}
