import { useState } from 'react';
import { useUiStore } from '../stores/ui-store';
import { Dialog } from './Dialog';

/** Renders the question the ui store is asking, if any: a confirmation or a one-line text answer. */
export function QuestionDialog(): React.JSX.Element | null {
  const question = useUiStore((state) => state.question);
  if (!question) return null;
  return <QuestionBody key={question.title + question.message} />;
}

function QuestionBody(): React.JSX.Element | null {
  const question = useUiStore((state) => state.question);
  const [text, setText] = useState(question?.defaultValue ?? '');
  if (!question) return null;
  const wantsText = question.defaultValue !== undefined;
  const confirm = (): void => {
    if (wantsText && text.trim() === '') return;
    question.resolve(wantsText ? text.trim() : '');
  };
  return (
    <Dialog
      title={question.title}
      width="narrow"
      testId="question-dialog"
      onClose={() => question.resolve(null)}
      footer={
        <>
          <button type="button" onClick={() => question.resolve(null)}>
            取消
          </button>
          <button type="button" className="primary" onClick={confirm} disabled={wantsText && text.trim() === ''}>
            {question.confirmLabel}
          </button>
        </>
      }
    >
      <p className="question-message">{question.message}</p>
      {wantsText && (
        <input
          autoFocus
          value={text}
          aria-label={question.title}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') confirm();
          }}
        />
      )}
    </Dialog>
  );
}
