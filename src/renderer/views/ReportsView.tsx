import { useEffect, useState } from 'react';
import type { ReportModelData } from '../../shared/contract';
import { REPORT_KINDS, REPORT_LABELS, type ReportKind } from '../../shared/report-kinds';
import { call } from '../services/api';
import { useBudgetStore } from '../stores/budget-store';
import { useUiStore } from '../stores/ui-store';
import { ReportDocument } from './reports/ReportDocument';

/** `#report=compliance&scenarios=1,2` opens a report directly (the CLI prints it this way). */
export function reportFromHash(hash: string): { kind: ReportKind; scenarioIds: number[] } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const kind = params.get('report');
  if (!kind || !(REPORT_KINDS as readonly string[]).includes(kind)) return null;
  const scenarioIds = (params.get('scenarios') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return { kind: kind as ReportKind, scenarioIds };
}

/** 报告: pick a report and its scenarios, preview it as it will print, print it or save it as PDF. */
export function ReportsView(): React.JSX.Element {
  const initial = reportFromHash(window.location.hash);
  const [kind, setKind] = useState<ReportKind>(initial?.kind ?? 'compliance');
  const budget = useBudgetStore((state) => state.view);
  const [scenarioIds, setScenarioIds] = useState<number[]>(initial?.scenarioIds ?? []);
  const [model, setModel] = useState<ReportModelData | null>(null);
  const scenarios = (budget?.scenarios ?? []).filter((s) => s.kind !== 'snapshot');

  useEffect(() => {
    if (!budget) void useBudgetStore.getState().load();
  }, [budget]);
  useEffect(() => {
    if (scenarioIds.length === 0 && budget) setScenarioIds([budget.scenario.id]);
  }, [budget, scenarioIds.length]);
  useEffect(() => {
    setModel(null);
    const ids = kind === 'compliance' ? scenarioIds.slice(0, 1) : kind === 'compare' ? scenarioIds : [];
    call('report-data', { kind, ...(ids.length ? { scenarioIds: ids } : {}) }).then(setModel, (error: unknown) => useUiStore.getState().showError(error));
  }, [kind, scenarioIds]);

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
        <button type="button" onClick={() => window.print()}>打印…</button>
        <button type="button" className="primary" onClick={() => void savePdf()} disabled={!model}>另存为PDF…</button>
      </div>
      {(kind === 'compliance' || kind === 'compare') && (
        <div className="toolbar report-controls">
          <span>{kind === 'compliance' ? '情景：' : '对比情景：'}</span>
          {scenarios.map((s) => (
            <label key={s.id} className="chip">
              <input type={kind === 'compliance' ? 'radio' : 'checkbox'} name="report-scenario" checked={scenarioIds.includes(s.id)} onChange={() => toggle(s.id)} />
              {s.name}
            </label>
          ))}
        </div>
      )}
      <div className="report-preview">{model ? <ReportDocument model={model} /> : <p className="placeholder">正在生成…</p>}</div>
    </div>
  );
}
