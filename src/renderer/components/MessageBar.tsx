import { useUiStore } from '../stores/ui-store';

export function MessageBar(): React.JSX.Element | null {
  const message = useUiStore((state) => state.message);
  const dismiss = useUiStore((state) => state.dismissMessage);
  if (!message) return null;
  return (
    <div className={`message-bar ${message.tone}`} role="alert">
      <div>
        <strong>{message.text}</strong>
        {message.details.length > 0 && (
          <ul>
            {message.details.slice(0, 20).map((detail, index) => (
              <li key={index}>{detail}</li>
            ))}
          </ul>
        )}
      </div>
      {message.action && (
        <button type="button" className="message-action" onClick={() => void message.action?.run()}>
          {message.action.label}
        </button>
      )}
      <button type="button" onClick={dismiss} aria-label="关闭提示">
        ×
      </button>
    </div>
  );
}
