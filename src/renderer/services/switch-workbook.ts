import { commitPendingEdits } from './pending-edits';
import { useUiStore } from '../stores/ui-store';

/**
 * 新建/打开/另存为/最近打开/打开团队工作簿: main switches the workbook, then the page reloads so every view starts
 * afresh. What the switch wants the user to know (e.g. "opened a local copy of the USB file") survives the reload.
 * A switch that fails is shown as its error, not as 保存失败: every edit was already saved as it was made, and the
 * workbook this window has is still open.
 */
export async function switchWorkbook(run: () => Promise<{ path: string; note: string } | null>): Promise<void> {
  commitPendingEdits();
  let result: { path: string; note: string } | null;
  try {
    result = await run();
  } catch (error) {
    useUiStore.getState().showError(error);
    return;
  }
  if (!result) return;
  if (result.note) sessionStorage.setItem('minsheng.notice', result.note);
  window.location.reload();
}
