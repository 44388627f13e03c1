/**
 * Execution tables list 类 (3-digit codes), 款 (5) and 项 (7) rows together, each parent holding the sum of its
 * parts. Adding every row would count the same money two or three times, so only the most detailed rows are
 * counted. Where a parent's figure differs from the sum of the parts listed under it (a table that details only
 * some 款, or rounding in a 万元 table), the difference is kept as the parent's "未列明细部分" line: the counted
 * lines then add up exactly to the table's own top-level figures, and nothing is lost or counted twice.
 */

export const AMOUNT_FIELDS = ['initialBudgetFen', 'adjustedBudgetFen', 'monthFen', 'cumulativeFen'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

export interface CodedRow {
  code: string;
  name: string;
  initialBudgetFen: number | null;
  adjustedBudgetFen: number | null;
  monthFen: number | null;
  cumulativeFen: number;
  /** where the row came from, for messages ("工作表“6月” 第12行") */
  where: string;
}

export interface CountedLine extends Omit<CodedRow, 'where'> {
  /** '' for a row of the table; the reason for a line the import made up */
  note: string;
}

export interface LevelNote {
  where: string;
  code: string;
  name: string;
  /** cumulative: parent − listed parts, 分 */
  differenceFen: number;
}

export const REMAINDER_SUFFIX = '（未列明细部分）';
export const REMAINDER_NOTE = '上级科目数与所列明细之和的差额';

/** 类 / 款 / 项 by the usual code lengths; other lengths are still placed by prefix. */
export function levelLabel(code: string): string {
  return code.length === 3 ? '类' : code.length === 5 ? '款' : code.length === 7 ? '项' : '';
}

/**
 * For each row, the index of its parent: the row with the longest code that is a proper prefix of its code.
 * Codes are at most 12 digits, so each row tries at most 11 prefixes.
 */
export function parentIndexes(rows: readonly Pick<CodedRow, 'code'>[]): number[] {
  const byCode = new Map<string, number>();
  rows.forEach((row, index) => {
    if (!byCode.has(row.code)) byCode.set(row.code, index);
  });
  return rows.map((row) => {
    for (let length = row.code.length - 1; length >= 3; length--) {
      const parent = byCode.get(row.code.slice(0, length));
      if (parent !== undefined) return parent;
    }
    return -1;
  });
}

/** The lines to count, in table order: childless rows, and after each parent's parts its remainder if any. */
export function countedLines(rows: readonly CodedRow[]): { lines: CountedLine[]; notes: LevelNote[] } {
  const parents = parentIndexes(rows);
  const children = rows.map((): number[] => []);
  parents.forEach((parent, index) => {
    if (parent >= 0) children[parent]?.push(index);
  });
  const lines: CountedLine[] = [];
  const notes: LevelNote[] = [];
  // a remainder goes right after the last descendant of its parent, so the by-line view keeps the table's order
  const remainderAfter = new Map<number, CountedLine[]>();
  const lastDescendant = (index: number): number => {
    const kids = children[index] ?? [];
    return kids.length === 0 ? index : lastDescendant(kids[kids.length - 1] as number);
  };
  rows.forEach((row, index) => {
    const kids = children[index] ?? [];
    if (kids.length === 0) return;
    const remainder: CountedLine = {
      code: row.code,
      name: `${row.name}${REMAINDER_SUFFIX}`,
      initialBudgetFen: null,
      adjustedBudgetFen: null,
      monthFen: null,
      cumulativeFen: 0,
      note: REMAINDER_NOTE,
    };
    let nonZero = false;
    for (const field of AMOUNT_FIELDS) {
      const own = row[field];
      if (own === null) continue;
      const listed = kids.reduce((sum, kid) => sum + (rows[kid]?.[field] ?? 0), 0);
      remainder[field] = own - listed;
      if (own !== listed) nonZero = true;
    }
    if (!nonZero) return;
    notes.push({ where: row.where, code: row.code, name: row.name, differenceFen: remainder.cumulativeFen });
    const after = lastDescendant(index);
    remainderAfter.set(after, [...(remainderAfter.get(after) ?? []), remainder]);
  });
  rows.forEach((row, index) => {
    if ((children[index] ?? []).length === 0) {
      const { where: _where, ...line } = row;
      lines.push({ ...line, note: '' });
    }
    // the remainders of the parents this row closes, innermost first
    for (const remainder of (remainderAfter.get(index) ?? []).reverse()) lines.push(remainder);
  });
  return { lines, notes };
}

/** Whether two codes overlap: one is a proper prefix of the other, so the same money would be counted twice. */
export function codesOverlap(a: string, b: string): boolean {
  return a !== b && (a.startsWith(b) || b.startsWith(a));
}
