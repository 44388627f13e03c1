import { basename, join } from 'node:path';
import { guessMapping, mapBudget, scanBudget } from '../../core/exchange/budget-mapping';
import { diffPacket, packetFileName } from '../../core/exchange/packet';
import { safeFileName, withExtension } from '../../core/files/safe-file-name';
import { diffRoundTrip, changeCount } from '../../core/exchange/roundtrip';
import { type SpreadsheetData, textOf } from '../../core/exchange/sheet-data';
import { WorkbenchError } from '../../shared/result';
import { applyEdits } from '../edits/apply-edits';
import { applyRoundTrip } from '../exchange/apply-roundtrip';
import { NODE_DEFLATER } from '../exchange/node-deflater';
import { assertNotWorkbookFile } from '../file-identity';
import { readSnapshot } from '../exchange/read-snapshot';
import { writeExportFile } from '../exchange/write-file';
import { toErrorData } from '../ipc/system-errors';
import { getScenario, showScenario } from '../store/budget-repository';
import { nextId } from '../store/ids';
import { checkScenarioName } from '../store/scenario-writer';
import { taskIdsOfOrgNamed } from '../store/owner-repository';
import { defaultPlanId } from '../store/plan-repository';
import { listTargets } from '../store/progress-repository';
import type { Handler, HandlerContext, SpreadsheetPurpose } from './context';

/** Excel/WPS exchange: export, round-trip import, the user's own budget sheet, per-org packets. */

/** Asks for a file, parses it out of process and keeps it for the preview; null when the user cancelled. */
export async function readChosen(context: HandlerContext, purpose: SpreadsheetPurpose) {
  const path = await context.dialogs.pickSpreadsheet(purpose);
  if (path === null) return null;
  const data = await context.spreadsheets.parse(path);
  return { data, token: context.pending.put(data) };
}

export const xlsxExport: Handler<'xlsx-export'> = async (_input, { workbook, dialogs }) => {
  const snapshot = readSnapshot(workbook.db);
  const chosen = await dialogs.pickSavePath(safeFileName(snapshot.planTitle, 'xlsx'), 'xlsx');
  if (chosen === null) return null;
  const path = withExtension(chosen, 'xlsx');
  // SheetJS is loaded when a file is written, not at every start of the app or the CLI
  const { exportWorkbook } = await import('../../core/exchange/export-workbook');
  await writeExportFile(path, exportWorkbook(snapshot, { deflater: NODE_DEFLATER }), workbook.path);
  const sheets = [
    '任务',
    '指标',
    '责任单位',
    '任务分工表',
    ...(snapshot.baseline ? ['预算', ...snapshot.scenarios.map((s) => `情景·${s.name}`), '情景对比'] : []),
  ];
  return { path, sheets };
};

export const xlsxImportPreview: Handler<'xlsx-import-preview'> = async (_input, context) => {
  const chosen = await readChosen(context, 'workbook');
  if (!chosen) return null;
  const changes = diffRoundTrip(chosen.data, readSnapshot(context.workbook.db));
  const lines = [
    ...changes.orgEdits,
    ...changes.taskEdits,
    ...changes.targetEdits,
    ...changes.ownerChanges,
    ...changes.lineEdits,
    ...changes.lineAdds.map((a) => ({ ...a, before: '（新增）' })),
    ...changes.scenarioAmounts,
  ].map((c) => ({ where: c.where, before: c.before, after: c.text }));
  lines.push(...changes.lineRemovals.map((r) => ({ where: '工作表“预算”', before: r.name, after: '（删除）' })));
  return {
    token: chosen.token,
    fileName: chosen.data.fileName,
    count: changeCount(changes),
    summary: changes.summary,
    changes: lines.slice(0, 500),
    problems: changes.problems,
  };
};

export const xlsxImportApply: Handler<'xlsx-import-apply'> = async ({ token }, { workbook, pending }) => {
  const data = pending.get(token);
  await workbook.backup('import');
  // compared again now: the workbook may have changed since the preview
  const applied = applyRoundTrip(workbook, diffRoundTrip(data, readSnapshot(workbook.db)), data.fileName);
  pending.drop(token);
  return { applied };
};

