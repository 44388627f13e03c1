import { meetsRatio, ratioParts } from './ratio';

/**
 * What-if tables: the livelihood share when groups of lines grow by given percentages. Every line is rounded to
 * the 分 after scaling, as it would be if applied, so the table shows what a scenario built from that cell would
 * really give.
 */

export type SensitivityGroup = { kind: 'all' } | { kind: 'livelihood' } | { kind: 'non_livelihood' } | { kind: 'class'; classCode: string };

export interface SensitivityLines {
  amountFen: Float64Array;
  livelihood: Uint8Array;
  /** class code per line */
  classCodes: readonly string[];
}

export interface SensitivityTable {
  rowSteps: number[];
  colSteps: number[];
  /** share[r][c]; null where the total is not positive */
  share: (number | null)[][];
  meets: boolean[][];
}

export function groupMask(lines: SensitivityLines, group: SensitivityGroup): Uint8Array {
  const mask = new Uint8Array(lines.amountFen.length);
  for (let i = 0; i < mask.length; i++) {
    switch (group.kind) {
      case 'all':
        mask[i] = 1;
        break;
      case 'livelihood':
        mask[i] = lines.livelihood[i] ? 1 : 0;
        break;
      case 'non_livelihood':
        mask[i] = lines.livelihood[i] ? 0 : 1;
        break;
      case 'class':
        mask[i] = lines.classCodes[i] === group.classCode ? 1 : 0;
    }
  }
  return mask;
}

interface Sums {
  total: number;
  live: number;
}

/** The amounts and livelihood flags of some lines, copied together so a pass over them reads memory in order. */
interface LineSet {
  amountFen: Float64Array;
  livelihood: Uint8Array;
}

/**
 * Splits the lines by which groups they are in: neither, the row group only, the column group only, both. A cell
 * is then the sum of four parts, of which only "both" depends on the row and the column step together, so a
 * 10×10 table over two disjoint groups (the usual 民生 / 非民生) costs about twenty passes, not a hundred.
 */
function splitByGroups(lines: SensitivityLines, rowMask: Uint8Array, colMask: Uint8Array | null): [LineSet, LineSet, LineSet, LineSet] {
  const count = [0, 0, 0, 0];
  const part = new Uint8Array(rowMask.length);
  for (let i = 0; i < rowMask.length; i++) {
    const which = (rowMask[i] ? 1 : 0) + (colMask?.[i] ? 2 : 0);
    part[i] = which;
    count[which] = (count[which] as number) + 1;
  }
  const sets = count.map((n) => ({ amountFen: new Float64Array(n), livelihood: new Uint8Array(n) }));
  const filled = [0, 0, 0, 0];
  for (let i = 0; i < part.length; i++) {
    const which = part[i] as number;
    const set = sets[which] as LineSet;
    const at = filled[which] as number;
    set.amountFen[at] = lines.amountFen[i] as number;
    set.livelihood[at] = lines.livelihood[i] as number;
    filled[which] = at + 1;
  }
  return sets as [LineSet, LineSet, LineSet, LineSet];
}

/** The totals of a set of lines each scaled by `factor` and rounded to the 分, as applying it would store them. */
function scaledSums(set: LineSet, factor: number): Sums {
  const { amountFen, livelihood } = set;
  let total = 0;
  let live = 0;
  for (let i = 0; i < amountFen.length; i++) {
    const amount = factor === 1 ? (amountFen[i] as number) : Math.round((amountFen[i] as number) * factor);
    total += amount;
    live += amount * (livelihood[i] as number);
  }
  return { total, live };
}

export function sensitivityTable(
  lines: SensitivityLines,
  floor: number,
  row: { group: SensitivityGroup; steps: number[] },
  col?: { group: SensitivityGroup; steps: number[] },
): SensitivityTable {
  const rowMask = groupMask(lines, row.group);
  const colMask = col ? groupMask(lines, col.group) : null;
  const colSteps = col ? col.steps : [0];
  const floorParts = ratioParts(floor);
  const [neither, rowOnly, colOnly, both] = splitByGroups(lines, rowMask, colMask);
  // integer 分 sums below 2^53 are exact in any order, so adding the parts gives what one pass would
  const fixed = scaledSums(neither, 1);
  const byRow = row.steps.map((step) => scaledSums(rowOnly, 1 + step));
  const byCol = colSteps.map((step) => scaledSums(colOnly, 1 + step));
  const share: (number | null)[][] = [];
  const meets: boolean[][] = [];
  row.steps.forEach((rowStep, r) => {
    const shareRow: (number | null)[] = [];
    const meetsRow: boolean[] = [];
    colSteps.forEach((colStep, c) => {
      const overlap = both.amountFen.length > 0 ? scaledSums(both, (1 + rowStep) * (1 + colStep)) : { total: 0, live: 0 };
      const rowPart = byRow[r] as Sums;
      const colPart = byCol[c] as Sums;
      const total = fixed.total + rowPart.total + colPart.total + overlap.total;
      const live = fixed.live + rowPart.live + colPart.live + overlap.live;
      shareRow.push(total > 0 ? live / total : null);
      meetsRow.push(total > 0 && meetsRatio(live, total, floorParts));
    });
    share.push(shareRow);
    meets.push(meetsRow);
  });
  return { rowSteps: row.steps, colSteps: col ? col.steps : [], share, meets };
}
