import { useButtonRights } from '../../stores/role-rights';
import type { BudgetLineRow, BudgetView } from '../../../shared/budget';
import { call } from '../../services/api';
import { scenarioKindLabel, useBudgetStore } from '../../stores/budget-store';
import { useUiStore } from '../../stores/ui-store';

export type BudgetDialog = 'goal-seek' | 'breakback' | 'sensitivity' | 'settings' | 'add-line' | 'scale' | null;

interface ToolbarProps {
  view: BudgetView;
  onOpen(dialog: BudgetDialog): void;
  /** the lines the grid's selection covers, read when a button needs them */
  selectedLines(): BudgetLineRow[];
}

const ask = useUiStore.getState().ask;

function askName(title: string, message: string, suggestion: string): Promise<string | null> {
  return ask({ title, message, defaultValue: suggestion, confirmLabel: '确定' });
}

async function confirmed(title: string, message: string, confirmLabel: string): Promise<boolean> {
  return (await ask({ title, message, confirmLabel })) !== null;
}

/** Choose the scenario on screen and act on it: new, clone, delete, lock, promote; open the analysis tools. */
export function ScenarioToolbar({ view, onOpen, selectedLines }: ToolbarProps): React.JSX.Element {
  const store = useBudgetStore.getState();
  const { scenario, scenarios } = view;
  const groups = (['baseline', 'scenario', 'snapshot'] as const).map((kind) => ({ kind, items: scenarios.filter((s) => s.kind === kind) }));
  const isScenario = scenario.kind === 'scenario';
  const editable = scenario.kind !== 'snapshot' && !scenario.locked;
  // scenarios and budget lines are the budget's structure (管理员's); overrides are values (编辑's too)
  const structure = useButtonRights('structure');
  const values = useButtonRights('values');

  const create = async (): Promise<void> => {
    const name = await askName(
      '新建情景',
      '情景在当前基线上只记录调整，不复制数据。名称：',
      `情景${scenarios.filter((s) => s.kind === 'scenario').length + 1}`,
    );
    if (name)
      await store.mutate(
        () => call('scenario-create', { name }),
        (created) => created.id,
      );
  };
  const clone = async (): Promise<void> => {
    const name = await askName('复制情景', `复制“${scenario.name}”的全部调整，新情景名称：`, `${scenario.name}（副本）`);
    if (name)
      await store.mutate(
        () => call('scenario-create', { name, fromScenarioId: scenario.id }),
        (created) => created.id,
      );
  };
  const remove = async (): Promise<void> => {
    if (await confirmed('删除情景', `删除“${scenario.name}”？删除后可用“撤销”恢复。`, '删除')) {
      await store.mutate(() => call('scenario-delete', { scenarioId: scenario.id }));
    }
  };
  const promote = async (): Promise<void> => {
    const message = `把“${scenario.name}”的调整写入基线？原基线会先保存为锁定的快照，可随时查看和对比；建立在同一基线上的其他情景保留各自的调整。`;
    if (await confirmed('设为基线', message, '设为基线')) {
      await store.mutate(
        () => call('scenario-promote', { scenarioId: scenario.id }),
        (result) => result.baseline.id,
      );
    }
  };
  const removeLines = async (): Promise<void> => {
    const lines = selectedLines();
    if (lines.length === 0) {
      useUiStore.getState().showInfo('请先在表格中选中要删除的行（单击一格，Shift+单击或 Shift+方向键扩展）。');
      return;
    }
    const names = lines.length === 1 ? `“${lines[0]?.name ?? ''}”` : `选中的${lines.length}个预算行`;
    if (await confirmed('删除预算行', `删除${names}？可用“撤销”恢复。`, '删除')) await store.deleteLines(lines.map((line) => line.id));
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="情景">
      <label>
        情景
        <select
          value={scenario.id}
          onChange={(event) => void store.select(Number(event.target.value))}
          data-testid="scenario-select"
          aria-label="选择情景"
        >
          {groups.map((group) =>
            group.items.length === 0 ? null : (
              <optgroup key={group.kind} label={scenarioKindLabel(group.items[0] ?? scenario)}>
                {group.items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                    {item.locked ? ' 🔒' : ''}
                  </option>
                ))}
              </optgroup>
            ),
          )}
        </select>
      </label>
      <span className={`badge ${scenario.kind}`}>{scenarioKindLabel(scenario)}</span>
      {isScenario && (
        <span className="badge" data-testid="override-count">
          调整 {scenario.overrideCount} 处
        </span>
      )}
      {scenario.isExample && <span className="badge example">示例数据（非真实预算）</span>}
      <span className="toolbar-gap" />
      <button type="button" onClick={() => void create()} {...structure}>
        新建情景
      </button>
      <button type="button" onClick={() => void clone()} {...structure}>
        复制
      </button>
      <button type="button" onClick={() => void remove()} disabled={scenario.locked} {...structure}>
        删除
      </button>
      {scenario.kind !== 'snapshot' && (
        <button
          type="button"
          onClick={() => void store.mutate(() => call('scenario-lock', { scenarioId: scenario.id, locked: !scenario.locked }))}
          {...structure}
        >
          {scenario.locked ? '解锁' : '锁定'}
        </button>
      )}
      {isScenario && (
        <button type="button" onClick={() => void promote()} disabled={scenario.locked} {...structure}>
          设为基线
        </button>
      )}
      {scenario.kind === 'baseline' && editable && (
        <>
          <button type="button" onClick={() => onOpen('add-line')} {...structure}>
            新增行
          </button>
          <button type="button" onClick={() => void removeLines()} title="删除表格中选中的行" {...structure}>
            删除行
          </button>
        </>
      )}
      <span className="toolbar-sep" />
      {/* goal seek saves its answer as a new scenario */}
      <button type="button" onClick={() => onOpen('goal-seek')} data-testid="open-goal-seek" {...structure}>
        目标求解…
      </button>
      <button
        type="button"
        onClick={() => onOpen('scale')}
        disabled={!isScenario || !editable}
        title={isScenario ? '选中的行或一个功能分类的金额按比例增减（一次操作，可撤销）' : '按比例调整请在情景中进行：先新建情景'}
        {...values}
      >
        按比例调整…
      </button>
      <button type="button" onClick={() => onOpen('breakback')} {...values}>
        分摊…
      </button>
      <button type="button" onClick={() => onOpen('sensitivity')}>
        敏感性分析…
      </button>
    </div>
  );
}
