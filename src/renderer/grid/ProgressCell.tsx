import type { CustomCellRendererProps } from 'ag-grid-react';
import { PROGRESS_LABELS, type ProgressState } from '../../core/progress/progress';

/** A traffic light with its word, so colour is never the only signal. */
export function ProgressCell(props: CustomCellRendererProps): React.JSX.Element | null {
  const state = props.value as ProgressState | null | undefined;
  if (!state) return null;
  return (
    <span className={`light ${state}`}>
      <i aria-hidden="true" />
      {PROGRESS_LABELS[state]}
    </span>
  );
}
