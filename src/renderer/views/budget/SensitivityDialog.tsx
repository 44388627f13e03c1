import { WorkbenchError } from '../../../shared/result';
import { useState } from 'react';
import { FUNCTION_CLASSES_2017 } from '../../../core/budget/classification';
import type { BudgetView, SensitivityGroupInput, SensitivityResult } from '../../../shared/budget';
import { Dialog } from '../../components/Dialog';
import { formatPercent, formatStatedPercent } from '../../format';
import { call } from '../../services/api';
import { useUiStore } from '../../stores/ui-store';

interface Props {
  view: BudgetView;
  onClose(): void;
}

const GROUPS: { key: string; label: string; group: SensitivityGroupInput }[] = [
  { key: 'non_livelihood', label: '非民生支出', group: { kind: 'non_livelihood' } },
  { key: 'livelihood', label: '民生支出', group: { kind: 'livelihood' } },
  { key: 'all', label: '全部支出', group: { kind: 'all' } },
  ...FUNCTION_CLASSES_2017.map((c) => ({
    key: c.code,
    label: `${c.code} ${c.name}`,
    group: { kind: 'class' as const, classCode: c.code },
  })),
];

function parseSteps(text: string): number[] | null {
  const steps = text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map((part) => Number(part.replace('%', '')) / 100);
  return steps.length > 0 && steps.length <= 25 && steps.every((s) => Number.isFinite(s) && s > -1) ? steps : null;
}

/** Whether the floor verdict changes between this cell and its right or lower neighbour: the floor contour. */
function contourClasses(meets: boolean[][], r: number, c: number): string {
  const here = meets[r]?.[c];
  const classes: string[] = [];
  if (meets[r]?.[c + 1] !== undefined && meets[r]?.[c + 1] !== here) classes.push('edge-right');
  if (meets[r + 1]?.[c] !== undefined && meets[r + 1]?.[c] !== here) classes.push('edge-bottom');
  return classes.join(' ');
}

/** 1- and 2-variable what-if tables of the livelihood share, coloured against the floor. */
export function SensitivityDialog({ view, onClose }: Props): React.JSX.Element {
  const [rowKey, setRowKey] = useState('non_livelihood');
  const [colKey, setColKey] = useState('livelihood');
  const [rowSteps, setRowSteps] = useState('-10, -5, 0, 5, 10, 15, 20, 25, 30');
  const [colSteps, setColSteps] = useState('-10, -5, 0, 5, 10');
  const [table, setTable] = useState<SensitivityResult | null>(null);
  const labelOf = (key: string): string => GROUPS.find((g) => g.key === key)?.label ?? key;

  const run = async (): Promise<void> => {
    const rows = parseSteps(rowSteps);
    const cols = colKey === '' ? [] : parseSteps(colSteps);
    const rowGroup = GROUPS.find((g) => g.key === rowKey)?.group;
    const colGroup = GROUPS.find((g) => g.key === colKey)?.group;
    if (!rows || !cols || !rowGroup) {
      useUiStore
        .getState()
        .showError(new WorkbenchError('bad_input', '变动幅度请用逗号分隔的百分数，如“-10, 0, 10”，最多25个，且不能小于-100。'));
      return;
    }
    try {
      setTable(
        await call('sensitivity', {
          scenarioId: view.scenario.id,
          row: { group: rowGroup, steps: rows },
          ...(colGroup && cols.length > 0 ? { col: { group: colGroup, steps: cols } } : {}),
        }),
      );
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  };

  const stepLabel = (step: number): string => `${step > 0 ? '+' : ''}${formatStatedPercent(step)}`;
  return (
    <Dialog
      title={`敏感性分析 —— ${view.scenario.name}`}
      onClose={onClose}
      testId="sensitivity-dialog"
      footer={
        <button type="button" onClick={onClose}>
          关闭
        </button>
      }
    >
      <div className="form-row">
        <label>
          行：
          <select value={rowKey} onChange={(e) => setRowKey(e.target.value)} aria-label="行变量">
            {GROUPS.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}增长
              </option>
            ))}
          </select>
          <input value={rowSteps} onChange={(e) => setRowSteps(e.target.value)} aria-label="行变动幅度" />
        </label>
      </div>
      <div className="form-row">
        <label>
          列：
          <select value={colKey} onChange={(e) => setColKey(e.target.value)} aria-label="列变量">
            <option value="">（单变量）</option>
            {GROUPS.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}增长
              </option>
            ))}
          </select>
          <input value={colSteps} onChange={(e) => setColSteps(e.target.value)} disabled={colKey === ''} aria-label="列变动幅度" />
        </label>
        <button type="button" className="primary" onClick={() => void run()}>
          计算
        </button>
      </div>
      {table && (
        <div className="sensitivity" data-testid="sensitivity-table">
          <table>
            <thead>
              <tr>
                <th>
                  {labelOf(rowKey)} ↓ ／ {table.colSteps.length ? `${labelOf(colKey)} →` : '民生占比'}
                </th>
                {(table.colSteps.length ? table.colSteps : [0]).map((step, c) => (
                  <th key={c}>{table.colSteps.length ? stepLabel(step) : '占比'}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rowSteps.map((step, r) => (
                <tr key={r}>
                  <th>{stepLabel(step)}</th>
                  {(table.share[r] ?? []).map((share, c) => (
                    <td key={c} className={`${table.meets[r]?.[c] ? 'pass' : 'fail'} ${contourClasses(table.meets, r, c)}`}>
                      {formatPercent(share)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            绿色达到底线 {formatStatedPercent(table.floor)}，红色低于底线；粗线为底线分界。每格按各行分别取整到分后重新计算。
          </p>
        </div>
      )}
    </Dialog>
  );
}
