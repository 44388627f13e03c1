import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { floorMetrics, type FloorMetrics } from '../core/budget/floor';
import { toFen } from '../core/budget/money';
import type { HandlerContext } from '../app/handlers/context';
import { listScenarios } from '../app/store/budget-repository';
import { lineIdsByCode } from '../app/store/scenario-repository';
import { type ErrorDetail, WorkbenchError } from '../shared/result';

/** The floor and goal-seek commands: amounts leave the CLI in 元 (two decimals), never in 分. */

export interface FloorReport {
  total: number;
  livelihood: number;
  share: number | null;
  floor: number;
  meetsFloor: boolean;
  headroom: number;
  maxNonLivelihoodAddition: number;
  minLivelihoodIncrease: number;
  maxLivelihoodCut: number;
  status: FloorMetrics['status'];
  message: string;
}

const yuan = (fen: number): number => fen / 100;

export function floorReport(metrics: FloorMetrics): FloorReport {
  return {
    total: yuan(metrics.totalFen),
    livelihood: yuan(metrics.livelihoodFen),
    share: metrics.share,
    floor: metrics.floor,
    meetsFloor: metrics.meetsFloor,
    headroom: yuan(metrics.headroomFen),
    maxNonLivelihoodAddition: yuan(metrics.maxNonLivelihoodAdditionFen),
    minLivelihoodIncrease: yuan(metrics.minLivelihoodIncreaseFen),
    maxLivelihoodCut: yuan(metrics.maxLivelihoodCutFen),
    status: metrics.status,
    message: metrics.message,
  };
}

export function formatFloorReport(report: FloorReport): string {
  const money = (n: number): string => `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  return [
    report.message,
    `支出合计：${money(report.total)}`,
    `民生支出：${money(report.livelihood)}`,
    `占比：${report.share === null ? '—' : `${(report.share * 100).toFixed(2)}%`}（底线 ${(report.floor * 100).toFixed(2)}%）`,
    `余量（L − fT）：${money(report.headroom)}`,
    `还可增加的非民生支出：${money(report.maxNonLivelihoodAddition)}`,
    `恢复底线至少需增加民生支出：${money(report.minLivelihoodIncrease)}`,
    `在不破底线前提下民生支出最多可减少：${money(report.maxLivelihoodCut)}`,
  ].join('\n');
}

const lineSchema = z.strictObject({
  code: z.string().max(20),
  name: z.string().max(200),
  amountYuan: z.number().finite(),
  livelihood: z.boolean(),
});

/** `floor --lines FILE.json`: the floor over lines given in a file, without a workbook. */
export function floorFromLinesFile(file: string, floor: number): FloorReport {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new WorkbenchError('bad_input', `无法读取预算行文件 ${file}：${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new WorkbenchError('bad_input', `${file} 应为数组：[{ "code", "name", "amountYuan", "livelihood" }]`);
  let total = 0;
  let live = 0;
  const problems: { where: string; message: string }[] = [];
  raw.forEach((entry, index) => {
    const parsed = lineSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push({
        where: `第${index + 1}行`,
        message: parsed.error.issues.map((i) => `${i.path.join('.') || '整行'}：${i.message}`).join('；'),
      });
      return;
    }
    const fen = toFen(parsed.data.amountYuan, 100);
    if (!fen.ok) {
      problems.push({ where: `第${index + 1}行（${parsed.data.code} ${parsed.data.name}）`, message: fen.reason });
      return;
    }
    total += fen.fen;
    if (parsed.data.livelihood) live += fen.fen;
  });
  if (problems.length > 0) throw new WorkbenchError('bad_input', `${file} 中有${problems.length}处错误，未计算。`, problems);
  return floorReport(floorMetrics(total, live, floor));
}

export function scenarioIdByName(context: HandlerContext, name: string): number {
  const scenario = listScenarios(context.workbook.db).find((s) => s.name === name);
  if (!scenario) throw new WorkbenchError('not_found', `工作簿中没有名为“${name}”的情景或基线。`);
  return scenario.id;
}

export function lineIdByCode(context: HandlerContext, scenarioId: number, code: string): number {
  const scenario = listScenarios(context.workbook.db).find((s) => s.id === scenarioId);
  const baselineId = scenario?.baselineId ?? scenarioId;
  const rows = lineIdsByCode(context.workbook.db, baselineId, code);
  if (rows.length === 0) throw new WorkbenchError('not_found', `没有科目编码为“${code}”的预算行。`);
  if (rows.length > 1) throw new WorkbenchError('bad_input', `科目编码“${code}”对应${rows.length}个预算行，请用更细的编码区分。`);
  return rows[0] ?? 0;
}

export interface ImportBudgetOptions {
  file: string;
  sheet?: string;
  /** 1-based, as a user reads the sheet */
  headerRow?: number;
  unit?: 'yuan' | 'wan' | 'yi';
  baselineName: string;
  dryRun: boolean;
}

type Invoke = (channel: 'budget-import-inspect' | 'budget-import-preview' | 'budget-import-apply', input: unknown) => Promise<unknown>;

/**
 * 导入预算表 without the window: the same inspect → mapping → apply as the dialog, the guessed mapping adjusted by
 * the options. A problem anywhere refuses the whole file (nothing written), as in the app.
 */
export async function importBudget(
  context: HandlerContext & { dialogs: { open: string | null } },
  invoke: Invoke,
  options: ImportBudgetOptions,
) {
  context.dialogs.open = options.file;
  const inspected = (await invoke('budget-import-inspect', {})) as {
    token: string;
    sheets: { name: string }[];
    guess: {
      sheet: string;
      headerRow: number;
      codeColumn: number;
      nameColumn: number;
      amountColumn: number;
      unit: 'yuan' | 'wan' | 'yi';
    } | null;
  };
  if (options.sheet !== undefined && !inspected.sheets.some((s) => s.name === options.sheet)) {
    throw new WorkbenchError(
      'bad_input',
      `“${options.file}”中没有工作表“${options.sheet}”（有：${inspected.sheets.map((s) => s.name).join('、')}）。`,
    );
  }
  if (!inspected.guess) {
    throw new WorkbenchError(
      'bad_input',
      `没有在“${options.file}”中找到科目编码、科目名称和金额列的表头；请在软件的“导入预算表”对话框中手动指定。`,
    );
  }
  const mapping = {
    ...inspected.guess,
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.headerRow !== undefined ? { headerRow: options.headerRow - 1 } : {}),
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
  };
  const preview = (await invoke('budget-import-preview', { token: inspected.token, mapping })) as {
    count: number;
    totalFen: number;
    skipped: number;
    problems: ErrorDetail[];
  };
  if (preview.problems.length > 0 || options.dryRun) {
    return {
      applied: false,
      mapping,
      lines: preview.count,
      total: yuan(preview.totalFen),
      skipped: preview.skipped,
      problems: preview.problems,
    };
  }
  const scenario = (await invoke('budget-import-apply', { token: inspected.token, mapping, baselineName: options.baselineName })) as {
    id: number;
    name: string;
  };
  return {
    applied: true,
    mapping,
    lines: preview.count,
    total: yuan(preview.totalFen),
    skipped: preview.skipped,
    baseline: scenario.name,
    problems: [],
  };
}
