import { classLabel } from '../budget/classification';
import { compareScenarios } from '../budget/compare';
import { groupSmallClasses } from '../budget/chart-classes';
import { formatWan } from '../budget/money';
import { PROGRESS_LABELS, type ProgressState } from '../progress/progress';
import { COMPARATOR_SIGNS } from '../plan/cell-values';
import { writtenRange } from '../plan/target-text';
import type { ScenarioSnapshot, WorkbookSnapshot } from '../exchange/snapshot';
import { EXAMPLE_LABEL } from '../budget/example-baseline';
import { reconcileWan } from './reconcile';
import { headings, reportHeader } from '../../shared/fields/field-spec';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';
import { TASK_FIELDS } from '../../shared/fields/task-fields';

/**
 * The content of each printed report, computed from the workbook; the page only lays it out. Money columns
 * come reconciled (尾差): their displayed parts add up to their displayed 合计.
 */

import { type ReportKind } from '../../shared/report-kinds';
import { formatPercent, formatStatedPercent } from '../percent';

export type { ReportKind };
export const REPORT_TITLES: Record<ReportKind, string> = {
  compliance: '一般公共预算民生支出占比情况表',
  compare: '预算情景对比表',
  status: '民生实事指标完成情况表',
  supervision: '民生实事督办清单',
  matrix: '任务分工表',
  execution: '一般公共预算民生支出执行情况表',
};

export interface ReportTable {
  caption?: string;
  headers: string[];
  /** numeric columns are right-aligned */
  numeric: boolean[];
  rows: string[][];
  /** a 合计 row, already reconciled */
  total?: string[];
}

export interface ReportModel {
  kind: ReportKind;
  title: string;
  subtitle: string;
  /** 单位：万元 where money appears */
  unitNote: string;
  notes: string[];
  /** printed in the margin of every page: the example-data label, so no page of example figures stands alone */
  runningNote?: string;
  tables: ReportTable[];
  /** for charts: per scenario, share and floor; per class, amounts in 万元 (the report's one money unit) */
  chart?: { scenarios: string[]; shares: (number | null)[]; floor: number; classes: { name: string; amounts: number[] }[] };
}

const pct = formatPercent;

function runningNote(scenarios: readonly ScenarioSnapshot[]): { runningNote?: string } {
  return scenarios.some((s) => s.isExample) ? { runningNote: `注：本页含${EXAMPLE_LABEL}，仅用于演示测算方法。` } : {};
}

function exampleNote(scenarios: readonly ScenarioSnapshot[]): string[] {
  return scenarios.some((s) => s.isExample) ? [`注：${EXAMPLE_LABEL}，仅用于演示测算方法。`] : [];
}

