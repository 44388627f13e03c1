import { meetsRatio, ratioParts } from './ratio';

/**
 * What-if tables: the livelihood share when groups of lines grow by given percentages. Each cell is a full
 * pass over the lines (each line rounded to the 分 after scaling, as it would be if applied), so the table
 * shows what a scenario built from that cell would really give.
 */

export type SensitivityGroup =
  | { kind: 'all' }
  | { kind: 'livelihood' }
  | { kind: 'non_livelihood' }
  | { kind: 'class'; classCode: string };

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

/** One cell: the totals when lines in `rowMask` scale by `rowFactor` and those in `colMask` by `colFactor`. */
function cell(lines: SensitivityLines, rowMask: Uint8Array, rowFactor: number, colMask: Uint8Array | null, colFactor: number) {
  const { amountFen, livelihood } = lines;
  let total = 0;
  let live = 0;
  for (let i = 0; i < amountFen.length; i++) {
    let factor = 1;
    if (rowMask[i]) factor *= rowFactor;
    if (colMask?.[i]) factor *= colFactor;
    const amount = factor === 1 ? (amountFen[i] as number) : Math.round((amountFen[i] as number) * factor);
    total += amount;
    if (livelihood[i]) live += amount;
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
  const share: (number | null)[][] = [];
  const meets: boolean[][] = [];
  for (const rowStep of row.steps) {
    const shareRow: (number | null)[] = [];
    const meetsRow: boolean[] = [];
    for (const colStep of colSteps) {
      const { total, live } = cell(lines, rowMask, 1 + rowStep, colMask, 1 + colStep);
      shareRow.push(total > 0 ? live / total : null);
      meetsRow.push(total > 0 && meetsRatio(live, total, floorParts));
    }
    share.push(shareRow);
    meets.push(meetsRow);
  }
  return { rowSteps: row.steps, colSteps: col ? col.steps : [], share, meets };
}
