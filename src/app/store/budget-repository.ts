import { classLabel, classOfCode, presetOf, LIVELIHOOD_PRESETS } from '../../core/budget/classification';
import { EXAMPLE_BASELINE_NAME, EXAMPLE_LINES } from '../../core/budget/example-baseline';
import { floorMetrics, type FloorMetrics } from '../../core/budget/floor';
import { toFen } from '../../core/budget/money';
import {
  applyScenario,
  driverAmount,
  emptyBaseline,
  type BaselineArrays,
  type Override,
  type OverrideField,
  type OverrideOp,
  type ScenarioValues,
  changedLines,
  scenarioTotals,
  type Totals,
} from '../../core/budget/model';
import {
  type BudgetLineRow,
  type BudgetLineTable,
  budgetLinesFromTable,
  type BudgetSettings,
  type ScenarioSummary,
} from '../../shared/budget';
import { WorkbenchError } from '../../shared/result';
import { type Db, prepared } from './connection';
import { scenarioExists } from './scenario-repository';
import { forgetViewSetting, saveViewSetting, settingValue } from './setting-repository';

/** Reading the budget out of SQLite into the engine's arrays, and the rows the views show. */

export const SETTING_FLOOR = 'budget.floor';
export const SETTING_CLASSES = 'budget.livelihood_classes';
export const SETTING_CURRENT = 'budget.current_scenario';

