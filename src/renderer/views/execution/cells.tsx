import type { CustomCellRendererProps } from 'ag-grid-react';
import { EXECUTION_LIGHT_LABELS, type ExecutionLight } from '../../../core/execution/analysis';

/** An execution light with its word, so colour is never the only signal (the same look as the targets' lights). */
export function ExecutionLightCell(props: CustomCellRendererProps): React.JSX.Element | null {
  const light = props.value as ExecutionLight | null | undefined;
  if (!light) return null;
  const tone = light === 'done' ? 'met' : light === 'no_budget' ? 'no_data' : light;
  return (
    <span className={`light ${tone}`}>
      <i aria-hidden="true" />
      {EXECUTION_LIGHT_LABELS[light]}
    </span>
  );
}
