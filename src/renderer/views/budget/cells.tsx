import type { CustomCellRendererProps } from 'ag-grid-react';
import type { BudgetLineRow } from '../../../shared/budget';
import { formatCount, formatWan } from '../../format';

export type NumericField = 'amount' | 'quantity' | 'rate';

const OP_HINTS = { set: '设为', add: '增减', pct: '按比例' } as const;

function describeOverride(row: BudgetLineRow, field: NumericField): string | null {
  const override = row.overrides.find((o) => o.field === field);
  if (!override) return null;
  const base =
    field === 'amount'
      ? `${formatWan(row.baseAmountFen)} 万元`
      : field === 'rate'
        ? `${formatWan((row.baseRateFen ?? 0) * 100)} 元`
        : formatCount(row.baseQuantity);
  return `情景调整（${OP_HINTS[override.op]}），基线为 ${base}`;
}

export interface OverridableCellParams {
  field: NumericField;
  /** takes this one cell back to the baseline, through the grid's edit path (one undoable action) */
  revert(row: BudgetLineRow, field: NumericField): void;
}

/** A number cell that marks a scenario's override and offers 恢复基线 for that one cell. */
export function OverridableCell(props: CustomCellRendererProps<BudgetLineRow> & OverridableCellParams): React.JSX.Element | null {
  const row = props.data;
  if (!row) return <span>{props.valueFormatted ?? ''}</span>;
  const hint = describeOverride(row, props.field);
  return (
    <span className="overridable" title={hint ?? undefined}>
      <span>{props.valueFormatted}</span>
      {hint && (
        <button
          type="button"
          className="revert"
          aria-label="恢复基线"
          title={`恢复基线：${hint}`}
          onClick={(event) => {
            event.stopPropagation();
            props.revert(row, props.field);
          }}
        >
          ↺
        </button>
      )}
    </span>
  );
}
