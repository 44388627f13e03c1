import { useMemo, useState } from 'react';
import type { BudgetLineRow, BudgetView } from '../../../shared/budget';
import { Dialog } from '../../components/Dialog';
import { formatWan } from '../../format';
import { useBudgetStore } from '../../stores/budget-store';

interface Props {
  view: BudgetView;
  /** the lines the grid's selection covers when the dialog was opened */
  selection: readonly BudgetLineRow[];
  onClose(): void;
  /** the stored rows, for the grid to show in place */
  onStored(rows: BudgetLineRow[]): void;
}

interface ClassChoice {
  code: string;
  name: string;
  count: number;
  baseFen: number;
}

function classChoices(lines: readonly BudgetLineRow[]): ClassChoice[] {
  const byCode = new Map<string, ClassChoice>();
  for (const line of lines) {
    const choice = byCode.get(line.classCode) ?? { code: line.classCode, name: line.className, count: 0, baseFen: 0 };
    choice.count++;
    choice.baseFen += line.baseAmountFen;
    byCode.set(line.classCode, choice);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** "-5", "+3.5%", "５％" → -5, 3.5; null when it is not a percentage. */
function percentOf(text: string): number | null {
  const cleaned = text.normalize('NFKC').replace(/\s+/g, '').replace(/%$/, '');
  return /^[+-]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

/**
 * 按比例调整: the amounts of the selected lines, or of every line of one 功能分类, up or down by a percentage of
 * their baseline — one undoable action in the scenario on screen.
 */
export function ScaleDialog({ view, selection, onClose, onStored }: Props): React.JSX.Element {
  const classes = useMemo(() => classChoices(view.lines), [view.lines]);
  const [scope, setScope] = useState<'selection' | 'class'>(selection.length > 0 ? 'selection' : 'class');
  const [classCode, setClassCode] = useState(() => selection[0]?.classCode ?? classes[0]?.code ?? '');
  const [percent, setPercent] = useState('');
  const chosen = classes.find((c) => c.code === classCode);
  const baseFen = scope === 'selection' ? selection.reduce((sum, line) => sum + line.baseAmountFen, 0) : (chosen?.baseFen ?? 0);
  const count = scope === 'selection' ? selection.length : (chosen?.count ?? 0);
  const ratio = percentOf(percent);

  const run = async (): Promise<void> => {
    const stored = await useBudgetStore
      .getState()
      .scale(scope === 'selection' ? { lineIds: selection.map((line) => line.id) } : { classCode }, percent);
    if (stored) {
      onStored(stored);
      onClose();
    }
  };

  return (
    <Dialog
      title="按比例调整金额"
      width="narrow"
      testId="scale-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void run()} disabled={ratio === null || count === 0}>
            调整
          </button>
        </>
      }
    >
      <div className="form-row">
        <label>
          <input type="radio" checked={scope === 'selection'} disabled={selection.length === 0} onChange={() => setScope('selection')} />
          表格中选中的 {selection.length} 行
        </label>
      </div>
      <div className="form-row">
        <label>
          <input type="radio" checked={scope === 'class'} onChange={() => setScope('class')} />
          功能分类
        </label>
        <select
          value={classCode}
          onChange={(e) => {
            setClassCode(e.target.value);
            setScope('class');
          }}
          aria-label="功能分类"
        >
          {classes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} {c.name}（{c.count}行）
            </option>
          ))}
        </select>
      </div>
      <label className="field">
        调整比例（%，负数为调减，如 -5）
        <input value={percent} onChange={(e) => setPercent(e.target.value)} aria-label="调整比例" placeholder="如 -5 或 3.5" autoFocus />
      </label>
      <p className="hint" data-testid="scale-preview">
        {count} 行，基线合计 {formatWan(baseFen)} 万元
        {ratio !== null && `，调整后约 ${formatWan(Math.round(baseFen * (1 + ratio / 100)))} 万元`}。
        比例按基线金额计算，替换这些行原有的金额调整；可撤销。
      </p>
    </Dialog>
  );
}
