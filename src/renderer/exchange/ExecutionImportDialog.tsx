import { useEffect, useMemo, useState } from 'react';
import type { ExecutionInspect, ExecutionMappingInput, ExecutionPreview } from '../../shared/execution';
import { Dialog } from '../components/Dialog';
import { formatPercent, formatWan } from '../format';
import { call } from '../services/api';
import { useExecutionStore } from '../stores/execution-store';
import { useUiStore } from '../stores/ui-store';
import { ColumnSelect, encodingNote, HeaderRowInput, ProblemList, UnitSelect } from './mapping-fields';
import { afterImport } from './run-exchange';

const NEW_BUDGET = 0;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** "通川区2017年1-6月执行表.xlsx" → "通川区": the place a file is usually named after. */
function nameFromFile(fileName: string): string {
  return /^[\u4e00-\u9fa5]+?(?:市本级|[区县市])/.exec(fileName)?.[0] ?? '';
}

/** The mapping of a sheet nobody could guess: the first columns, to be adjusted. */
function blankMapping(sheet: string): ExecutionMappingInput {
  return {
    sheet,
    headerRow: 0,
    codeColumn: 0,
    nameColumn: 1,
    initialBudgetColumn: null,
    adjustedBudgetColumn: null,
    monthColumn: null,
    cumulativeColumn: 2,
    unit: 'wan',
    year: null,
    month: null,
  };
}

/**
 * 导入预算执行表: the user's execution tables (xlsx, xls, csv; a sheet per month is fine). Which budget they
 * belong to, which sheets, each sheet's period and columns (guessed, adjustable), the preview with every problem
 * and — where a report for the same period exists — the differences it would replace; then one undoable action.
 */
