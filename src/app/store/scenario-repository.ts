import type { OverrideField, OverrideOp } from '../../core/budget/model';
import { type Db, prepared } from './connection';

/**
 * The small questions asked about scenarios, their overrides and their baseline's stored lines before an action
 * writes: is a name taken, what builds on a baseline, which override a cell has, which lines a code names. The
 * engine's view of a whole scenario is read by budget-repository.ts; writes go through scenario-writer.ts.
 */

type SqlValue = string | number | null;

export function scenarioIdByName(db: Db, name: string): number | null {
  return (prepared(db, 'SELECT id FROM scenario WHERE name = ?').get(name) as { id: number } | undefined)?.id ?? null;
}

export function scenarioExists(db: Db, scenarioId: number): boolean {
  return prepared(db, 'SELECT 1 FROM scenario WHERE id = ?').get(scenarioId) !== undefined;
}

/** How many scenarios and snapshots are built over a baseline (it cannot go while they remain). */
export function scenariosOverCount(db: Db, baselineId: number): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM scenario WHERE baseline_id = ?').get(baselineId) as { n: number }).n;
}

export function baselineCount(db: Db): number {
  return (prepared(db, "SELECT COUNT(*) AS n FROM scenario WHERE kind = 'baseline'").get() as { n: number }).n;
}

/** One field's override of one line in one scenario, if it has one. */
export function overrideOf(db: Db, scenarioId: number, lineId: number, field: string): { op: OverrideOp; value: number } | undefined {
  return prepared(db, 'SELECT op, value FROM scenario_override WHERE scenario_id = ? AND line_id = ? AND field = ?').get(
    scenarioId,
    lineId,
    field,
  ) as { op: OverrideOp; value: number } | undefined;
}

/** Every scenario's overrides of one baseline line (they go with the line). */
export function overridesOfLine(db: Db, lineId: number): { scenarioId: number; field: OverrideField }[] {
  return prepared(db, 'SELECT scenario_id AS scenarioId, field FROM scenario_override WHERE line_id = ?').all(lineId) as {
    scenarioId: number;
    field: OverrideField;
  }[];
}

export function baselineLineIds(db: Db, baselineId: number): number[] {
  return (prepared(db, 'SELECT id FROM budget_line WHERE baseline_id = ? ORDER BY id').all(baselineId) as { id: number }[]).map(
    (line) => line.id,
  );
}

/** A baseline's lines as stored, every column, to copy them (a snapshot before promotion). */
export function storedBaselineLines(db: Db, baselineId: number): Record<string, SqlValue>[] {
  return prepared(db, 'SELECT * FROM budget_line WHERE baseline_id = ? ORDER BY id').all(baselineId) as Record<string, SqlValue>[];
}

/** The next position in a baseline (an added line goes last). */
export function nextBaselineLineOrd(db: Db, baselineId: number): number {
  return (
    prepared(db, 'SELECT COALESCE(MAX(ord), -1) + 1 AS ord FROM budget_line WHERE baseline_id = ?').get(baselineId) as { ord: number }
  ).ord;
}

/** A baseline's lines with a given 科目编码 (the command line names lines by code). */
export function lineIdsByCode(db: Db, baselineId: number, code: string): number[] {
  return (prepared(db, 'SELECT id FROM budget_line WHERE baseline_id = ? AND code = ?').all(baselineId, code) as { id: number }[]).map(
    (line) => line.id,
  );
}

/** A stored line's own figures, as the change log describes an override against them. */
export function lineFigures(db: Db, lineId: number): { amountFen: number; quantity: number | null; rateFen: number | null } | undefined {
  return prepared(
    db,
    'SELECT amount_fen AS amountFen, driver_quantity AS quantity, driver_rate_fen AS rateFen FROM budget_line WHERE id = ?',
  ).get(lineId) as { amountFen: number; quantity: number | null; rateFen: number | null } | undefined;
}
