/**
 * Opening a big workbook: a 50 MB file, as an office's would be after a year of county execution reports and a
 * 100,000-line budget, from the moment the app is asked to open it until the first task row is painted — against
 * the same in the default (sub-megabyte) workbook, in the same run. What must not grow with the file: the checks on
 * opening (quick_check, the schema version), the status bar's figures and the first view's data.
 */
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, launchWorkbench } from '../../src/headless/app-in-chromium';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { budgetLines, insertLines } from './data';
import { FIRST_ROW_SCRIPT, waitFor } from './browser-workloads';
import { countiesWorkbook } from './execution-workloads';
import { type BenchRow, median } from './measure';

const TARGET_BYTES = 50 * 1024 * 1024;

/** The county reports (480,000 execution lines) plus budget lines until the file holds 50 MB (untimed). */
export function fiftyMegabyteWorkbook(dir: string, repoRoot: string, template: string): string {
  const path = countiesWorkbook(dir, repoRoot, template);
  const workbook = openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'bench' });
  for (let round = 0; statSync(path).size < TARGET_BYTES && round < 20; round++) {
    insertLines(workbook.db, 1, budgetLines(100_000, 2017 + round));
    workbook.db.pragma('wal_checkpoint(TRUNCATE)');
  }
  workbook.close();
  return path;
}

export async function openWorkloads(env: { dir: string; repoRoot: string; template: string; runs: number }): Promise<BenchRow[]> {
  const { dir, repoRoot, template, runs } = env;
  const big = fiftyMegabyteWorkbook(dir, repoRoot, template);
  const megabytes = statSync(big).size / 1024 / 1024;
  const browser = await launchBrowser();
  /** From asking to open the file (a fresh copy, so no page cache of an earlier run's writes helps) to the first row. */
  const openToFirstRow = async (source: string, name: string): Promise<number> => {
    const copy = join(dir, name);
    copyFileSync(source, copy);
    const started = performance.now();
    const session = await launchWorkbench({ dbPath: copy, browser, initScript: FIRST_ROW_SCRIPT });
    try {
      await waitFor(session.page, 'window.__firstRowAt');
      return performance.now() - started;
    } finally {
      await session.close();
    }
  };
  try {
    const ours: number[] = [];
    const small: number[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const big50 = await openToFirstRow(big, `open-big-${run}.mswb`);
      const plain = await openToFirstRow(template, `open-small-${run}.mswb`);
      // the first of each warms the browser and the disk cache
      if (run > 0) {
        ours.push(big50);
        small.push(plain);
      }
    }
    return [
      {
        workload: `打开 ${megabytes.toFixed(0)} MB 工作簿（打开→首屏任务表格绘出）`,
        ours: median(ours),
        baseline: median(small),
        unit: 'ms',
        target: 1.5,
        note: '基线为默认工作簿（不足 1 MB）；大文件含 48 万行区县执行数据和预算行',
      },
    ];
  } finally {
    await browser.close();
  }
}
