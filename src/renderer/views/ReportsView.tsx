import { useEffect, useState } from 'react';
import type { ReportModelData } from '../../shared/contract';
import { REPORT_KINDS, REPORT_LABELS, type ReportKind } from '../../shared/report-kinds';
import { call } from '../services/api';
import { useBudgetStore } from '../stores/budget-store';
import { useExecutionStore } from '../stores/execution-store';
import { useUiStore } from '../stores/ui-store';
import { ReportDocument } from './reports/ReportDocument';

/** `#report=compliance&scenarios=1,2` (or `#report=execution&budget=3`) opens a report directly (the CLI prints it this way). */
export function reportFromHash(hash: string): { kind: ReportKind; scenarioIds: number[]; budgetId?: number } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const kind = params.get('report');
  if (!kind || !(REPORT_KINDS as readonly string[]).includes(kind)) return null;
  const scenarioIds = (params.get('scenarios') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const budgetId = Number(params.get('budget'));
  return { kind: kind as ReportKind, scenarioIds, ...(Number.isInteger(budgetId) && budgetId > 0 ? { budgetId } : {}) };
}

/** 报告: pick a report and its scenarios, preview it as it will print, print it or save it as PDF. */
export function ReportsView(): React.JSX.Element {
  const initial = reportFromHash(window.location.hash);
  const [kind, setKind] = useState<ReportKind>(initial?.kind ?? 'compliance');
  const budget = useBudgetStore((state) => state.view);
  const [scenarioIds, setScenarioIds] = useState<number[]>(initial?.scenarioIds ?? []);
  const [model, setModel] = useState<ReportModelData | null>(null);
  const scenarios = (budget?.scenarios ?? []).filter((s) => s.kind !== 'snapshot');
  const execution = useExecutionStore((state) => state.view);
  const executionSelection = useExecutionStore((state) => state.selection);

  useEffect(() => {
    if (!budget) void useBudgetStore.getState().load();
  }, [budget]);
  useEffect(() => {
    if (scenarioIds.length === 0 && budget) setScenarioIds([budget.scenario.id]);
  }, [budget, scenarioIds.length]);
  useEffect(() => {
    if (kind === 'execution' && !execution)
      void useExecutionStore.getState().load(initial?.budgetId !== undefined ? { budgetId: initial.budgetId } : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, execution]);
  useEffect(() => {
    setModel(null);
    if (kind === 'execution') {
      if (!execution) return;
      call('report-data', { kind, ...executionSelection }).then(setModel, (error: unknown) => useUiStore.getState().showError(error));
      return;
    }
    const ids = kind === 'compliance' ? scenarioIds.slice(0, 1) : kind === 'compare' ? scenarioIds : [];
    call('report-data', { kind, ...(ids.length ? { scenarioIds: ids } : {}) }).then(setModel, (error: unknown) =>
      useUiStore.getState().showError(error),
    );
  }, [kind, scenarioIds, execution, executionSelection]);

  const toggle = (id: number): void => {
    if (kind === 'compliance') setScenarioIds([id]);
    else setScenarioIds(scenarioIds.includes(id) ? scenarioIds.filter((s) => s !== id) : [...scenarioIds, id].slice(0, 8));
  };
  const savePdf = async (): Promise<void> => {
    const result = await useUiStore.getState().track(() => call('report-pdf', { kind }));
    if (result) useUiStore.getState().showInfo(`已保存PDF：${result.path}`);
  };

  return (
    <div className="view reports-view" data-testid="reports-view">
      <div className="toolbar report-controls">
        {REPORT_KINDS.map((k) => (
          <label key={k} className="chip">
            <input type="radio" name="report-kind" checked={kind === k} onChange={() => setKind(k)} />
            {REPORT_LABELS[k]}
          </label>
        ))}
        <span className="toolbar-gap" />
        <button type="button" onClick={() => window.print()}>
          打印…
        </button>
        <button type="button" className="primary" onClick={() => void savePdf()} disabled={!model}>
          另存为PDF…
        </button>
      </div>
      {(kind === 'compliance' || kind === 'compare') && (
        <div className="toolbar report-controls">
          <span>{kind === 'compliance' ? '情景：' : '对比情景：'}</span>
          {scenarios.map((s) => (
            <label key={s.id} className="chip">
              <input
                type={kind === 'compliance' ? 'radio' : 'checkbox'}
                name="report-scenario"
                checked={scenarioIds.includes(s.id)}
                onChange={() => toggle(s.id)}
              />
              {s.name}
            </label>
          ))}
        </div>
      )}
      {kind === 'execution' && execution && (
        <div className="toolbar report-controls">
          <label>
            地区
            <select
              value={execution.budget?.id ?? ''}
              onChange={(e) => void useExecutionStore.getState().load({ budgetId: Number(e.target.value) })}
              aria-label="报告的地区"
            >
              {execution.budgets
                .filter((b) => b.latest)
                .map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            期间
            <select
              value={execution.report ? `${execution.report.year}-${execution.report.month}` : ''}
              onChange={(e) => {
                const [year, month] = e.target.value.split('-').map(Number);
                if (year && month)
                  void useExecutionStore.getState().load({ ...(execution.budget ? { budgetId: execution.budget.id } : {}), year, month });
              }}
              aria-label="报告的期间"
            >
              {execution.reports.map((r) => (
                <option key={r.id} value={`${r.year}-${r.month}`}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="report-preview">{model ? <ReportDocument model={model} /> : <p className="placeholder">正在生成…</p>}</div>
    </div>
  );
}
