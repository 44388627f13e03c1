import { VIEWS } from '../stores/ui-store';
import { useHistoryStore } from '../stores/history-store';
import { useUiStore } from '../stores/ui-store';

export function NavBar(): React.JSX.Element {
  const view = useUiStore((state) => state.view);
  const setView = useUiStore((state) => state.setView);
  const history = useHistoryStore((state) => state.history);
  return (
    <nav className="nav" aria-label="主导航">
      <div className="brand">民生规划工作台</div>
      <ul>
        {VIEWS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={item.id === view ? 'active' : ''}
              aria-current={item.id === view ? 'page' : undefined}
              onClick={() => setView(item.id)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-actions">
        <button
          type="button"
          onClick={() => void useHistoryStore.getState().undo()}
          disabled={!history.canUndo}
          title={history.undoLabel ? `撤销：${history.undoLabel}` : '没有可撤销的操作'}
        >
          撤销
        </button>
        <button
          type="button"
          onClick={() => void useHistoryStore.getState().redo()}
          disabled={!history.canRedo}
          title={history.redoLabel ? `重做：${history.redoLabel}` : '没有可重做的操作'}
        >
          重做
        </button>
      </div>
    </nav>
  );
}