/** The first rows and columns of each sheet, as text: what a mapping dialog shows while the user picks columns. */
export function sheetPreviews(data: SpreadsheetData): { name: string; rowCount: number; preview: string[][] }[] {
  return data.sheets.map((sheet) => ({
    name: sheet.name,
    rowCount: sheet.rowCount,
    preview: sheet.rows.slice(0, 15).map((row) => row.slice(0, 12).map((cell) => textOf(cell))),
  }));
}

/** What every import dialog is first shown of a chosen spreadsheet: its token, name, encoding and sheet previews. */
export function chosenPreview({ token, data }: { token: string; data: SpreadsheetData }) {
  return { token, fileName: data.fileName, encoding: data.encoding ?? 'xlsx', sheets: sheetPreviews(data) };
}

export const budgetImportInspect: Handler<'budget-import-inspect'> = async (_input, context) => {
  const chosen = await readChosen(context, 'budget');
  return chosen ? { ...chosenPreview(chosen), guess: guessMapping(chosen.data) } : null;
};

/** How many mapped lines the preview shows; the rest are counted. */
const PREVIEW_LINES = 200;

/**
 * The last preview's scan of a file, by the file's data and the mapping: applying the mapping just previewed
 * need not read 100,000 lines a third time to find that they have no problems.
 */
const previewed = new WeakMap<SpreadsheetData, { mapping: string; scan: ReturnType<typeof scanBudget> }>();

export const budgetImportPreview: Handler<'budget-import-preview'> = ({ token, mapping }, { pending }) => {
  const data = pending.get(token);
  const mapped = mapBudget(data, mapping, PREVIEW_LINES);
  const { lines: _lines, ...scan } = mapped;
  previewed.set(data, { mapping: JSON.stringify(mapping), scan });
  return {
    count: mapped.count,
    totalFen: mapped.totalFen,
    skipped: mapped.skipped,
    lines: mapped.lines,
    problems: mapped.problems,
  };
};

/** The user's budget becomes a new baseline (the current one stays as it is), in one undoable action. */
export const budgetImportApply: Handler<'budget-import-apply'> = async ({ token, mapping, baselineName }, { workbook, pending }) => {
  const { db, journal } = workbook;
  const data = pending.get(token);
  const seen = previewed.get(data);
  const scan = seen?.mapping === JSON.stringify(mapping) ? seen.scan : scanBudget(data, mapping, () => {});
  if (scan.problems.length > 0) {
    throw new WorkbenchError('bad_input', `“${data.fileName}”中有${scan.problems.length}处问题，未导入。`, scan.problems);
  }
  await workbook.backup('import');
  const name = checkScenarioName(db, baselineName);
  const baselineId = nextId(db, 'scenario');
  journal.record(`导入预算表：${data.fileName}（${scan.count}行）`, '', (recorder) => {
    recorder.insert('scenario', {
      id: baselineId,
      name,
      kind: 'baseline',
      baseline_id: null,
      locked: 0,
      is_example: 0,
      note: `由“${data.fileName}”导入`,
      created_at: new Date().toISOString(),
    });
    // the sheet is read a second time straight into the insert: nothing per line is kept in between
    recorder.insertMany('budget_line', ['baseline_id', 'ord', 'code', 'name', 'amount_fen'], (insert) => {
      const row: (string | number)[] = [baselineId, 0, '', '', 0];
      let ord = 0;
      scanBudget(data, mapping, (code, lineName, amountFen) => {
        row[1] = ord++;
        row[2] = code;
        row[3] = lineName;
        row[4] = amountFen;
        insert(row);
      });
    });
  });
  showScenario(db, baselineId);
  pending.drop(token);
  return getScenario(db, baselineId);
};