/** A stored list of class codes (JSON); null when the text is not one. */
export function parseClassList(text: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * The floor and the 民生 classes: the workbook's setting, or `ownClasses` for a budget of a county or district
 * that has its own classification (see execution-repository.ts).
 */
export function budgetSettings(db: Db, ownClasses?: readonly string[] | null): BudgetSettings {
  const floor = Number(settingValue(db, SETTING_FLOOR) ?? '0.7');
  const classes = ownClasses
    ? [...ownClasses]
    : (parseClassList(settingValue(db, SETTING_CLASSES) ?? '[]') ?? [...LIVELIHOOD_PRESETS.broad.classes]);
  const preset = presetOf(classes);
  return {
    floor,
    livelihoodClasses: classes,
    preset,
    source: preset === 'custom' ? '自定义口径：由用户在设置中选定的功能分类。' : LIVELIHOOD_PRESETS[preset].source,
  };
}

interface ScenarioRecord {
  id: number;
  name: string;
  kind: ScenarioSummary['kind'];
  baselineId: number | null;
  locked: number;
  isExample: number;
  note: string;
  createdAt: string;
  overrideCount: number;
  lineCount: number;
}

const SCENARIO_SELECT = `
  SELECT s.id, s.name, s.kind, s.baseline_id AS baselineId, s.locked, s.is_example AS isExample, s.note,
         s.created_at AS createdAt,
         (SELECT COUNT(*) FROM scenario_override o WHERE o.scenario_id = s.id) AS overrideCount,
         (SELECT COUNT(*) FROM budget_line l WHERE l.baseline_id = COALESCE(s.baseline_id, s.id)) AS lineCount
  FROM scenario s`;

function toSummary(record: ScenarioRecord, baselineExample: boolean): ScenarioSummary {
  return { ...record, locked: record.locked === 1, isExample: record.isExample === 1 || baselineExample };
}

export function listScenarios(db: Db): ScenarioSummary[] {
  const records = db
    .prepare(`${SCENARIO_SELECT} ORDER BY CASE s.kind WHEN 'baseline' THEN 0 WHEN 'scenario' THEN 1 ELSE 2 END, s.id`)
    .all() as ScenarioRecord[];
  const exampleBaselines = new Set(records.filter((r) => r.isExample === 1).map((r) => r.id));
  return records.map((record) => toSummary(record, record.baselineId !== null && exampleBaselines.has(record.baselineId)));
}

export function getScenario(db: Db, scenarioId: number): ScenarioSummary {
  const record = db.prepare(`${SCENARIO_SELECT} WHERE s.id = ?`).get(scenarioId) as ScenarioRecord | undefined;
  if (!record) throw new WorkbenchError('not_found', `情景不存在（编号 ${scenarioId}），可能已被删除，请刷新。`);
  const baselineExample =
    record.baselineId !== null &&
    (db.prepare('SELECT is_example FROM scenario WHERE id = ?').get(record.baselineId) as { is_example: number } | undefined)
      ?.is_example === 1;
  return toSummary(record, baselineExample);
}

/**
 * The baseline new scenarios go over: the newest of the workbook's own baselines (a baseline made from a
 * county's execution belongs to that county's budget and is never the workbook's current one).
 */
export function currentBaselineId(db: Db): number | null {
  return (db.prepare("SELECT MAX(id) AS id FROM scenario WHERE kind = 'baseline' AND budget_id IS NULL").get() as { id: number | null }).id;
}

/** The classification of the budget a baseline was made for, when that budget has its own; else null. */
function ownClassesOfBaseline(db: Db, baselineId: number): string[] | null {
  const row = db
    .prepare('SELECT b.livelihood_classes AS classes FROM scenario s JOIN budget b ON b.id = s.budget_id WHERE s.id = ?')
    .get(baselineId) as { classes: string | null } | undefined;
  return row?.classes ? parseClassList(row.classes) : null;
}

/** The scenario the views show: the one last chosen, else the current baseline. */
export function currentScenarioId(db: Db): number | null {
  const chosen = Number(settingValue(db, SETTING_CURRENT) ?? '');
  if (Number.isInteger(chosen) && chosen > 0 && scenarioExists(db, chosen)) return chosen;
  return currentBaselineId(db);
}

/** Which scenario the views show: a view preference, not an edit (not journaled, not undoable). */
export function showScenario(db: Db, scenarioId: number): void {
  saveViewSetting(db, SETTING_CURRENT, String(scenarioId));
}

/** After rows were deleted: a shown scenario that is gone falls back to the current baseline. */
export function forgetCurrentScenarioIfGone(db: Db): void {
  const shown = settingValue(db, SETTING_CURRENT);
  if (shown && !db.prepare('SELECT 1 FROM scenario WHERE id = ?').get(Number(shown))) forgetViewSetting(db, SETTING_CURRENT);
  // compared as text: '' (none shown) is no scenario's id, and the same SQL reads both homes
  db.prepare('DELETE FROM setting WHERE key = ? AND value NOT IN (SELECT CAST(id AS TEXT) FROM scenario)').run(SETTING_CURRENT);
}

/** What the lines of a baseline are, beyond the engine's arrays: for rows and for matching overrides. */
export interface LineMeta {
  id: number;
  ord: number;
  code: string;
  name: string;
  classCode: string;
  livelihoodOverride: boolean | null;
  domainId: number | null;
  taskId: number | null;
  taskNumber: number | null;
  targetId: number | null;
  targetLabel: string;
  note: string;
}

export interface LoadedBaseline {
  baselineId: number;
  meta: LineMeta[];
  arrays: BaselineArrays;
  indexById: Map<number, number>;
}

interface LineRecord {
  id: number;
  baselineId: number;
  ord: number;
  code: string;
  name: string;
  amountFen: number;
  livelihoodOverride: number | null;
  domainId: number | null;
  taskId: number | null;
  taskNumber: number | null;
  quantity: number | null;
  rateFen: number | null;
  targetId: number | null;
  targetQuantity: number | null;
  targetLabel: string | null;
  note: string;
}

const LINE_SELECT = `SELECT l.id, l.baseline_id AS baselineId, l.ord, l.code, l.name, l.amount_fen AS amountFen,
         l.livelihood_override AS livelihoodOverride, l.domain_id AS domainId, l.task_id AS taskId, t.number AS taskNumber,
         l.driver_quantity AS quantity, l.driver_rate_fen AS rateFen, l.driver_target_id AS targetId,
         g.base_value AS targetQuantity, g.label AS targetLabel, l.note
  FROM budget_line l
  LEFT JOIN task t ON t.id = l.task_id
  LEFT JOIN target g ON g.id = l.driver_target_id`;

/** Puts one line's figures into the arrays at `index` and returns what else the views need of it. */
function fillLine(arrays: BaselineArrays, index: number, record: LineRecord, classes: ReadonlySet<string>): LineMeta {
  const classCode = classOfCode(record.code);
  arrays.livelihood[index] = (record.livelihoodOverride ?? (classes.has(classCode) ? 1 : 0)) ? 1 : 0;
  if (record.rateFen !== null) {
    // a linked quantity follows the target, so editing the target changes the cost
    const quantity = record.targetQuantity ?? record.quantity ?? 0;
    arrays.hasDriver[index] = 1;
    arrays.quantity[index] = quantity;
    arrays.rateFen[index] = record.rateFen;
    arrays.amountFen[index] = driverAmount(quantity, record.rateFen);
  } else {
    arrays.hasDriver[index] = 0;
    arrays.quantity[index] = 0;
    arrays.rateFen[index] = 0;
    arrays.amountFen[index] = record.amountFen;
  }
  return {
    id: record.id,
    ord: record.ord,
    code: record.code,
    name: record.name,
    classCode,
    livelihoodOverride: record.livelihoodOverride === null ? null : record.livelihoodOverride === 1,
    domainId: record.domainId,
    taskId: record.taskId,
    taskNumber: record.taskNumber,
    targetId: record.targetId,
    targetLabel: record.targetLabel ?? '',
    note: record.note,
  };
}

export function loadBaseline(db: Db, baselineId: number, livelihoodClasses: readonly string[]): LoadedBaseline {
  const records = db.prepare(`${LINE_SELECT} WHERE l.baseline_id = ? ORDER BY l.ord, l.id`).all(baselineId) as LineRecord[];
  const classes = new Set(livelihoodClasses);
  const arrays = emptyBaseline(records.length);
  const indexById = new Map<number, number>();
  const meta = records.map((record, index) => {
    indexById.set(record.id, index);
    return fillLine(arrays, index, record, classes);
  });
  return { baselineId, meta, arrays, indexById };
}

export interface OverrideRecord {
  lineId: number;
  field: OverrideField;
  op: OverrideOp;
  value: number;
}

export function overrideRecords(db: Db, scenarioId: number): OverrideRecord[] {
  return db
    .prepare('SELECT line_id AS lineId, field, op, value FROM scenario_override WHERE scenario_id = ? ORDER BY line_id, field')
    .all(scenarioId) as OverrideRecord[];
}

/**
 * A scenario ready for the engine: its baseline's arrays, its overrides, its totals and the values they give.
 * The values (a copy of every line's figures) are written out only when something reads them: the status bar
 * and the floor checks need the totals alone, which cost one pass and no allocation.
 */
export interface ScenarioModel {
  scenario: ScenarioSummary;
  settings: BudgetSettings;
  baseline: LoadedBaseline;
  overrides: OverrideRecord[];
  engineOverrides: Override[];
  readonly values: ScenarioValues;
  /** the values if something already read them (so an edit can update them in place) */
  valuesIfComputed(): ScenarioValues | undefined;
  sums: Totals;
  metrics: FloorMetrics;
}

type ModelParts = Omit<ScenarioModel, 'values' | 'valuesIfComputed' | 'metrics'>;

function assembleModel(parts: ModelParts, computed?: ScenarioValues): ScenarioModel {
  let values = computed;
  return {
    ...parts,
    get values() {
      values ??= applyScenario(parts.baseline.arrays, parts.engineOverrides);
      return values;
    },
    valuesIfComputed: () => values,
    metrics: floorMetrics(parts.sums.totalFen, parts.sums.livelihoodFen, parts.settings.floor),
  };
}

function withValues(
  scenario: ScenarioSummary,
  settings: BudgetSettings,
  baseline: LoadedBaseline,
  overrides: OverrideRecord[],
): ScenarioModel {
  const engineOverrides: Override[] = [];
  for (const record of overrides) {
    const index = baseline.indexById.get(record.lineId);
    if (index !== undefined) engineOverrides.push({ index, field: record.field, op: record.op, value: record.value });
  }
  // in line order (stable: a line's fields keep theirs), which lets the engine skip its bookkeeping
  engineOverrides.sort((a, b) => a.index - b.index);
  return assembleModel({
    scenario,
    settings,
    baseline,
    overrides,
    engineOverrides,
    sums: scenarioTotals(baseline.arrays, engineOverrides),
  });
}

/** One line's amount under the scenario, from its own overrides only. */
function scenarioAmountAt(arrays: BaselineArrays, engineOverrides: readonly Override[], index: number): number {
  const own = engineOverrides.filter((o) => o.index === index);
  return changedLines(arrays, own).get(index)?.amountFen ?? arrays.amountFen[index] ?? 0;
}

function buildScenarioModel(db: Db, scenarioId: number): ScenarioModel {
  const scenario = getScenario(db, scenarioId);
  const baselineId = scenario.baselineId ?? scenario.id;
  const settings = budgetSettings(db, ownClassesOfBaseline(db, baselineId));
  const baseline = loadBaseline(db, baselineId, settings.livelihoodClasses);
  return withValues(scenario, settings, baseline, scenario.kind === 'scenario' ? overrideRecords(db, scenario.id) : []);
}

/**
 * Models are cached per connection and stamped with SQLite's total_changes() and data_version: the first moves
 * with every write through this connection (an edit, an undo, an import, a setting), the second with every commit
 * by any other connection or process (a colleague who forced the workbook open, the command line). Either makes
 * the next read rebuild, so a cached model is never stale. Reading 100,000 lines takes about half a second; a
 * cached model answers at once.
 */
interface ChangeStamp {
  /** total_changes(): writes through this connection */
  own: number;
  /** data_version: moves when another connection or process has committed */
  others: number;
}

const caches = new WeakMap<Db, Map<number, { stamp: ChangeStamp; model: ScenarioModel }>>();

function cacheOf(db: Db): Map<number, { stamp: ChangeStamp; model: ScenarioModel }> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

function changeStamp(db: Db): ChangeStamp {
  return {
    own: (prepared(db, 'SELECT total_changes() AS c').get() as { c: number }).c,
    others: (prepared(db, 'PRAGMA data_version').get() as { data_version: number }).data_version,
  };
}

export function scenarioModel(db: Db, scenarioId: number): ScenarioModel {
  const cache = cacheOf(db);
  const stamp = changeStamp(db);
  const hit = cache.get(scenarioId);
  if (hit && hit.stamp.own === stamp.own && hit.stamp.others === stamp.others) return hit.model;
  const model = buildScenarioModel(db, scenarioId);
  cache.set(scenarioId, { stamp, model });
  return model;
}

/**
 * The model after an edit of one line, by updating that line in the cached model instead of reading every
 * line again (an edit at 100,000 lines stays quick). Falls back to a full read when there is nothing to update.
 */
export function scenarioModelAfterLineEdit(db: Db, scenarioId: number, lineId: number): ScenarioModel {
  const cache = cacheOf(db);
  const hit = cache.get(scenarioId);
  const index = hit?.model.baseline.indexById.get(lineId);
  const record = prepared(db, `${LINE_SELECT} WHERE l.id = ?`).get(lineId) as LineRecord | undefined;
  // the in-place update accounts for this connection's edit only: if another process committed since, read it all
  const othersWrote = hit !== undefined && hit.stamp.others !== changeStamp(db).others;
  if (!hit || othersWrote || index === undefined || !record || record.baselineId !== hit.model.baseline.baselineId) {
    cache.delete(scenarioId);
    return scenarioModel(db, scenarioId);
  }
  const { model } = hit;
  const { arrays } = model.baseline;
  const before = { amount: scenarioAmountAt(arrays, model.engineOverrides, index), live: arrays.livelihood[index] ?? 0 };
  model.baseline.meta[index] = fillLine(arrays, index, record, new Set(model.settings.livelihoodClasses));
  const lineOverrides =
    model.scenario.kind === 'scenario'
      ? (prepared(db, 'SELECT line_id AS lineId, field, op, value FROM scenario_override WHERE scenario_id = ? AND line_id = ?').all(
          scenarioId,
          lineId,
        ) as OverrideRecord[])
      : [];
  const overrides = model.scenario.kind === 'scenario' ? [...model.overrides.filter((o) => o.lineId !== lineId), ...lineOverrides] : [];
  // a line edit changes neither the scenario's name nor its line count: no need to count 100,000 lines again
  const scenario = { ...model.scenario, overrideCount: overrides.length };
  // amounts only (no quantity or rate overridden anywhere, so written-out values share the baseline's driver
  // arrays): recompute this one line and move the sums by its difference, exactly (integer 分)
  const amountsOnly = model.engineOverrides.every((o) => o.field === 'amount') && lineOverrides.every((o) => o.field === 'amount');
  const next = amountsOnly
    ? withLineRecomputed(model, scenario, overrides, index, lineOverrides, before)
    : withValues(scenario, model.settings, model.baseline, overrides);
  cache.set(scenarioId, { stamp: changeStamp(db), model: next });
  return next;
}

function withLineRecomputed(
  model: ScenarioModel,
  scenario: ScenarioSummary,
  overrides: OverrideRecord[],
  index: number,
  lineOverrides: readonly OverrideRecord[],
  before: { amount: number; live: number },
): ScenarioModel {
  const { arrays } = model.baseline;
  const engineLine: Override[] = lineOverrides.map((o) => ({ index, field: o.field, op: o.op, value: o.value }));
  // kept in line order (see withValues)
  const engineOverrides = model.engineOverrides.filter((o) => o.index !== index);
  const at = engineOverrides.findIndex((o) => o.index > index);
  engineOverrides.splice(at < 0 ? engineOverrides.length : at, 0, ...engineLine);
  const amount = scenarioAmountAt(arrays, engineLine, index);
  const values = model.valuesIfComputed();
  if (values) values.amountFen[index] = amount;
  const live = arrays.livelihood[index] ?? 0;
  const sums = {
    totalFen: model.sums.totalFen - before.amount + amount,
    livelihoodFen: model.sums.livelihoodFen - before.amount * before.live + amount * live,
  };
  return assembleModel({ scenario, settings: model.settings, baseline: model.baseline, overrides, engineOverrides, sums }, values);
}

/** The rows of the budget grid for a scenario; `onlyLineIds` for the rows an edit changed. */
export function lineRows(model: ScenarioModel, onlyLineIds?: readonly number[]): BudgetLineRow[] {
  return budgetLinesFromTable(lineTable(model, onlyLineIds));
}

/**
 * The rows of the budget grid for a scenario as columns (see budgetLineTableSchema), filled straight from the
 * model's arrays with no object per line; `onlyLineIds` for the rows an edit changed.
 */
export function lineTable(model: ScenarioModel, onlyLineIds?: readonly number[]): BudgetLineTable {
  const { baseline, values } = model;
  const { arrays } = baseline;
  const metas = onlyLineIds === undefined ? baseline.meta : metasOf(baseline, onlyLineIds);
  const count = metas.length;
  const column = <T>(): T[] => new Array<T>(count);
  const table: BudgetLineTable = {
    id: column(),
    ord: column(),
    code: column(),
    name: column(),
    classCode: column(),
    className: column(),
    livelihood: column(),
    livelihoodOverride: column(),
    domainId: column(),
    taskId: column(),
    taskNumber: column(),
    targetId: column(),
    targetLabel: column(),
    note: column(),
    amountFen: column(),
    baseAmountFen: column(),
    hasDriver: column(),
    quantity: column(),
    baseQuantity: column(),
    rateFen: column(),
    baseRateFen: column(),
    overrides: [],
  };
  // the whole table is in the model's order (row = index); an edit's few rows are looked up and remembered
  const whole = onlyLineIds === undefined;
  const rowOfFew = new Map<number, number>();
  const rowOf = (lineId: number): number | undefined => (whole ? baseline.indexById.get(lineId) : rowOfFew.get(lineId));
  const classNames = new Map<string, string>();
  metas.forEach((meta, row) => {
    const index = whole ? row : (baseline.indexById.get(meta.id) ?? 0);
    const hasDriver = arrays.hasDriver[index] === 1;
    if (!whole) rowOfFew.set(meta.id, row);
    let className = classNames.get(meta.classCode);
    if (className === undefined) {
      className = classLabel(meta.classCode);
      classNames.set(meta.classCode, className);
    }
    table.id[row] = meta.id;
    table.ord[row] = meta.ord;
    table.code[row] = meta.code;
    table.name[row] = meta.name;
    table.classCode[row] = meta.classCode;
    table.className[row] = className;
    table.livelihood[row] = arrays.livelihood[index] === 1;
    table.livelihoodOverride[row] = meta.livelihoodOverride;
    table.domainId[row] = meta.domainId;
    table.taskId[row] = meta.taskId;
    table.taskNumber[row] = meta.taskNumber;
    table.targetId[row] = meta.targetId;
    table.targetLabel[row] = meta.targetLabel;
    table.note[row] = meta.note;
    table.amountFen[row] = values.amountFen[index] ?? 0;
    table.baseAmountFen[row] = arrays.amountFen[index] ?? 0;
    table.hasDriver[row] = hasDriver;
    table.quantity[row] = hasDriver ? (values.quantity[index] ?? 0) : null;
    table.baseQuantity[row] = hasDriver ? (arrays.quantity[index] ?? 0) : null;
    table.rateFen[row] = hasDriver ? (values.rateFen[index] ?? 0) : null;
    table.baseRateFen[row] = hasDriver ? (arrays.rateFen[index] ?? 0) : null;
  });
  const byRow = new Map<number, BudgetLineRow['overrides']>();
  for (const { lineId, field, op, value } of model.overrides) {
    const row = rowOf(lineId);
    if (row === undefined) continue;
    const list = byRow.get(row) ?? [];
    list.push({ field, op, value });
    byRow.set(row, list);
  }
  table.overrides = [...byRow].sort((a, b) => a[0] - b[0]);
  return table;
}

function metasOf(baseline: ScenarioModel['baseline'], lineIds: readonly number[]): ScenarioModel['baseline']['meta'] {
  const metas: ScenarioModel['baseline']['meta'] = [];
  for (const lineId of new Set(lineIds)) {
    const index = baseline.indexById.get(lineId);
    const meta = index === undefined ? undefined : baseline.meta[index];
    if (meta) metas.push(meta);
  }
  return metas;
}

/** Puts the example baseline into a workbook that has no budget yet. The caller owns the transaction. */
export function insertExampleBaseline(db: Db): number {
  const baselineId = Number(
    db
      .prepare("INSERT INTO scenario (name, kind, is_example, note, created_at) VALUES (?, 'baseline', 1, ?, ?)")
      .run(EXAMPLE_BASELINE_NAME, '示例数据（非真实预算）：用于熟悉民生底线测算工具，请替换为本地真实预算。', new Date().toISOString())
      .lastInsertRowid,
  );
  const findTarget = db.prepare(
    'SELECT id, base_value AS baseValue, task_id AS taskId FROM target WHERE label = ? ORDER BY task_id IS NULL, id LIMIT 1',
  );
  const insert = db.prepare(`INSERT INTO budget_line
    (baseline_id, ord, code, name, amount_fen, task_id, driver_quantity, driver_rate_fen, driver_target_id, note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '示例数据（非真实预算）')`);
  EXAMPLE_LINES.forEach((line, ord) => {
    if (line.driver) {
      const target = line.driver.targetLabel
        ? (findTarget.get(line.driver.targetLabel) as { id: number; baseValue: number | null; taskId: number | null } | undefined)
        : undefined;
      const quantity = target?.baseValue ?? line.driver.quantity;
      const rate = toFen(line.driver.rateYuan, 100);
      const rateFen = rate.ok ? rate.fen : 0;
      insert.run(
        baselineId,
        ord,
        line.code,
        line.name,
        driverAmount(quantity, rateFen),
        target?.taskId ?? null,
        quantity,
        rateFen,
        target?.id ?? null,
      );
    } else {
      const amount = toFen(line.amountWan ?? 0, 1_000_000);
      insert.run(baselineId, ord, line.code, line.name, amount.ok ? amount.fen : 0, null, null, null, null);
    }
  });
  return baselineId;
}

/** A workbook without any budget gets the example baseline, so the floor tools show on first start. */
export function ensureBudget(db: Db): void {
  const any = db.prepare('SELECT 1 FROM scenario LIMIT 1').get();
  if (!any) db.transaction(() => insertExampleBaseline(db))();
}
