import { copyFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { type BudgetViewAnswer, budgetLinesFromTable } from '../../src/shared/budget';
import { launchBrowser, launchWorkbench } from '../../src/headless/app-in-chromium';
import { handlers } from '../../src/app/handlers';
import { dispatch } from '../../src/app/ipc/dispatch';
import { WorkbookSession } from '../../src/app/session';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { type BenchRow, median } from './measure';

/**
 * The browser workloads: the real renderer over the real handlers (as in the e2e tests) against a bare AG Grid
 * page given the same rows, in the same Chromium, in the same run.
 */

export const FIRST_ROW_SCRIPT = `
  window.__minshengBenchTiming = true;
  window.__firstRowAt = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('.ag-row')) { window.__firstRowAt = performance.now(); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true });`;

/** The task grid's columns: the bare page the first screen is compared with shows the same tasks in as many columns. */
const TASK_FIELDS = ['number', 'title', 'body', 'leadOrgs', 'coOrgs', 'targetCount', 'progress', 'completion', 'status', 'remark'];

const BUDGET_FIELDS = [
  'code',
  'name',
  'className',
  'livelihood',
  'amountFen',
  'baseAmountFen',
  'quantity',
  'rateFen',
  'targetLabel',
  'taskNumber',
  'note',
];

/** A bare AG Grid page showing `fields` of the rows it loads from /rows.json (`idField` gives the row ids). */
const bareHtml = (
  fields: readonly string[],
  idField = 'id',
): string => `<!doctype html><html><head><meta charset="utf-8"><script src="/ag-grid.js"></script></head>
<body style="margin:0"><div id="grid" style="height:590px;width:950px"></div><script>
  window.__start = performance.now();
  import('/rows.json', { with: { type: 'json' } }).then((rows) => {
    window.__api = agGrid.createGrid(document.getElementById('grid'), {
      // the app's density and about its grid's size at 1366×768, so both scroll the same number of rows per frame
      theme: agGrid.themeQuartz.withParams({ fontSize: 13, rowHeight: 30, headerHeight: 32, spacing: 6 }),
      rowData: rows.default,
      getRowId: (p) => String(p.data.${idField}),
      columnDefs: ${JSON.stringify(fields)}.map((field) => ({ field })),
    });
  });
</script></body></html>`;

/**
 * The bare page's server: the same kind of local HTTP server the harness serves the app from, and the rows as a
 * JSON module, as the harness hands the app a large answer — so both pages get their rows the same way.
 */
export async function bareServer(
  rowsJson: string,
  agGridJs: Buffer,
  fields: readonly string[] = BUDGET_FIELDS,
  idField = 'id',
): Promise<{ origin: string; close: () => Promise<void> }> {
  const files: Record<string, [string, string | Buffer]> = {
    '/': ['text/html', bareHtml(fields, idField)],
    '/blank.html': ['text/html', '<!doctype html><html><body></body></html>'],
    '/ag-grid.js': ['text/javascript', agGridJs],
    '/rows.json': ['application/json', rowsJson],
  };
  const server = createServer((request, response) => {
    const [type, body] = files[new URL(request.url ?? '/', 'http://127.0.0.1').pathname] ?? ['text/plain', ''];
    response.writeHead(body === '' ? 404 : 200, { 'content-type': `${type}; charset=utf-8` });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Cell edits per page; the first is left out of the median (see below). */
const EDITS = 5;

/** Polls an expression from outside the page (string evaluation inside it would break the app's CSP). */
export async function waitFor(page: Page, expression: string): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = (await page.evaluate(expression)) as number | null | undefined;
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** p95 of the intervals between animation frames while the grid scrolls down. */
const SCROLL = `(async () => {
  const viewport = [...document.querySelectorAll('.ag-body-viewport, .ag-grid-viewport, .ag-body-vertical-scroll-viewport')]
    .find((el) => el.scrollHeight > el.clientHeight + 10);
  const times = [];
  for (let i = 0; i < 120; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    times.push(performance.now());
    viewport.scrollTop += 150;
  }
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length * 0.95)];
})()`;

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

async function barePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  return context.newPage();
}

export async function browserWorkloads(env: { dir: string; repoRoot: string; big: string; runs: number }): Promise<BenchRow[]> {
  const { dir, repoRoot, runs } = env;
  const browser = await launchBrowser();
  try {
    // the same rows the app's budget view receives
    const workbook = openWorkbook(env.big, { resources: resourcesAt(repoRoot), actor: 'bench', create: true });
    const context = nodeHandlerContext(new WorkbookSession(env.big, () => workbook).adopt(workbook), repoRoot);
    const view = await dispatch(handlers, context, 'budget-view', {});
    const tasks = await dispatch(handlers, context, 'task-list', {});
    workbook.close();
    if (!view.ok) throw new Error(view.error.message);
    if (!tasks.ok) throw new Error(tasks.error.message);
    // the rows as the page holds them (they cross as columns, see budgetLineTableSchema)
    const rowsJson = JSON.stringify(budgetLinesFromTable((view.value as BudgetViewAnswer).lines));
    const agGridJs = readFileSync(join(repoRoot, 'node_modules', 'ag-grid-community', 'dist', 'ag-grid-community.min.js'));
    const bare = await bareServer(rowsJson, agGridJs);
    // the peer of the first screen: the default plan's tasks in a bare AG Grid page, what a user could have instead
    const bareTasks = await bareServer(JSON.stringify(tasks.value), agGridJs, TASK_FIELDS);

    const oursOpen: number[] = [];
    const bareOpen: number[] = [];
    const oursEdit: number[] = [];
    const bareEdit: number[] = [];
    const oursScroll: number[] = [];
    const bareScroll: number[] = [];
    const oursFirst: number[] = [];
    const blankLoad: number[] = [];
    const bareFirst: number[] = [];
    const heaps: { ours: number; bare: number }[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const copy = join(dir, `browser-${run}.mswb`);
      copyFileSync(env.big, copy);
      const session = await launchWorkbench({ dbPath: copy, browser, initScript: FIRST_ROW_SCRIPT });
      try {
        const page = session.page;
        const first = await waitFor(page, 'window.__firstRowAt');
        const budgetRow = `document.querySelector('[data-testid="budget-view"] .ag-row') && window.__openedAt === undefined ? (window.__openedAt = performance.now() - window.__clickAt) : window.__openedAt`;
        await page.evaluate(() => {
          (window as unknown as { __clickAt: number }).__clickAt = performance.now();
        });
        await page.getByRole('button', { name: '预算与情景' }).click();
        const opened = await waitFor(page, budgetRow);
        // EDITS edits of different rows, as a user goes down a column; each timed by the page itself: the
        // renderer's work for sending it and for showing the stored row and figures (see BudgetView)
        const edits: number[] = [];
        for (let e = 0; e < EDITS; e++) {
          const cell = page.locator(`[data-testid="budget-view"] .ag-row[row-id="${e + 1}"] .ag-cell[col-id="amount"]`);
          await cell.dblclick();
          const editor = page.locator('.ag-cell-editor input, .ag-cell-inline-editing input').first();
          await editor.fill(String(130_000 + run * 10 + e));
          await editor.press('Enter');
          edits.push(
            await waitFor(
              page,
              `performance.getEntriesByName('budget-edit-show').length === ${e + 1} ? performance.getEntriesByName('budget-edit-send').at(-1).duration + performance.getEntriesByName('budget-edit-show').at(-1).duration : null`,
            ),
          );
        }
        // the first edit after opening runs code V8 has not optimised yet: the steady state is what a user feels
        const edit = median(edits.slice(1));
        const scroll = (await page.evaluate(SCROLL)) as number;
        const heap = await heapMb(page);
        if (run > 0) {
          oursFirst.push(first);
          oursOpen.push(opened);
          oursEdit.push(edit);
          oursScroll.push(scroll);
          heaps.push({ ours: heap, bare: 0 });
        }
      } finally {
        await session.close();
      }
      const page = await barePage(browser);
      try {
        await page.addInitScript(FIRST_ROW_SCRIPT);
        await page.goto(`${bare.origin}/blank.html`);
        const blank = (await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.duration ?? 0)) as number;
        // from navigation start to the first row, as the app's first screen is timed
        await page.goto(`${bareTasks.origin}/`);
        const tasksFirst = await waitFor(page, 'window.__firstRowAt');
        await page.goto(`${bare.origin}/`);
        const opened = await waitFor(page, 'window.__firstRowAt && window.__firstRowAt - window.__start');
        // timed as the app's edits are: until the tasks already queued have run (see BudgetView's nextTask)
        const edits: number[] = [];
        for (let e = 0; e < EDITS; e++) {
          edits.push(
            (await page.evaluate(`(async () => {
              const t = performance.now();
              window.__api.getRowNode('${e + 1}').setDataValue('amountFen', ${run * 10 + e});
              await new Promise((resolve) => { const channel = new MessageChannel(); channel.port1.onmessage = resolve; channel.port2.postMessage(null); });
              return performance.now() - t;
            })()`)) as number,
          );
        }
        const edit = median(edits.slice(1));
        const scroll = (await page.evaluate(SCROLL)) as number;
        const heap = await heapMb(page);
        if (run > 0) {
          blankLoad.push(blank);
          bareFirst.push(tasksFirst);
          bareOpen.push(opened);
          bareEdit.push(edit);
          bareScroll.push(scroll);
          const last = heaps.at(-1);
          if (last) last.bare = heap;
        }
      } finally {
        await page.context().close();
      }
    }
    await bare.close();
    await bareTasks.close();
    return [
      { workload: '打开 100,000 行预算视图（首屏行绘出）', ours: median(oursOpen), baseline: median(bareOpen), unit: 'ms', target: 1.5 },
      {
        workload: '该表格中修改一格',
        ours: median(oursEdit),
        baseline: median(bareEdit),
        unit: 'ms',
        target: 2,
        note: '渲染进程的工作（不含主进程往返）；基线为 setDataValue',
      },
      { workload: '滚动该表格（帧间隔 p95）', ours: median(oursScroll), baseline: median(bareScroll), unit: 'ms', target: 1.3 },
      {
        workload: '默认计划首屏（加载→表格绘出）',
        ours: median(oursFirst),
        baseline: median(bareFirst),
        unit: 'ms',
        target: 1.5,
        note: '基线为同样31项任务的裸 AG Grid 页面',
      },
      {
        workload: '默认计划首屏（加载→表格绘出），对空白页',
        ours: median(oursFirst),
        baseline: median(blankLoad),
        unit: 'ms',
        target: 2,
        note: '基线为空白页加载（下限）',
      },
      {
        workload: '100,000 行时渲染进程堆内存',
        ours: median(heaps.map((h) => h.ours)),
        baseline: median(heaps.map((h) => h.bare)),
        unit: 'MB',
        target: 2,
      },
    ];
  } finally {
    await browser.close();
  }
}
