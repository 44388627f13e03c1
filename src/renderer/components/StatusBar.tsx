import { roleHint, roleText } from '../../shared/team-roles';
import { formatPercent } from '../format';
import { useBudgetStore } from '../stores/budget-store';
import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkbookStore } from '../stores/workbook-store';

const SAVE_LABELS = { saved: '已保存', saving: '保存中…', unchanged: '未修改', failed: '保存失败' } as const;
const SAVE_TITLES = {
  saved: '所有修改都已写入工作簿',
  saving: '正在写入工作簿',
  unchanged: '刚才的输入未被接受，工作簿没有任何改变（原因见上方提示）',
  failed: '上一次写入没有成功，修改未保存（原因见上方提示）；下一次保存成功后此提示消失',
} as const;

export function StatusBar(): React.JSX.Element {
  const saveState = useUiStore((state) => state.saveState);
  // Ctrl+S: a fresh key replays the flash, so pressing it again is seen again
  const savedConfirmedAt = useUiStore((state) => state.savedConfirmedAt);
  const workbookPath = useTaskStore((state) => state.workbookPath);
  const taskCount = useTaskStore((state) => state.tasks.length);
  const metrics = useBudgetStore((state) => state.metrics);
  const scenarioName = useBudgetStore((state) => state.scenarioName);
  const isExample = useBudgetStore((state) => state.isExample);
  const readOnly = useWorkbookStore((state) => state.readOnly);
  const notice = useWorkbookStore((state) => state.notice);
  const others = useWorkbookStore((state) => state.others);
  const role = useWorkbookStore((state) => state.role);
  const team = useWorkbookStore((state) => state.team);
  // a file is read-only because someone else holds it (强制打开 takes it over); a team workbook only while its
  // connection is down and being retried — there is nobody to take it from
  const shown = team ? notice.replace(/；.*$/, '') : notice.replace(/，已以只读方式打开.*$/, '').replace(/。.*$/, '');
  return (
    <footer className="status-bar" role="status">
      <span className="workbook-path" title={workbookPath ?? ''}>
        工作簿：{workbookPath ?? '（未打开）'}
      </span>
      {readOnly && (
        <span className="read-only" data-testid="status-read-only" title={notice}>
          只读：{shown}
          {!team && (
            <button type="button" onClick={() => void useWorkbookStore.getState().forceOpen()}>
              强制打开…
            </button>
          )}
        </span>
      )}
      {role && (
        <span className={`role ${role.kind}`} data-testid="status-role" title={roleHint(role)}>
          {roleText(role)}
        </span>
      )}
      {others.length > 0 && (
        <span className="others" data-testid="status-others" title={others.join('\n')}>
          同时在用：{others.length > 2 ? `${others.slice(0, 2).join('、')} 等 ${others.length} 人` : others.join('、')}
        </span>
      )}
      <span>任务 {taskCount} 项</span>
      {metrics && (
        <span className={`floor-status ${metrics.status}`} data-testid="status-floor" title={metrics.message}>
          {scenarioName}
          {isExample && !scenarioName.includes('示例') ? '（示例数据）' : ''}：民生占比 {formatPercent(metrics.share)}{' '}
          {metrics.meetsFloor ? '✔ 达标' : metrics.status === 'below' ? '✘ 低于底线' : ''}
        </span>
      )}
      <span
        key={savedConfirmedAt}
        className={`save-state ${saveState}${savedConfirmedAt && saveState === 'saved' ? ' confirmed' : ''}`}
        data-testid="save-state"
        title={SAVE_TITLES[saveState]}
      >
        {SAVE_LABELS[saveState]}
      </span>
    </footer>
  );
}
