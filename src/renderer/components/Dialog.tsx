import { type ReactNode, useEffect } from 'react';
import { createPortal } from 'react-dom';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer: ReactNode;
  width?: 'narrow' | 'wide';
  testId?: string;
}

/** A modal with a title, a body and a footer of buttons; Esc closes it. */
export function Dialog({ title, onClose, children, footer, width = 'wide', testId }: DialogProps): React.JSX.Element {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  // rendered at the end of <body>, above every grid and panel whatever their stacking
  return createPortal(
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
      <div className={`dialog ${width}`}>
        <header>
          <h2>{title}</h2>
          <button type="button" onClick={onClose} aria-label="关闭">
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        <footer>{footer}</footer>
      </div>
    </div>,
    document.body,
  );
}
