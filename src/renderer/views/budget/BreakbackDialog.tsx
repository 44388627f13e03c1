import { useMemo, useState } from 'react';
import type { BudgetView } from '../../../shared/budget';
import { Dialog } from '../../components/Dialog';
import { formatPercent, formatWan } from '../../format';
import { call } from '../../services/api';
import { useBudgetStore } from '../../stores/budget-store';
import { useUiStore } from '../../stores/ui-store';
import { MAX_LISTED_LINES, matchingLines } from './LinePicker';

interface Props {
  view: BudgetView;
  onClose(): void;
}

/** Breakback: spread a required change over chosen lines, with held lines; saved as a new scenario. */
export function BreakbackDialog({ view, onClose }: Props): React.JSX.Element {
  const below = view.metrics.status === 'below';
  const [restoreFloor, setRestoreFloor] = useState(below);
  const [amount, setAmount] = useState('');
  const [mode, setMode] = useState<'proportional' | 'even'>('proportional');
  const [included, setIncluded] = useState<Set<number>>(() => new Set(view.lines.filter((l) => l.livelihood).map((l) => l.id)));
  const [held, setHeld] = useState<Set<number>>(() => new Set());
  const [name, setName] = useState(below ? '补足民生底线' : '分摊调整');
  const toggle = (set: Set<number>, id: number): Set<number> => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  const chosen = useMemo(() => view.lines.filter((l) => included.has(l.id)), [view.lines, included]);
  // at 100,000 lines the table lists a few hundred, found by code or name; the choices cover every line
  const [query, setQuery] = useState('');
  const listed = useMemo(() => matchingLines(view.lines, query), [view.lines, query]);
  const heldCount = chosen.filter((l) => held.has(l.id)).length;

  const run = async (): Promise<void> => {
    const result = await useBudgetStore.getState().mutate(
      () =>
        call('breakback', {
          scenarioId: view.scenario.id,
          lineIds: chosen.map((l) => l.id),
          heldLineIds: chosen.filter((l) => held.has(l.id)).map((l) => l.id),
          ...(restoreFloor ? { restoreFloor: true } : { amount }),
          mode,
          saveAs: name,
        }),
      (r) => r.scenario.id,
    );
    if (result) {
      useUiStore.getState().showInfo(`已另存为情景“${result.scenario.name}”，民生占比 ${formatPercent(result.metrics.share)}。`);
      onClose();
    }
  };

  return (
    <Dialog
      title="分摊（按比例或平均）"
      onClose={onClose}
      testId="breakback-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void run()} disabled={chosen.length === 0}>
            分摊并另存为新情景
          </button>
        </>
      }
    >
      <div className="form-row">
        <label>
          <input type="radio" checked={restoreFloor} disabled={!below} onChange={() => setRestoreFloor(true)} />
          补足民生底线（需增加 {formatWan(view.metrics.minLivelihoodIncreaseFen)} 万元）
        </label>
        <label>
          <input type="radio" checked={!restoreFloor} onChange={() => setRestoreFloor(false)} />
          指定金额（万元，负数为调减）
          <input
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            disabled={restoreFloor}
            aria-label="分摊金额"
            placeholder="如 5000 或 -2000"
          />
        </label>
      </div>
      <div className="form-row">
        <label>
          <input type="radio" checked={mode === 'proportional'} onChange={() => setMode('proportional')} />
          按金额比例
        </label>
        <label>
          <input type="radio" checked={mode === 'even'} onChange={() => setMode('even')} />
          平均
        </label>
        <label>
          新情景名称 <input value={name} onChange={(e) => setName(e.target.value)} aria-label="新情景名称" />
        </label>
      </div>
      {view.lines.length > MAX_LISTED_LINES && (
        <div className="form-row">
          <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="按科目编码或名称查找" aria-label="查找预算行" />
          <span className="hint">
            共{view.lines.length}行，列出{listed.length}行；参与 {chosen.length} 行（默认全部民生行），锁定 {heldCount} 行。
          </span>
        </div>
      )}
      <div className="pick-table">
        <table>
          <thead>
            <tr>
              <th>参与</th>
              <th>锁定</th>
              <th>科目</th>
              <th>名称</th>
              <th>民生</th>
              <th className="num">金额（万元）</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((line) => (
              <tr key={line.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={included.has(line.id)}
                    onChange={() => setIncluded(toggle(included, line.id))}
                    aria-label={`参与：${line.name}`}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={held.has(line.id)}
                    disabled={!included.has(line.id)}
                    onChange={() => setHeld(toggle(held, line.id))}
                    aria-label={`锁定：${line.name}`}
                  />
                </td>
                <td>{line.code}</td>
                <td>{line.name}</td>
                <td>{line.livelihood ? '✓' : ''}</td>
                <td className="num">{formatWan(line.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">锁定的行不参与调整；分摊结果精确到分，各行调整之和恰好等于所需金额。</p>
    </Dialog>
  );
}
