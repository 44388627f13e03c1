import { describe, expect, it } from 'vitest';
import { type BudgetLineRow, budgetLinesFromTable, budgetLineTableSchema } from '../../../src/shared/budget';

const row = (id: number, extra: Partial<BudgetLineRow> = {}): BudgetLineRow => ({
  id,
  ord: id,
  code: `20502${String(id).padStart(2, '0')}`,
  name: `项目${id}`,
  classCode: '205',
  className: '教育支出',
  livelihood: true,
  livelihoodOverride: null,
  domainId: null,
  taskId: null,
  taskNumber: null,
  targetId: null,
  targetLabel: '',
  note: '',
  amountFen: id * 100,
  baseAmountFen: id * 100,
  hasDriver: false,
  quantity: null,
  baseQuantity: null,
  rateFen: null,
  baseRateFen: null,
  overrides: [],
  ...extra,
});

/** What the main process builds (from the model's arrays, in app/store): here from rows, the page's shape. */
function tableOf(rows: readonly BudgetLineRow[]) {
  const keys = Object.keys(rows[0] ?? row(1)).filter((key) => key !== 'overrides') as (keyof BudgetLineRow)[];
  const columns = Object.fromEntries(keys.map((key) => [key, rows.map((r) => r[key])]));
  return { ...columns, overrides: rows.flatMap((r, i) => (r.overrides.length ? [[i, r.overrides]] : [])) };
}

describe('the budget lines as columns', () => {
  it('make the same rows again, overrides on their own rows', () => {
    const rows = [
      row(1),
      row(2, {
        hasDriver: true,
        quantity: 3,
        baseQuantity: 2,
        rateFen: 500,
        baseRateFen: 500,
        overrides: [{ field: 'quantity', op: 'set', value: 3 }],
      }),
      row(3, { livelihoodOverride: false, livelihood: false }),
    ];
    const table = budgetLineTableSchema.parse(tableOf(rows));
    expect(budgetLinesFromTable(table)).toEqual(rows);
  });

  it('refuse overrides on a row that is not there, or twice on one row', () => {
    const rows = [row(1, { overrides: [{ field: 'amount', op: 'add', value: 1 }] }), row(2)];
    const table = tableOf(rows);
    expect(budgetLineTableSchema.safeParse({ ...table, overrides: [[2, rows[0]?.overrides]] }).success).toBe(false);
    expect(budgetLineTableSchema.safeParse({ ...table, overrides: [...table.overrides, ...table.overrides] }).success).toBe(false);
    expect(budgetLineTableSchema.safeParse(table).success).toBe(true);
  });

  it('refuse columns of different lengths (a row would be made of two lines)', () => {
    const table = tableOf([row(1), row(2)]) as Record<string, unknown[]>;
    table.name = ['只有一个'];
    expect(budgetLineTableSchema.safeParse(table).success).toBe(false);
  });
});