export function ExecutionImportDialog(): React.JSX.Element | null {
  const close = (): void => useUiStore.getState().setExchange(null);
  const current = useExecutionStore((state) => state.view);
  const [inspect, setInspect] = useState<ExecutionInspect | null>(null);
  const [mappings, setMappings] = useState<ExecutionMappingInput[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [sheet, setSheet] = useState('');
  const [budgetId, setBudgetId] = useState(NEW_BUDGET);
  const [newName, setNewName] = useState('');
  const [preview, setPreview] = useState<ExecutionPreview | null>(null);
  const budgets = current?.budgets ?? [];

  // once, on opening: the file dialog is shown once however often the execution view reloads
  useEffect(() => {
    if (!useExecutionStore.getState().view) void useExecutionStore.getState().load();
    call('execution-import-inspect', {}).then(
      (result) => {
        if (!result) return close();
        setInspect(result);
        setMappings(result.sheets.map((s, i) => result.guesses[i] ?? blankMapping(s.name)));
        const recognised = result.sheets.filter((_, i) => result.guesses[i] !== null).map((s) => s.name);
        setChosen(new Set(recognised));
        setSheet(recognised[0] ?? result.sheets[0]?.name ?? '');
        const guessed = nameFromFile(result.fileName);
        const existing = useExecutionStore.getState().view?.budgets.find((b) => guessed && b.name === guessed);
        if (existing) setBudgetId(existing.id);
        setNewName(guessed);
      },
      (error: unknown) => {
        useUiStore.getState().showError(error);
        close();
      },
    );
  }, []);

  const selected = useMemo(() => mappings.filter((m) => chosen.has(m.sheet)), [mappings, chosen]);
  const target = budgetId === NEW_BUDGET ? { newBudgetName: newName } : { budgetId };
  const targetKey = JSON.stringify(target);
  useEffect(() => {
    if (!inspect || selected.length === 0 || (budgetId === NEW_BUDGET && newName.trim() === '')) {
      setPreview(null);
      return;
    }
    call('execution-import-preview', { token: inspect.token, mappings: selected, ...target }).then(setPreview, (error: unknown) =>
      useUiStore.getState().showError(error),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [inspect, selected, targetKey]);

  if (!inspect) return <div className="busy-overlay">正在读取文件…</div>;
  const mapping = mappings.find((m) => m.sheet === sheet);
  const sheetData = inspect.sheets.find((s) => s.name === sheet);
  const headers = sheetData?.preview[mapping?.headerRow ?? 0] ?? [];
  const set = (patch: Partial<ExecutionMappingInput>): void =>
    setMappings(mappings.map((m) => (m.sheet === sheet ? { ...m, ...patch } : m)));
  const toggle = (name: string): void => {
    const next = new Set(chosen);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setChosen(next);
  };
  const replacing = preview?.sheets.filter((s) => s.replaces !== null) ?? [];
  const shown = preview?.sheets.find((s) => s.sheet === sheet);
  const apply = async (): Promise<void> => {
    const result = await useUiStore
      .getState()
      .track(() => call('execution-import-apply', { token: inspect.token, mappings: selected, ...target }));
    if (!result) return;
    close();
    const latest = [...result.reports].sort((a, b) => b.year - a.year || b.month - a.month)[0];
    useUiStore.getState().setView('execution');
    await useExecutionStore.getState().load({ budgetId: result.budget.id, ...(latest ? { year: latest.year, month: latest.month } : {}) });
    await afterImport(
      `已导入“${inspect.fileName}”到“${result.budget.name}”：${result.reports.map((r) => r.label).join('、')}${result.replaced ? `（替换了${result.replaced}张同期报表）` : ''}。可用“撤销”恢复。`,
    );
  };
  const ready = !!preview && preview.problems.length === 0 && selected.length > 0;

  return (
    <Dialog
      title={`导入预算执行表 —— ${inspect.fileName}${encodingNote(inspect.encoding)}`}
      onClose={close}
      testId="execution-import-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" disabled={!ready} onClick={() => void apply()}>
            {replacing.length > 0 ? `替换并导入（${selected.length}张表）` : `导入（${selected.length}张表）`}
          </button>
        </>
      }
    >
      <div className="form-row">
        <label>
          地区
          <select value={budgetId} onChange={(e) => setBudgetId(Number(e.target.value))} aria-label="导入到地区">
            <option value={NEW_BUDGET}>新地区…</option>
            {budgets.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        {budgetId === NEW_BUDGET && (
          <label>
            名称
            <input value={newName} onChange={(e) => setNewName(e.target.value)} aria-label="新地区名称" placeholder="如 通川区" />
          </label>
        )}
      </div>
      <table className="compare-table import-sheets" data-testid="execution-import-sheets">
        <thead>
          <tr>
            <th>导入</th>
            <th>工作表</th>
            <th>期间</th>
            <th>科目数</th>
            <th>累计支出（万元）</th>
            <th>民生占比</th>
            <th>同期已有报表</th>
          </tr>
        </thead>
        <tbody>
          {mappings.map((m) => {
            const result = preview?.sheets.find((s) => s.sheet === m.sheet);
            return (
              <tr key={m.sheet} className={m.sheet === sheet ? 'current' : undefined} onClick={() => setSheet(m.sheet)}>
                <td>
                  <input
                    type="checkbox"
                    checked={chosen.has(m.sheet)}
                    onChange={() => toggle(m.sheet)}
                    aria-label={`导入工作表${m.sheet}`}
                  />
                </td>
                <td>{m.sheet}</td>
                <td>{result?.label ?? (m.year && m.month ? `${m.year}年1-${m.month}月` : '（未识别）')}</td>
                <td className="num">{result?.count ?? ''}</td>
                <td className="num">{result ? formatWan(result.totalFen) : ''}</td>
                <td className="num">{result && result.totalFen > 0 ? formatPercent(result.livelihoodFen / result.totalFen) : ''}</td>
                <td>{result?.replaces ? `将替换（${result.replaces.changedCount}个科目不同）` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {mapping && (
        <div className="form-row mapping-row" aria-label={`工作表“${sheet}”的列`}>
          <strong>“{sheet}”：</strong>
          <label>
            期间
            <input
              type="number"
              min={1990}
              max={2100}
              value={mapping.year ?? ''}
              placeholder="年"
              onChange={(e) => set({ year: e.target.value ? Number(e.target.value) : null })}
              aria-label="年份"
              style={{ width: 72 }}
            />
            年1至
            <select
              value={mapping.month ?? ''}
              onChange={(e) => set({ month: e.target.value ? Number(e.target.value) : null })}
              aria-label="截至月份"
            >
              <option value="">（选择）</option>
              {MONTHS.map((month) => (
                <option key={month} value={month}>
                  {month}月
                </option>
              ))}
            </select>
          </label>
          <HeaderRowInput value={mapping.headerRow} onChange={(headerRow) => set({ headerRow })} />
          <ColumnSelect label="科目编码" value={mapping.codeColumn} headers={headers} onChange={(c) => set({ codeColumn: c ?? 0 })} />
          <ColumnSelect label="科目名称" value={mapping.nameColumn} headers={headers} onChange={(c) => set({ nameColumn: c ?? 0 })} />
          <ColumnSelect
            label="年初预算"
            optional
            value={mapping.initialBudgetColumn}
            headers={headers}
            onChange={(c) => set({ initialBudgetColumn: c })}
          />
          <ColumnSelect
            label="调整预算"
            optional
            value={mapping.adjustedBudgetColumn}
            headers={headers}
            onChange={(c) => set({ adjustedBudgetColumn: c })}
          />
          <ColumnSelect label="本月" optional value={mapping.monthColumn} headers={headers} onChange={(c) => set({ monthColumn: c })} />
          <ColumnSelect
            label="累计"
            optional
            value={mapping.cumulativeColumn}
            headers={headers}
            onChange={(c) => set({ cumulativeColumn: c })}
          />
          <UnitSelect value={mapping.unit} onChange={(unit) => set({ unit })} />
        </div>
      )}
      {preview && <ProblemList problems={preview.problems} />}
      {replacing.map((s) => (
        <div key={s.sheet} className="replacement" data-testid="execution-import-replaces">
          <strong>
            {s.label}已有报表（{s.replaces?.source}）：累计支出 {formatWan(s.replaces?.totalFen ?? 0)} → {formatWan(s.totalFen)} 万元，
            {s.replaces?.changedCount}个科目不同。导入后替换原表，可用“撤销”恢复。
          </strong>
          <div className="pick-table">
            <table>
              <thead>
                <tr>
                  <th>科目编码</th>
                  <th>科目名称</th>
                  <th className="num">原累计（万元）</th>
                  <th className="num">新累计（万元）</th>
                </tr>
              </thead>
              <tbody>
                {(s.replaces?.differences ?? []).slice(0, 50).map((d, i) => (
                  <tr key={i}>
                    <td>{d.code}</td>
                    <td>{d.name}</td>
                    <td className="num">{d.before === null ? '（无）' : formatWan(d.before)}</td>
                    <td className="num">{d.after === null ? '（无）' : formatWan(d.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      {shown && (
        <>
          <p className="hint" data-testid="execution-import-summary">
            “{shown.sheet}”：{shown.count}个科目（只计最细一级，类、款不重复计算），累计支出 {formatWan(shown.totalFen)} 万元
            {shown.skipped > 0 ? `；跳过合计/小计/其中行 ${shown.skipped} 行` : ''}
          </p>
          {shown.notes.length > 0 && (
            <ul className="hint">
              {shown.notes.map((note, i) => (
                <li key={i}>{note}</li>
              ))}
            </ul>
          )}
          <div className="pick-table">
            <table>
              <thead>
                <tr>
                  <th>科目编码</th>
                  <th>级次</th>
                  <th>科目名称</th>
                  <th className="num">预算数（万元）</th>
                  <th className="num">累计（万元）</th>
                </tr>
              </thead>
              <tbody>
                {shown.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{l.code}</td>
                    <td>{l.level}</td>
                    <td>{l.name}</td>
                    <td className="num">{l.budgetFen === null ? '' : formatWan(l.budgetFen)}</td>
                    <td className="num">{formatWan(l.cumulativeFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Dialog>
  );
}
