import { commitPendingEdits } from './pending-edits';
import { useUiStore } from '../stores/ui-store';

/**
 * 新建/打开/另存为/最近打开: main switches the workbook, then the page reloads so every view starts afresh. What
 * the switch wants the user to know (e.g. "opened a local copy of the USB file") survives the reload.
 */
export async function switchWorkbook(run: () => Promise<{ path: string; note: string } | null>): Promise<void> {
  commitPendingEdits();
  const result = await useUiStore.getState().track(run);
  if (!result) return;
  if (result.note) sessionStorage.setItem('minsheng.notice', result.note);
  window.location.reload();
}
