import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { goalSeek } from '../../src/core/budget/goal-seek';
import { applyScenario, emptyBaseline, type Override, scenarioTotals } from '../../src/core/budget/model';
import { sensitivityTable } from '../../src/core/budget/sensitivity';
import { mapBudget } from '../../src/core/exchange/budget-mapping';
import { exportWorkbook, workbookTables } from '../../src/core/exchange/export-workbook';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { nodeSpreadsheetParser } from '../../src/app/exchange/node-parser';
import { NODE_DEFLATER } from '../../src/app/exchange/node-deflater';
import { readSnapshot } from '../../src/app/exchange/read-snapshot';
import { handlers } from '../../src/app/handlers';
import { dispatch } from '../../src/app/ipc/dispatch';
import { WorkbookSession } from '../../src/app/session';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { budgetLines, freshCopy, spreadsheetOf, writeXlsx } from './data';
import { type BenchRow, measure, measureFast, seeded } from './measure';

const MAPPING = { sheet: '预算', headerRow: 0, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit: 'yuan' } as const;

function open(path: string, repoRoot: string) {
  const workbook = openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'bench', create: true });
  const context = nodeHandlerContext(new WorkbookSession(path, () => workbook).adopt(workbook), repoRoot);
  const call = async (channel: string, input: unknown) => {
    const result = await dispatch(handlers, context, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  return { workbook, context, call };
}

export async function nodeWorkloads(env: {
  dir: string;
  repoRoot: string;
  template: string;
  big: string;
  big50k: string;
  runs: number;
  selected: (group: string) => boolean;
}): Promise<BenchRow[]> {
  const { dir, repoRoot, template, runs, selected } = env;
  const rows: BenchRow[] = [];
  const lines100k = budgetLines(100_000);

  // 1. bulk save of 100,000 lines: the import path (validated, journaled, one action) vs a raw insert loop
  if (selected('bulk')) {
    const data = spreadsheetOf(lines100k);
    const ours = await measure(
      async () => {
        const { workbook, context, call } = open(join(dir, 'bulk.mswb'), repoRoot);
        await call('budget-import-apply', { token: context.pending.put(data), mapping: MAPPING, baselineName: '导入' });
        workbook.close();
      },
      { runs: Math.max(5, runs), before: () => freshCopy(template, join(dir, 'bulk.mswb')) },
    );
    const baseline = await measure(
      () => {
        const workbook = openWorkbook(join(dir, 'bulk.mswb'), { resources: resourcesAt(repoRoot), actor: 'bench', create: true });
        const insert = workbook.db.prepare('INSERT INTO budget_line (baseline_id, ord, code, name, amount_fen) VALUES (1, ?, ?, ?, ?)');
        workbook.db.transaction(() => lines100k.forEach((l, i) => insert.run(i, l.code, l.name, l.amountFen)))();
        workbook.close();
      },
      { runs: Math.max(5, runs), before: () => freshCopy(template, join(dir, 'bulk.mswb')) },
    );
    rows.push({ workload: '批量保存 100,000 行预算', ours, baseline, unit: 'ms', target: 1.3 });
  }

  // 2. one edit at 100,000 lines: validate, persist, recompute
  if (selected('edit')) {
    const { workbook, call } = open(env.big, repoRoot);
    await call('budget-view', {});
    const lineId = (workbook.db.prepare('SELECT MAX(id) AS id FROM budget_line WHERE baseline_id = 1').get() as { id: number }).id;
    let n = 0;
    const ours = await measure(
      () => call('budget-line-update', { scenarioId: 1, lineId, field: 'amount', value: String(100 + (n++ % 50)) }),
      { runs: runs * 4 },
    );
    const amounts = new Float64Array(100_000).fill(1);
    const update = workbook.db.prepare('UPDATE budget_line SET amount_fen = ? WHERE id = ?');
    const baseline = await measure(
      () => {
        update.run(1_000_000 + (n++ % 50), lineId);
        let sum = 0;
        for (let i = 0; i < amounts.length; i++) sum += amounts[i] as number;
        return sum;
      },
      { runs: runs * 4 },
    );
    workbook.close();
    rows.push({ workload: '100,000 行时修改一格（校验、保存、重算）', ours, baseline, unit: 'ms', target: 3 });
  }

  // 3–4. the engine on typed arrays
  if (selected('engine')) {
    const random = seeded(7);
    const base = emptyBaseline(100_000);
    for (let i = 0; i < base.count; i++) {
      base.amountFen[i] = Math.round(random() * 5e9);
      base.livelihood[i] = random() < 0.7 ? 1 : 0;
    }
    const overrides: Override[] = Array.from({ length: 1000 }, (_, i) => ({
      index: i * 97,
      field: 'amount',
      op: i % 3 === 0 ? 'pct' : i % 3 === 1 ? 'add' : 'set',
      value: i % 3 === 0 ? 0.05 : 1_000_000,
    }));
    // what the app runs after every change: the totals (the per-line values are written out only for a grid)
    const recompute = () => scenarioTotals(base, overrides);
    // the fastest plain pass we know (branch-free), so the ratio is not flattered by a slow baseline
    const plainPass = () => {
      let total = 0;
      let live = 0;
      for (let i = 0; i < base.count; i++) {
        const a = base.amountFen[i] as number;
        total += a;
        live += a * (base.livelihood[i] as number);
      }
      return total + live;
    };
    const ours = measureFast(recompute, { samples: runs * 4 });
    const baseline = measureFast(plainPass, { samples: runs * 4 });
    rows.push({ workload: '情景重算 100,000 行', ours, baseline, unit: 'ms', target: 2 });
    const seek = measureFast(
      () => {
        const sums = recompute();
        return goalSeek({
          othersTotalFen: sums.totalFen - 5e9,
          othersLivelihoodFen: sums.livelihoodFen - 5e9,
          isLivelihood: true,
          targetShare: 0.75,
          variable: 'amount',
        });
      },
      { samples: runs * 4 },
    );
    rows.push({ workload: '目标求解 100,000 行', ours: seek, baseline: ours, unit: 'ms', target: 2, note: '基线为一次重算' });
    const steps = Array.from({ length: 10 }, (_, i) => i * 0.05 - 0.2);
    const classCodes = Array.from({ length: base.count }, (_, i) => (i % 2 ? '205' : '201'));
    const table = await measure(
      () =>
        sensitivityTable(
          { amountFen: applyScenario(base, overrides).amountFen, livelihood: base.livelihood, classCodes },
          0.7,
          { group: { kind: 'non_livelihood' }, steps },
          { group: { kind: 'livelihood' }, steps },
        ),
      { runs },
    );
    rows.push({ workload: '10×10 敏感性分析 100,000 行', ours: table, baseline: ours, unit: 'ms', target: 120, note: '基线为一次重算' });
  }

  // 5. xlsx import of a 50,000-row budget sheet, end to end (out of process)
  if (selected('xlsx')) {
    const file = join(dir, 'budget-50k.xlsx');
    writeXlsx(budgetLines(50_000, 50), file);
    const parser = nodeSpreadsheetParser(join(repoRoot, 'out', 'main', 'parse-worker.js'));
    const ours = await measure(
      async () => {
        const { workbook, context, call } = open(join(dir, 'import.mswb'), repoRoot);
        const data = await parser.parse(file);
        const mapping = { ...MAPPING, sheet: data.sheets[0]?.name ?? '预算' };
        if (mapBudget(data, mapping, 200).problems.length) throw new Error('mapping problems');
        await call('budget-import-apply', { token: context.pending.put(data), mapping, baselineName: '导入' });
        workbook.close();
      },
      { runs: Math.max(5, runs), before: () => freshCopy(template, join(dir, 'import.mswb')) },
    );
    const baseline = await measure(
      () => {
        const book = XLSX.read(readFileSync(file), { type: 'buffer', dense: true });
        const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
        const data = (sheet['!data'] ?? []) as ({ v?: unknown } | undefined)[][];
        const workbook = openWorkbook(join(dir, 'import.mswb'), { resources: resourcesAt(repoRoot), actor: 'bench', create: true });
        const insert = workbook.db.prepare('INSERT INTO budget_line (baseline_id, ord, code, name, amount_fen) VALUES (1, ?, ?, ?, ?)');
        workbook.db.transaction(() => {
          for (let r = 1; r < data.length; r++) {
            const row = data[r] ?? [];
            insert.run(r, String(row[0]?.v), String(row[1]?.v), Math.round(Number(row[2]?.v) * 100));
          }
        })();
        workbook.close();
      },
      { runs: Math.max(5, runs), before: () => freshCopy(template, join(dir, 'import.mswb')) },
    );
    rows.push({ workload: 'xlsx 导入 50,000 行预算表（独立进程解析）', ours, baseline, unit: 'ms', target: 1.5 });

    // 6. xlsx export of the same
    const { workbook } = open(env.big50k, repoRoot);
    const snapshot = readSnapshot(workbook.db);
    // as the app exports: Node's zlib for the ZIP (src/app/handlers/exchange.ts)
    const exportOurs = await measure(() => exportWorkbook(readSnapshot(workbook.db), { deflater: NODE_DEFLATER }), {
      runs: Math.max(5, runs),
    });
    const exportBaseline = await measure(
      () => {
        const book = XLSX.utils.book_new();
        for (const table of workbookTables(snapshot)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(table.cells), table.name);
        return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
      },
      { runs: Math.max(5, runs) },
    );
    workbook.close();
    rows.push({ workload: 'xlsx 导出 50,000 行', ours: exportOurs, baseline: exportBaseline, unit: 'ms', target: 1.5 });
  }
  return rows;
}
