import { EXAMPLE_LINES } from '../budget/example-baseline';
import type { CountedLine } from './hierarchy';

/**
 * Example execution data shipped with the example budget, so the execution views are alive on first start:
 * the city level and seven counties of 达州, last year's twelve months and this year's first six, with the
 * back-loaded monthly profile Chinese spending has (December alone about a fifth of the year). The figures are
 * made up — deterministic, of a plausible size — and labelled 示例数据 wherever they appear.
 */

export const EXECUTION_EXAMPLE_LABEL = '示例数据（非真实执行数据）';
export const EXAMPLE_YEAR = 2017;
export const EXAMPLE_MONTH = 6;

/**
 * How back-loaded a class's spending is: salaries, pensions and health subsidies go out month by month (an
 * exponent near 1), construction and land works late in the year (larger). Through November a class reaches
 * about 82% × (m/12)^k of its year; December brings the rest — about a fifth of the year, as in real reports.
 */
const EVEN_CLASSES = new Set(['201', '204', '208', '210', '227', '232']);
const LATE_CLASSES = new Set(['211', '212', '213', '214', '221']);
const shapeOf = (classCode: string): number => (EVEN_CLASSES.has(classCode) ? 0.9 : LATE_CLASSES.has(classCode) ? 1.5 : 1.1);
const BY_NOVEMBER = 0.82;

export const EXAMPLE_BUDGETS: readonly { name: string; scale: number }[] = [
  { name: '达州市本级（示例）', scale: 1 },
  { name: '通川区（示例）', scale: 0.32 },
  { name: '达川区（示例）', scale: 0.41 },
  { name: '宣汉县（示例）', scale: 0.47 },
  { name: '开江县（示例）', scale: 0.19 },
  { name: '大竹县（示例）', scale: 0.43 },
  { name: '渠县（示例）', scale: 0.52 },
  { name: '万源市（示例）', scale: 0.24 },
];

/** A number in [0, 1) fixed by its arguments: the example is the same in every workbook. */
function variation(...keys: number[]): number {
  let h = 2166136261;
  for (const key of keys) {
    h ^= key;
    h = Math.imul(h, 16777619) >>> 0;
    h ^= h >>> 13;
  }
  return ((h >>> 0) % 10_000) / 10_000;
}

/** The example baseline's lines with their budgets (driver lines at their stated quantity × rate). */
function baseLines(): { code: string; name: string; budgetFen: number }[] {
  return EXAMPLE_LINES.map((line) => ({
    code: line.code,
    name: line.name,
    budgetFen: line.driver ? Math.round(line.driver.quantity * line.driver.rateYuan) * 100 : Math.round((line.amountWan ?? 0) * 1_000_000),
  }));
}

export interface ExampleReport {
  year: number;
  month: number;
  lines: Omit<CountedLine, 'where'>[];
}

export interface ExampleBudget {
  name: string;
  reports: ExampleReport[];
}

const yuanRounded = (fen: number): number => Math.round(fen / 100) * 100;

export function exampleExecution(): ExampleBudget[] {
  const base = baseLines();
  return EXAMPLE_BUDGETS.map(({ name, scale }, b) => {
    // each budget's lines: the city's own scaled, each line a little different
    const lines = base.map((line, i) => ({
      ...line,
      budgetFen: yuanRounded(line.budgetFen * scale * (b === 0 ? 1 : 0.6 + 0.8 * variation(b, i, 1))),
    }));
    const reports: ExampleReport[] = [];
    for (const year of [EXAMPLE_YEAR - 1, EXAMPLE_YEAR]) {
      const lastMonth = year === EXAMPLE_YEAR ? EXAMPLE_MONTH : 12;
      const yearBudget = lines.map((line, i) =>
        yuanRounded(line.budgetFen * (year === EXAMPLE_YEAR ? 1 : 0.9 + 0.05 * variation(b, i, 2))),
      );
      // this year's pace of each line against its class's usual shape, and how much of its budget it ends up spending
      const pace = lines.map((line, i) => 0.9 + 0.3 * variation(b, Number(line.code.slice(0, 3)), year, i % 3));
      const ending = lines.map((_, i) => 0.95 + 0.07 * variation(b, i, year, 3));
      const shareAt = (i: number, month: number): number => {
        if (month === 0) return 0;
        const end = ending[i] as number;
        if (month === 12) return end;
        const shape = shapeOf(lines[i]?.code.slice(0, 3) ?? '');
        return Math.min(end - 0.02, BY_NOVEMBER * (month / 12) ** shape * (pace[i] as number));
      };
      for (let month = 1; month <= lastMonth; month++) {
        reports.push({
          year,
          month,
          lines: lines.map((line, i) => {
            const budget = yearBudget[i] as number;
            const cumulativeFen = yuanRounded(budget * shareAt(i, month));
            return {
              code: line.code,
              name: line.name,
              initialBudgetFen: budget,
              adjustedBudgetFen: month >= 4 ? yuanRounded(budget * 1.02) : null,
              monthFen: cumulativeFen - yuanRounded(budget * shareAt(i, month - 1)),
              cumulativeFen,
              note: '',
            };
          }),
        });
      }
    }
    return { name, reports };
  });
}