function orgTargets(db: HandlerContext['workbook']['db'], orgName: string) {
  const planId = defaultPlanId(db);
  if (planId === null) return [];
  const taskIds = new Set(taskIdsOfOrgNamed(db, orgName));
  return listTargets(db, planId).filter((t) => t.taskId !== null && taskIds.has(t.taskId));
}

export const packetExport: Handler<'packet-export'> = async ({ orgId }, { workbook, dialogs }) => {
  const { db } = workbook;
  const snapshot = readSnapshot(db);
  const orgs = snapshot.orgs.filter((u) => (orgId === undefined ? u.leadCount + u.coCount > 0 : u.id === orgId));
  if (orgs.length === 0) throw new WorkbenchError('not_found', '没有找到要导出的单位（或该单位没有任务）。');
  let paths: string[];
  if (orgId !== undefined) {
    const chosen = await dialogs.pickSavePath(packetFileName(orgs[0]?.name ?? ''), 'xlsx');
    if (chosen === null) return null;
    paths = [withExtension(chosen, 'xlsx')];
  } else {
    const folder = await dialogs.pickFolder();
    if (folder === null) return null;
    const taken = new Set<string>();
    paths = orgs.map((u) => join(folder, packetFileName(u.name, taken)));
  }
  // every target is checked before the first file is written: a refused name leaves no partial set
  for (const path of paths) assertNotWorkbookFile(path, workbook.path);
  // one file Excel holds does not stop the batch: the rest are written, and the page is told which ones were not
  const failed: { where: string; message: string }[] = [];
  const { buildPacket } = await import('../../core/exchange/packet-file');
  for (const [i, org] of orgs.entries()) {
    const path = paths[i] as string;
    try {
      await writeExportFile(path, buildPacket(snapshot.planTitle, org.name, orgTargets(db, org.name), snapshot.exportedAt), workbook.path);
    } catch (error) {
      failed.push({ where: basename(path), message: toErrorData(error).message });
    }
  }
  if (failed.length > 0) {
    throw new WorkbenchError(
      'conflict',
      `已导出${orgs.length - failed.length}个单位的报送表，另有${failed.length}个未能写入（见下）。请关闭这些文件后，在“责任单位”中对这些单位单独导出。`,
      failed,
    );
  }
  return { files: paths };
};

function packetDiff(context: HandlerContext, token: string) {
  const data = context.pending.get(token);
  const planId = defaultPlanId(context.workbook.db);
  const targets = planId === null ? [] : listTargets(context.workbook.db, planId);
  const diff = diffPacket(data, targets, (orgName, target) => orgTargets(context.workbook.db, orgName).some((t) => t.id === target.id));
  return { data, diff };
}

export const packetImportPreview: Handler<'packet-import-preview'> = async (_input, context) => {
  const chosen = await readChosen(context, 'packet');
  if (!chosen) return null;
  const { diff } = packetDiff(context, chosen.token);
  return { token: chosen.token, fileName: chosen.data.fileName, orgName: diff.orgName, changes: diff.changes, problems: diff.problems };
};

/** Applies the accepted changes of a returned packet as one action; the change log names the sender. */
export const packetImportApply: Handler<'packet-import-apply'> = async ({ token, acceptIds }, context) => {
  const { data, diff } = packetDiff(context, token);
  if (diff.problems.length > 0)
    throw new WorkbenchError('bad_input', `“${data.fileName}”中有${diff.problems.length}处问题，未导入。`, diff.problems);
  const accepted = diff.changes.filter((c) => acceptIds.includes(c.id));
  if (accepted.length === 0) return { applied: 0 };
  await context.workbook.backup('import');
  const edits = accepted.map((change) => ({
    targetId: change.targetId,
    field: change.field,
    value: change.after,
    where: change.where,
    text: change.after,
  }));
  applyEdits(
    context.workbook,
    { entity: 'target', edits, asImports: true },
    `报送单位：${diff.orgName}；文件：${data.fileName}`,
    `单位报送：${diff.orgName}（${basename(data.fileName)}，${accepted.length}项）`,
  );
  context.pending.drop(token);
  return { applied: accepted.length };
};
