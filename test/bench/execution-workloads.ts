import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, launchWorkbench } from '../../src/headless/app-in-chromium';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { handlers } from '../../src/app/handlers';
import { dispatch } from '../../src/app/ipc/dispatch';
import { WorkbookSession } from '../../src/app/session';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import type { ExecutionCompare } from '../../src/shared/execution';
import { bareServer, FIRST_ROW_SCRIPT, waitFor } from './browser-workloads';
import { freshCopy } from './data';
import { type BenchRow, measure, median, seeded } from './measure';

/**
 * The county comparison at scale: 20 budgets × 12 monthly reports × 2,000 lines (480,000 execution lines) —
 * last year's January to June and December, this year's January to May, so every projection method has its
 * figures. Timed: the comparison's answer in Node, and opening the 区县对比 view in Chromium until its first row
 * is painted, against a bare AG Grid page given the same rows. The promise is absolute: under a second.
 */

const COUNTIES = 20;
const LINES = 2_000;
const PERIODS = [
  ...[1, 2, 3, 4, 5, 6, 12].map((month) => ({ year: 2016, month })),
  ...[1, 2, 3, 4, 5].map((month) => ({ year: 2017, month })),
];
const CLASSES = ['201', '204', '205', '206', '207', '208', '210', '211', '212', '213', '214', '221', '229'];

/** Makes the workbook (untimed): straight SQL, one transaction. */
export function countiesWorkbook(dir: string, repoRoot: string, template: string): string {
  const path = freshCopy(template, join(dir, 'counties-20x12x2000.mswb'));
  const workbook = openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'bench' });
  const { db } = workbook;
  const random = seeded(2017);
  const at = new Date().toISOString();
  const budget = db.prepare('INSERT INTO budget (name, ord, created_at) VALUES (?, ?, ?)');
  const report = db.prepare("INSERT INTO execution_report (budget_id, year, month, source, created_at) VALUES (?, ?, ?, 'bench', ?)");
  const line = db.prepare(
    'INSERT INTO execution_line (report_id, ord, code, name, initial_budget_fen, adjusted_budget_fen, month_fen, cumulative_fen) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)',
  );
  db.transaction(() => {
    for (let c = 0; c < COUNTIES; c++) {
      const budgetId = Number(budget.run(`县${c + 1}`, 100 + c, at).lastInsertRowid);
      const codes = Array.from({ length: LINES }, (_, i) => `${CLASSES[i % CLASSES.length]}${String(10_000 + i).slice(1)}`);
      const budgets = codes.map(() => Math.round(random() * 5_000_000_000));
      const pace = codes.map(() => 0.8 + 0.4 * random());
      for (const period of PERIODS) {
        const reportId = Number(report.run(budgetId, period.year, period.month, at).lastInsertRowid);
        const share = period.month === 12 ? 1 : 0.82 * (period.month / 12) ** 1.2;
        codes.forEach((code, i) =>
          line.run(
            reportId,
            i,
            code,
            `项目${i + 1}`,
            budgets[i],
            Math.round((budgets[i] as number) * share * (period.month === 12 ? 1 : (pace[i] as number))),
          ),
        );
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  workbook.close();
  return path;
}

export async function executionWorkloads(env: {
  dir: string;
  repoRoot: string;
  template: string;
  runs: number;
  browserRuns: number;
}): Promise<BenchRow[]> {
  const { dir, repoRoot, runs } = env;
  const path = countiesWorkbook(dir, repoRoot, env.template);
  const workbook = openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'bench' });
  const context = nodeHandlerContext(new WorkbookSession(path, () => workbook).adopt(workbook), repoRoot);
  let answer: ExecutionCompare | null = null;
  const ours = await measure(
    async () => {
      const result = await dispatch(handlers, context, 'execution-compare', {});
      if (!result.ok) throw new Error(result.error.message);
      answer = result.value as ExecutionCompare;
    },
    { runs },
  );
  // the baseline reads the same lines by the same index and sums them per county: what any view of them costs at least
  const reports = workbook.db
    .prepare('SELECT budget_id AS b, id FROM execution_report WHERE year = 2017 AND month = 5 AND superseded_at IS NULL')
    .all() as { b: number; id: number }[];
  const read = workbook.db.prepare(
    'SELECT code, initial_budget_fen AS i, adjusted_budget_fen AS a, cumulative_fen AS c FROM execution_line WHERE report_id = ? ORDER BY ord',
  );
  const baseline = await measure(
    () => {
      const sums = new Map<number, number>();
      for (const report of reports)
        for (const row of read.iterate(report.id) as Iterable<{ c: number }>) sums.set(report.b, (sums.get(report.b) ?? 0) + row.c);
      return sums;
    },
    { runs },
  );
  workbook.close();
  const compare = answer as ExecutionCompare | null;
  if (!compare || compare.rows.length !== COUNTIES || compare.rows.some((r) => !r.reported || r.methods.some((m) => !m.available)))
    throw new Error('the comparison did not cover every county with every method');
  const rows: BenchRow[] = [
    {
      workload: `区县对比：${COUNTIES}个地区×12个月×${LINES.toLocaleString('en-US')}行的汇总与三种预计（主进程）`,
      ours,
      baseline,
      unit: 'ms',
      target: null,
      note: '基线为读出同期各行并按地区求和',
    },
  ];

  // the view in Chromium: from the click on 区县对比 until its first row is painted, against a bare grid given the rows
  const browser = await launchBrowser();
  try {
    const agGridJs = readFileSync(join(repoRoot, 'node_modules', 'ag-grid-community', 'dist', 'ag-grid-community.min.js'));
    const fields = [
      'rank',
      'name',
      'totalFen',
      'livelihoodFen',
      'share',
      'headroomFen',
      'projectedLow',
      'projectedHigh',
      'meetsInAll',
      'worstPerMonthNeededFen',
      'executionRate',
      'source',
    ];
    const bare = await bareServer(JSON.stringify(compare.rows), agGridJs, fields, 'budgetId');
    const oursOpen: number[] = [];
    const bareOpen: number[] = [];
    for (let run = 0; run < env.browserRuns + 1; run++) {
      const copy = join(dir, `counties-${run}.mswb`);
      copyFileSync(path, copy);
      const session = await launchWorkbench({ dbPath: copy, browser });
      try {
        const page = session.page;
        await page.locator('.ag-row[row-id="1"]').waitFor();
        await page.evaluate(() => {
          (window as unknown as { __clickAt: number }).__clickAt = performance.now();
        });
        await page.getByRole('button', { name: '区县对比' }).click();
        const opened = await waitFor(
          page,
          `document.querySelector('[data-testid="counties-sheet"] .ag-row:not(.ag-row-pinned)') && window.__openedAt === undefined ? (window.__openedAt = performance.now() - window.__clickAt) : window.__openedAt`,
        );
        if (run > 0) oursOpen.push(opened);
      } finally {
        await session.close();
      }
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(FIRST_ROW_SCRIPT);
        await page.goto(`${bare.origin}/`);
        const opened = await waitFor(page, 'window.__firstRowAt && window.__firstRowAt - window.__start');
        if (run > 0) bareOpen.push(opened);
      } finally {
        await context.close();
      }
    }
    await bare.close();
    rows.push({
      workload: `打开区县对比视图（${COUNTIES}个地区×12个月×${LINES.toLocaleString('en-US')}行，首行绘出）`,
      ours: median(oursOpen),
      baseline: median(bareOpen),
      unit: 'ms',
      target: null,
      limit: 1000,
      note: '基线为空白AG Grid页载入同样的对比行',
    });
  } finally {
    await browser.close();
  }
  return rows;
}
