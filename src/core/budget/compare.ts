import { classOfCode } from './classification';
import { floorMetrics, type FloorMetrics } from './floor';

/**
 * Side-by-side comparison of scenarios. Lines are matched by subject code and name (a snapshot's lines are
 * copies with other ids); Δ is against the first scenario chosen.
 */

export interface CompareInputLine {
  code: string;
  name: string;
  livelihood: boolean;
  amountFen: number;
  targetId: number | null;
}

export interface CompareInput {
  name: string;
  lines: readonly CompareInputLine[];
  floor: number;
}

export interface CompareRow {
  key: string;
  code: string;
  name: string;
  classCode: string;
  livelihood: boolean;
  /** per scenario; null when the scenario has no such line */
  amounts: (number | null)[];
  /** amount − first scenario's amount; null where either is missing */
  deltas: (number | null)[];
  /** Δ / first amount; null when the first amount is 0 or missing */
  deltaRatios: (number | null)[];
  targetId: number | null;
}

export interface ScenarioComparison {
  metrics: FloorMetrics[];
  lines: CompareRow[];
  classes: CompareRow[];
  /** lines linked to a plan target whose funding is lower than in the first scenario somewhere */
  fallingTargetLines: CompareRow[];
}

function deltasOf(amounts: (number | null)[]): Pick<CompareRow, 'deltas' | 'deltaRatios'> {
  const first = amounts[0] ?? null;
  const deltas = amounts.map((amount) => (amount === null || first === null ? null : amount - first));
  const deltaRatios = deltas.map((delta) => (delta === null || !first ? null : delta / first));
  return { deltas, deltaRatios };
}

/**
 * `lines: false` leaves out the line-by-line matching (a key string per line) when only the totals and the
 * classes are wanted, as in the exported comparison sheet.
 */
export function compareScenarios(inputs: readonly CompareInput[], options: { lines?: boolean } = {}): ScenarioComparison {
  const matchLines = options.lines ?? true;
  const rows = new Map<string, Omit<CompareRow, 'deltas' | 'deltaRatios'>>();
  const classRows = new Map<string, Omit<CompareRow, 'deltas' | 'deltaRatios'>>();
  const metrics: FloorMetrics[] = [];
  inputs.forEach((input, s) => {
    let total = 0;
    let live = 0;
    const seen = new Map<string, number>();
    for (const line of input.lines) {
      const classCode = classOfCode(line.code);
      if (matchLines) {
        // the n-th line with the same code and name matches the n-th in the other scenario
        const base = `${line.code}\u0000${line.name}`;
        const occurrence = seen.get(base) ?? 0;
        seen.set(base, occurrence + 1);
        const key = `${base}\u0000${occurrence}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            key,
            code: line.code,
            name: line.name,
            classCode,
            livelihood: line.livelihood,
            amounts: inputs.map(() => null),
            targetId: line.targetId,
          };
          rows.set(key, row);
        }
        row.amounts[s] = (row.amounts[s] ?? 0) + line.amountFen;
      }
      const classKey = `${classCode}\u0000${line.livelihood ? 1 : 0}`;
      let classRow = classRows.get(classKey);
      if (!classRow) {
        classRow = {
          key: classKey,
          code: classCode,
          name: '',
          classCode,
          livelihood: line.livelihood,
          amounts: inputs.map(() => 0),
          targetId: null,
        };
        classRows.set(classKey, classRow);
      }
      classRow.amounts[s] = (classRow.amounts[s] ?? 0) + line.amountFen;
      total += line.amountFen;
      if (line.livelihood) live += line.amountFen;
    }
    metrics.push(floorMetrics(total, live, input.floor));
  });
  const lines = [...rows.values()].map((row) => ({ ...row, ...deltasOf(row.amounts) }));
  const classes = [...classRows.values()]
    .sort((a, b) => a.classCode.localeCompare(b.classCode) || Number(b.livelihood) - Number(a.livelihood))
    .map((row) => ({ ...row, ...deltasOf(row.amounts) }));
  const fallingTargetLines = lines.filter((row) => row.targetId !== null && row.deltas.some((delta) => delta !== null && delta < 0));
  return { metrics, lines, classes, fallingTargetLines };
}
