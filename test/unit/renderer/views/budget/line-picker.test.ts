import { describe, expect, it } from 'vitest';
import type { BudgetLineRow } from '../../../../../src/shared/budget';
import { MAX_LISTED_LINES, matchingLines } from '../../../../../src/renderer/views/budget/LinePicker';

const lines = Array.from(
  { length: 100_000 },
  (_, i) => ({ id: i + 1, code: i % 2 ? '2050202' : '2080501', name: `预算项目${i + 1}`, livelihood: true }) as BudgetLineRow,
);

describe('the goal-seek line picker at 100,000 lines', () => {
  it('lists at most 200 lines, always including the chosen one', () => {
    const shown = matchingLines(lines, '', 99_999);
    expect(shown.length).toBe(MAX_LISTED_LINES + 1);
    expect(shown[0]?.id).toBe(99_999);
  });

  it('narrows by name or code as the user types', () => {
    expect(matchingLines(lines, '预算项目9999', 1).map((l) => l.id)).toEqual([
      1, 9999, 99990, 99991, 99992, 99993, 99994, 99995, 99996, 99997, 99998, 99999,
    ]);
    expect(matchingLines(lines, '2080501', 2).every((l) => l.id === 2 || l.code === '2080501')).toBe(true);
  });
});