function compliance(snapshot: WorkbookSnapshot, scenario: ScenarioSnapshot): ReportModel {
  const m = scenario.metrics;
  const byClass = new Map<string, { live: boolean; fen: number }>();
  for (const line of scenario.lines) {
    const key = `${line.classCode}|${line.livelihood ? 1 : 0}`;
    byClass.set(key, { live: line.livelihood, fen: (byClass.get(key)?.fen ?? 0) + line.amountFen });
  }
  const entries = [...byClass.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const reconciled = reconcileWan(entries.map(([, v]) => v.fen));
  const wan = formatWan;
  return {
    kind: 'compliance',
    title: REPORT_TITLES.compliance,
    subtitle: `情景：${scenario.name}`,
    unitNote: '单位：万元',
    notes: [
      `民生支出口径：${snapshot.settings.source}`,
      `底线：民生支出占一般公共预算支出的比例不低于${formatStatedPercent(m.floor)}。余量＝民生支出－底线×支出合计；金额已按“分”向安全方向取整。`,
      ...exampleNote([scenario]),
    ],
    ...runningNote([scenario]),
    tables: [
      {
        caption: '底线测算',
        headers: ['项目', '金额／比例'],
        numeric: [false, true],
        rows: [
          ['一般公共预算支出合计', wan(m.totalFen)],
          ['其中：民生支出', wan(m.livelihoodFen)],
          ['民生支出占比', pct(m.share)],
          ['底线', formatStatedPercent(m.floor)],
          ['是否达标', m.meetsFloor ? '达标' : '未达标'],
          ['余量（民生支出－底线×支出）', wan(m.headroomFen)],
          ['还可增加的非民生支出', wan(m.maxNonLivelihoodAdditionFen)],
          ['恢复底线至少需增加的民生支出', wan(m.minLivelihoodIncreaseFen)],
          ['不破底线民生支出最多可减少', wan(m.maxLivelihoodCutFen)],
        ],
      },
      {
        caption: '按支出功能分类',
        headers: ['类', '功能分类', '是否民生', '金额'],
        numeric: [false, false, false, true],
        rows: entries.map(([key, v], i) => [
          key.split('|')[0] ?? '',
          classLabel(key.split('|')[0] ?? ''),
          v.live ? '是' : '否',
          reconciled.parts[i] ?? '',
        ]),
        total: ['合计', '', '', reconciled.total],
      },
    ],
  };
}

function compare(snapshot: WorkbookSnapshot, scenarios: ScenarioSnapshot[]): ReportModel {
  const comparison = compareScenarios(
    scenarios.map((s) => ({
      name: s.name,
      floor: snapshot.settings.floor,
      lines: s.lines.map((l) => ({ code: l.code, name: l.name, livelihood: l.livelihood, amountFen: l.amountFen, targetId: l.targetId })),
    })),
  );
  const columns = scenarios.map((_, s) => reconcileWan(comparison.classes.map((c) => c.amounts[s] ?? 0)));
  return {
    kind: 'compare',
    title: REPORT_TITLES.compare,
    subtitle: scenarios.map((s) => s.name).join(' ／ '),
    unitNote: '单位：万元',
    notes: [`民生支出口径：${snapshot.settings.source}`, ...exampleNote(scenarios)],
    ...runningNote(scenarios),
    tables: [
      {
        caption: '底线测算对比',
        headers: ['项目', ...scenarios.map((s) => s.name)],
        numeric: [false, ...scenarios.map(() => true)],
        rows: [
          ['支出合计', ...comparison.metrics.map((m) => formatWan(m.totalFen))],
          ['民生支出', ...comparison.metrics.map((m) => formatWan(m.livelihoodFen))],
          ['民生支出占比', ...comparison.metrics.map((m) => pct(m.share))],
          ['是否达标', ...comparison.metrics.map((m) => (m.meetsFloor ? '达标' : '未达标'))],
        ],
      },
      {
        caption: '按支出功能分类',
        headers: ['功能分类', ...scenarios.map((s) => s.name)],
        numeric: [false, ...scenarios.map(() => true)],
        rows: comparison.classes.map((c, i) => [
          `${c.classCode} ${classLabel(c.classCode)}${c.livelihood ? '' : '（非民生）'}`,
          ...columns.map((col) => col.parts[i] ?? ''),
        ]),
        total: ['合计', ...columns.map((col) => col.total)],
      },
    ],
    chart: {
      scenarios: scenarios.map((s) => s.name),
      shares: comparison.metrics.map((m) => m.share),
      floor: snapshot.settings.floor,
      // on paper every class must be in the legend: the small ones as one 其他
      classes: groupSmallClasses(
        comparison.classes.map((c) => ({
          name: `${c.classCode} ${classLabel(c.classCode).replace(/（.*）/, '')}`,
          amounts: c.amounts.map((a) => (a ?? 0) / 1e6),
        })),
      ).map((c) => ({ name: c.name, amounts: c.amounts.map((a) => a ?? 0) })),
    },
  };
}

/** The printed headings of the plan's fields. */
const TASK_HEADINGS = headings(TASK_FIELDS, reportHeader);
const TARGET_HEADINGS = headings(TARGET_FIELDS, reportHeader);

const STATES: ProgressState[] = ['met', 'green', 'yellow', 'red', 'no_data'];

function countRow(label: string, states: ProgressState[]): string[] {
  const count = (state: ProgressState) => String(states.filter((s) => s === state).length);
  const met = states.filter((s) => s === 'met').length;
  return [label, String(states.length), ...STATES.map(count), states.length ? formatPercent(met / states.length) : '—'];
}

function status(snapshot: WorkbookSnapshot): ReportModel {
  const domains = new Map<string, ProgressState[]>();
  for (const t of snapshot.targets) domains.set(t.domainName, [...(domains.get(t.domainName) ?? []), t.progress]);
  const orgs = snapshot.orgs
    .filter((u) => u.targetsTotal > 0)
    .map((u) => {
      const own = snapshot.targets.filter((t) => t.leadOrgs.includes(u.name)).map((t) => t.progress);
      return countRow(u.name, own);
    });
  const headers = ['', '指标数', ...STATES.map((s) => PROGRESS_LABELS[s]), '达成率'];
  return {
    kind: 'status',
    title: REPORT_TITLES.status,
    subtitle: snapshot.planTitle,
    unitNote: '',
    notes: ['进度状态按序时进度判断：落后序时进度达到黄灯阈值为“滞后”，达到红灯阈值、超过上限或逾期未完成为“严重滞后”。'],
    tables: [
      {
        caption: `按${TASK_HEADINGS.domainName}`,
        headers: [TASK_HEADINGS.domainName, ...headers.slice(1)],
        numeric: headers.map((_, i) => i > 0),
        rows: [...domains.entries()].map(([d, s]) => countRow(d, s)),
        total: countRow(
          '合计',
          snapshot.targets.map((t) => t.progress),
        ),
      },
      {
        caption: `按${TASK_HEADINGS.leadOrgs}`,
        headers: [TASK_HEADINGS.leadOrgs, ...headers.slice(1)],
        numeric: headers.map((_, i) => i > 0),
        rows: orgs,
      },
    ],
  };
}

function supervision(snapshot: WorkbookSnapshot): ReportModel {
  const late = snapshot.targets
    .filter((t) => t.progress === 'red' || t.progress === 'yellow')
    .sort((a, b) => Number(b.progress === 'red') - Number(a.progress === 'red') || (a.taskNumber ?? 0) - (b.taskNumber ?? 0));
  const written = (v: number | null, unit: string): string => (v === null ? '—' : `${v}${unit}`);
  return {
    kind: 'supervision',
    title: REPORT_TITLES.supervision,
    subtitle: `${snapshot.planTitle}　共${late.length}项（严重滞后${late.filter((t) => t.progress === 'red').length}项）`,
    unitNote: '',
    notes: late.length === 0 ? ['目前没有滞后或严重滞后的指标。'] : ['请牵头单位对照督办事项，于下一报送周期前报送整改措施和进展。'],
    tables: [
      {
        // 序号 counts the rows of this list; the rest are the targets' fields as the report heads them
        headers: [
          '序号',
          ...(['progress', 'taskTitle', 'label', 'value', 'actual', 'completion', 'dueDate', 'leadOrgs'] as const).map(
            (key) => TARGET_HEADINGS[key],
          ),
        ],
        numeric: [true, false, false, false, true, true, true, false, false],
        rows: late.map((t, i) => [
          String(i + 1),
          PROGRESS_LABELS[t.progress],
          t.taskNumber === null ? '重点工作' : `${t.taskNumber}. ${t.taskTitle}`,
          t.label,
          t.comparator === 'range' ? `${writtenRange(t)}${t.unit}` : `${COMPARATOR_SIGNS[t.comparator]}${t.value ?? ''}${t.unit}`,
          written(t.actual, t.unit),
          pct(t.completion),
          t.dueDate || '—',
          t.leadOrgs.join('、'),
        ]),
      },
    ],
  };
}

function matrix(snapshot: WorkbookSnapshot): ReportModel {
  return {
    kind: 'matrix',
    title: REPORT_TITLES.matrix,
    subtitle: snapshot.planTitle,
    unitNote: '',
    notes: [],
    tables: [
      {
        headers: (['number', 'domainName', 'title', 'leadOrgs', 'coOrgs'] as const).map((key) => TASK_HEADINGS[key]),
        numeric: [true, false, false, false, false],
        rows: snapshot.tasks.map((t) => [String(t.number), t.domainName, t.title, t.leadOrgs.join('、'), t.coOrgs.join('、')]),
      },
    ],
  };
}

export function buildReport(kind: ReportKind, snapshot: WorkbookSnapshot, scenarios: ScenarioSnapshot[]): ReportModel {
  const first = scenarios[0] ?? snapshot.baseline;
  switch (kind) {
    case 'compliance':
      if (!first) throw new Error('no budget');
      return compliance(snapshot, first);
    case 'compare':
      return compare(
        snapshot,
        scenarios.length ? scenarios : [snapshot.baseline, ...snapshot.scenarios].filter((s): s is ScenarioSnapshot => s !== null),
      );
    case 'status':
      return status(snapshot);
    case 'supervision':
      return supervision(snapshot);
    case 'matrix':
      return matrix(snapshot);
    case 'execution':
      // built from the execution view of a budget and period (see execution-report.ts), not from the snapshot
      throw new Error('the execution report is built by executionReport');
  }
}
