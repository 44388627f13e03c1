import { parsePeriodArgument } from '../../../core/execution/period';
import { LIVELIHOOD_PRESETS } from '../../../core/budget/classification';
import { EXECUTION_EXAMPLE_LABEL } from '../../../core/execution/example-execution';
import type { ExecutionView } from '../../../shared/execution';
import { call } from '../../services/api';
import { useExecutionStore } from '../../stores/execution-store';
import { useUiStore } from '../../stores/ui-store';

export type ExecutionDialog = 'classes' | 'scenario' | null;

interface Props {
  view: ExecutionView;
  entry: boolean;
  onEntry(entry: boolean): void;
  onOpen(dialog: ExecutionDialog): void;
}

const ask = useUiStore.getState().ask;
const confirmed = async (title: string, message: string, confirmLabel: string): Promise<boolean> =>
  (await ask({ title, message, confirmLabel })) !== null;

/** The month after the latest report (or January of this year): what a new month to enter by hand defaults to. */
function nextMonth(view: ExecutionView): string {
  const latest = view.reports[0];
  if (!latest) return `${new Date().getFullYear()}-01`;
  const year = latest.month === 12 ? latest.year + 1 : latest.year;
  const month = latest.month === 12 ? 1 : latest.month + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Choose the budget (地区) and period; import, enter by hand, make a scenario; manage budgets and the examples. */
export function ExecutionToolbar({ view, entry, onEntry, onOpen }: Props): React.JSX.Element {
  const store = useExecutionStore.getState();
  const { budget, report, budgets } = view;
  const preset = view.settings.preset === 'custom' ? '自定义口径' : LIVELIHOOD_PRESETS[view.settings.preset].label;

  const createBudget = async (): Promise<void> => {
    const name = await ask({
      title: '新增地区',
      message: '地区（预算）名称，如“通川区”“宣汉县”：',
      defaultValue: '',
      confirmLabel: '新增',
    });
    if (name)
      await store.mutate(
        () => call('execution-budget-create', { name }),
        (created) => ({ budgetId: created.id }),
      );
  };
  const rename = async (): Promise<void> => {
    if (!budget) return;
    const name = await ask({ title: '重命名地区', message: '新名称：', defaultValue: budget.name, confirmLabel: '确定' });
    if (name) await store.mutate(() => call('execution-budget-update', { budgetId: budget.id, name }));
  };
  const removeBudget = async (): Promise<void> => {
    if (
      budget &&
      (await confirmed(
        '删除地区',
        `删除“${budget.name}”及其全部执行数据（${budget.reportCount}张报表）和由它生成的情景？可用“撤销”恢复。`,
        '删除',
      ))
    ) {
      await store.mutate(
        () => call('execution-budget-delete', { budgetId: budget.id }),
        () => ({}),
      );
    }
  };
  const removeExamples = async (): Promise<void> => {
    if (
      await confirmed(
        '删除示例数据',
        `删除全部示例执行数据（${budgets.filter((b) => b.isExample).length}个地区）？可用“撤销”恢复。`,
        '删除',
      )
    ) {
      await store.mutate(
        () => call('execution-examples-delete', {}),
        () => ({}),
      );
    }
  };
  const newMonth = async (): Promise<void> => {
    if (!budget) return;
    const text = await ask({
      title: '新建月份',
      message: `为“${budget.name}”手工录入哪个月的累计执行数？（年-月，如 2017-07；从上一个月的科目和累计数开始）`,
      defaultValue: nextMonth(view),
      confirmLabel: '新建',
    });
    const period = text ? parsePeriodArgument(text) : null;
    if (text && !period) {
      useUiStore.getState().showError(new Error(`“${text}”不是“年-月”的形式，如 2017-07。`));
      return;
    }
    if (period) {
      const created = await store.mutate(
        () => call('execution-month-create', { budgetId: budget.id, ...period }),
        (r) => ({ budgetId: r.budgetId, year: r.year, month: r.month }),
      );
      if (created) onEntry(true);
    }
  };
  const withdraw = async (): Promise<void> => {
    if (report && (await confirmed('撤下本期报表', `撤下“${budget?.name ?? ''}”${report.label}的执行表？可用“撤销”恢复。`, '撤下'))) {
      await store.mutate(
        () => call('execution-report-withdraw', { reportId: report.id }),
        () => ({ budgetId: report.budgetId }),
      );
    }
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="预算执行">
      <label>
        地区
        <select
          value={budget?.id ?? ''}
          onChange={(e) => void store.load({ budgetId: Number(e.target.value) })}
          aria-label="选择地区"
          data-testid="execution-budget-select"
        >
          {budgets.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
              {b.latest ? '' : '（无数据）'}
            </option>
          ))}
        </select>
      </label>
      <label>
        期间
        <select
          value={report ? `${report.year}-${report.month}` : ''}
          onChange={(e) => {
            const [year, month] = e.target.value.split('-').map(Number);
            void store.load({ ...(budget ? { budgetId: budget.id } : {}), ...(year && month ? { year, month } : {}) });
          }}
          aria-label="选择期间"
          data-testid="execution-period-select"
        >
          {view.reports.map((r) => (
            <option key={r.id} value={`${r.year}-${r.month}`}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {budget && (
        <button
          type="button"
          className="link"
          onClick={() => onOpen('classes')}
          title={view.settings.source}
          data-testid="execution-classes"
        >
          口径：{preset}
          {budget.ownClasses ? '（本地区）' : ''}
        </button>
      )}
      {budget?.isExample || report?.isExample ? (
        <span className="badge example" title={report?.source}>
          {EXECUTION_EXAMPLE_LABEL}
        </span>
      ) : (
        report && (
          <span className="hint source" title={report.source}>
            来源：{report.source}
          </span>
        )
      )}
      <span className="toolbar-gap" />
      <button type="button" onClick={() => useUiStore.getState().setExchange('import-execution')}>
        导入执行表…
      </button>
      {report && (
        <button
          type="button"
          className={entry ? 'active' : ''}
          aria-pressed={entry}
          onClick={() => onEntry(!entry)}
          data-testid="execution-entry-toggle"
        >
          {entry ? '完成录入' : '录入/修改'}
        </button>
      )}
      <button type="button" onClick={() => void newMonth()} disabled={!budget}>
        新建月份…
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => onOpen('scenario')}
        disabled={!view.projection}
        data-testid="execution-scenario"
      >
        按执行进度生成情景
      </button>
      <details className="more-menu">
        <summary>更多…</summary>
        {/* a chosen item closes the menu */}
        <div onClick={(e) => ((e.currentTarget.parentElement as HTMLDetailsElement).open = false)}>
          {report && (
            <button type="button" onClick={() => void withdraw()}>
              撤下本期报表…
            </button>
          )}
          <button type="button" onClick={() => void createBudget()}>
            新增地区…
          </button>
          <button type="button" onClick={() => void rename()} disabled={!budget}>
            重命名…
          </button>
          <button type="button" onClick={() => void removeBudget()} disabled={!budget}>
            删除地区…
          </button>
          {budgets.some((b) => b.isExample) && (
            <button type="button" onClick={() => void removeExamples()}>
              删除示例数据…
            </button>
          )}
        </div>
      </details>
    </div>
  );
}
