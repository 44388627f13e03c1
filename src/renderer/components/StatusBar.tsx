import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';

const SAVE_LABELS = { saved: '已保存', saving: '保存中…', failed: '保存失败' } as const;

export function StatusBar(): React.JSX.Element {
  const saveState = useUiStore((state) => state.saveState);
  const workbook = useTaskStore((state) => state.workbook);
  const taskCount = useTaskStore((state) => state.tasks.length);
  return (
    <footer className="status-bar" role="status">
      <span className="workbook-path" title={workbook?.path ?? ''}>
        工作簿：{workbook?.path ?? '（未打开）'}
      </span>
      <span>任务 {taskCount} 项</span>
      <span className={`save-state ${saveState}`} data-testid="save-state">
        {SAVE_LABELS[saveState]}
      </span>
    </footer>
  );
}
