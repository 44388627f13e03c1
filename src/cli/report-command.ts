import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_KINDS, type ReportKind } from '../shared/report-kinds';
import { WorkbenchError } from '../shared/result';
import { writeExportFile } from '../app/exchange/write-file';
import { openWorkbook, resourcesAt } from '../app/store/workbook';
import { openDatabase } from '../app/store/connection';
import { budgetIdByName } from '../app/store/execution-repository';
import { scenarioIdByName } from '../app/store/scenario-repository';

/**
 * `report`: the same report page the app prints, rendered by Chromium over the workbook and saved as PDF
 * with the app's page setup. Chromium comes from CHROMIUM_PATH or the system (Chromium, Chrome or Edge).
 */
export async function printReport(options: {
  db: string;
  kind: string;
  scenario?: string;
  budget?: string;
  out: string;
  repoRoot: string;
}): Promise<{ out: string; bytes: number }> {
  if (!(REPORT_KINDS as readonly string[]).includes(options.kind)) {
    throw new WorkbenchError('bad_input', `--kind 应为 ${REPORT_KINDS.join('|')}`);
  }
  if (!existsSync(join(options.repoRoot, 'out', 'renderer', 'index.html'))) {
    throw new WorkbenchError('bad_input', '找不到界面构建（out/renderer），请先运行 npm run build。');
  }
  const headless = await import('../headless/app-in-chromium');
  const browser = headless.chromiumPath();
  if (!browser || !existsSync(browser)) {
    throw new WorkbenchError(
      'bad_input',
      `找不到 Chromium/Chrome/Edge${browser ? `（${browser} 不存在）` : ''}：请安装其一，或用环境变量 CHROMIUM_PATH 指定浏览器程序的位置。`,
    );
  }
  let scenarios = '';
  if (options.scenario) {
    // opened as the command opens any workbook: checked first, never created
    const workbook = openWorkbook(options.db, { resources: resourcesAt(options.repoRoot), origin: 'cli' });
    const scenarioId = scenarioIdByName(workbook.db, options.scenario);
    workbook.close();
    if (scenarioId === null) throw new WorkbenchError('not_found', `工作簿中没有名为“${options.scenario}”的情景或基线。`);
    scenarios = String(scenarioId);
  }
  let budget = '';
  if (options.budget) {
    const db = openDatabase(options.db, { readonly: true, fileMustExist: true });
    const budgetId = budgetIdByName(db, options.budget);
    db.close();
    if (budgetId === null) throw new WorkbenchError('not_found', `工作簿中没有名为“${options.budget}”的地区（预算）。`);
    budget = String(budgetId);
  }
  const session = await headless.launchWorkbench({
    dbPath: options.db,
    create: false,
    origin: 'cli',
    hash: `#report=${options.kind as ReportKind}${scenarios ? `&scenarios=${scenarios}` : ''}${budget ? `&budget=${budget}` : ''}`,
  });
  if (!session.session.isOpen) {
    const problem = session.session.failure;
    await session.close();
    throw new WorkbenchError('storage', problem);
  }
  try {
    await session.page.locator(`[data-testid="report-document"][data-kind="${options.kind}"]`).waitFor({ timeout: 30_000 });
    if (options.kind === 'compare') await session.page.locator('.report-charts canvas').first().waitFor();
    const bytes = await headless.printPage(session.page);
    await writeExportFile(options.out, bytes, options.db);
    return { out: options.out, bytes: bytes.length };
  } finally {
    await session.close();
  }
}
