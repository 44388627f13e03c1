import { useEffect, useState } from 'react';
import { useUiStore } from '../stores/ui-store';

/**
 * A review of incoming changes (a returned packet, a local copy brought back): the preview is asked for once as the
 * dialog opens — nothing chosen closes it, a refusal is shown and closes it — and the user ticks the changes to take.
 */
export function useReview<T>(
  load: () => Promise<T | null>,
  ticked: (preview: T) => readonly number[],
  close: () => void,
): {
  preview: T | null;
  accepted: ReadonlySet<number>;
  toggle: (id: number) => void;
  /** ticks exactly these */
  tick: (ids: readonly number[]) => void;
  replace: (preview: T) => void;
} {
  const [preview, setPreview] = useState<T | null>(null);
  const [accepted, setAccepted] = useState<ReadonlySet<number>>(new Set());
  const replace = (result: T): void => {
    setPreview(result);
    setAccepted(new Set(ticked(result)));
  };
  useEffect(() => {
    load().then(
      (result) => {
        if (!result) return close();
        replace(result);
      },
      (error: unknown) => {
        useUiStore.getState().showError(error);
        close();
      },
    );
    // once, as the dialog opens: the preview is read from a file the user picks
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const toggle = (id: number): void => {
    const next = new Set(accepted);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setAccepted(next);
  };
  return { preview, accepted, toggle, tick: (ids) => setAccepted(new Set(ids)), replace };
}
