/**
 * `npm run bench [-- --json]`: each workload several times after a warm-up, our median against a baseline
 * measured in the same run, the ratio and the target. No timing assertions live in `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserWorkloads } from './browser-workloads';
import { documentWorkloads } from './document-workloads';
import { executionWorkloads } from './execution-workloads';
import { bigWorkbook, templateWorkbook } from './data';
import { libreofficeWorkloads, sofficeVersion } from './libreoffice';
import type { BenchRow } from './measure';
import { nodeWorkloads } from './node-workloads';
import { openWorkloads } from './open-workloads';
import { teamWorkloads } from './team-workloads';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const json = process.argv.includes('--json');
const runs = Number(process.env.BENCH_RUNS ?? 5);
/** `--only=bulk,edit,engine,xlsx,browser,open,execution,documents,team,libreoffice` runs some groups (while working on one); the README table is a full run. */
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const selected = (group: string): boolean => !only || only.includes(group);
/** a browser run opens the app and the bare page once each (about 15 s); one more run warms up first */
const browserRuns = Math.max(3, runs - 2);

/** LibreOffice is measured when installed (apt-get install libreoffice-calc-nogui), and the bench says which. */
const soffice = selected('libreoffice') ? sofficeVersion() : null;
const sofficeNote = (): string =>
  soffice
    ? `LibreOffice 对比：${soffice}`
    : selected('libreoffice')
      ? '本机未安装 LibreOffice（soffice），未做对比（apt-get install libreoffice-calc-nogui）'
      : '未选 LibreOffice 对比';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-bench-'));
  const started = Date.now();
  try {
    const template = templateWorkbook(dir, repoRoot);
    const big = bigWorkbook(dir, repoRoot, template, 100_000, 'big-100k.mswb');
    const big50k = bigWorkbook(dir, repoRoot, template, 50_000, 'big-50k.mswb');
    const rows: BenchRow[] = [
      ...(await nodeWorkloads({ dir, repoRoot, template, big, big50k, runs, selected })),
      ...(selected('browser') ? await browserWorkloads({ dir, repoRoot, big, runs: browserRuns }) : []),
      ...(selected('open') ? await openWorkloads({ dir, repoRoot, template, runs: browserRuns }) : []),
      ...(selected('execution') ? await executionWorkloads({ dir, repoRoot, template, runs, browserRuns }) : []),
      ...(selected('documents') ? await documentWorkloads({ runs }) : []),
      ...(selected('team') ? await teamWorkloads({ repoRoot, template, big, runs }) : []),
      ...(soffice ? libreofficeWorkloads({ dir, repoRoot, template, big50k, runs }) : []),
    ];
    const table = rows.map((row) => {
      const ratio = row.baseline > 0 ? row.ours / row.baseline : Number.POSITIVE_INFINITY;
      return { ...row, ratio, pass: row.limit !== undefined ? row.ours <= row.limit : row.target === null ? null : ratio <= row.target };
    });
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ runs, browserRuns, seconds: (Date.now() - started) / 1000, rows: table, libreoffice: sofficeNote() }, null, 2)}\n`,
      );
      return;
    }
    const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(3));
    console.log(`| 工作负载 | 本软件（中位数） | 同次基线（中位数） | 比值 | 目标 | 结果 |`);
    console.log(`|---|---|---|---|---|---|`);
    for (const row of table) {
      console.log(
        `| ${row.workload}${row.note ? `（${row.note}）` : ''} | ${fmt(row.ours)} ${row.unit} | ${fmt(row.baseline)} ${row.unit} | ${row.ratio.toFixed(2)} | ${row.limit !== undefined ? `< ${row.limit} ${row.unit}` : row.target === null ? '—' : `≤ ${row.target}`} | ${row.pass === null ? '—' : row.pass ? '通过' : '未达标'} |`,
      );
    }
    console.log(
      `\n${sofficeNote()}；共用时 ${((Date.now() - started) / 1000).toFixed(0)} 秒，每项至少 ${runs} 次（浏览器项 ${browserRuns} 次）取中位数。`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
