/**
 * The peer an office would use instead: LibreOffice Calc, headless, timed as whole processes side by side with our
 * CLI on the same 50,000-row budget sheet. Our side starts Node and the CLI from its bundle (out/cli/index.mjs), as `npm run cli`
 * does; LibreOffice starts with a warmed-up private profile. Target: ours at least twice as fast (ratio ≤ 0.5).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { budgetLines, freshCopy, writeXlsx } from './data';
import { type BenchRow, median } from './measure';
import { cliCommand } from '../cli-bundle';

export function sofficeVersion(): string | null {
  try {
    return execFileSync('soffice', ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return null;
  }
}

function timed(command: string, args: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} → ${result.status}: ${result.stderr}`);
  return ms;
}

function timedRuns(runs: number, run: () => number, before?: () => void): number {
  before?.();
  run(); // warm-up: disk cache, LibreOffice's profile, tsx's transform cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    times.push(run());
  }
  return median(times);
}

export function libreofficeWorkloads(env: { dir: string; repoRoot: string; template: string; big50k: string; runs: number }): BenchRow[] {
  const { dir, repoRoot, template, big50k } = env;
  const runs = Math.max(3, Math.min(env.runs, 5));
  const out = join(dir, 'lo-out');
  mkdirSync(out, { recursive: true });
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  const soffice = (...args: string[]) => timed('soffice', [`-env:UserInstallation=${profile}`, '--headless', ...args], dir);
  const [node, entry] = cliCommand();
  const cli = (...args: string[]) => timed(node, [entry, ...args], repoRoot);

  const lines = budgetLines(50_000, 50);
  const xlsx = join(dir, 'lo-budget-50k.xlsx');
  writeXlsx(lines, xlsx);
  const csv = join(dir, 'lo-budget-50k.csv');
  writeFileSync(csv, `科目编码,科目名称,金额\n${lines.map((l) => `${l.code},${l.name},${(l.amountFen / 100).toFixed(2)}`).join('\n')}\n`);

  const importDb = join(dir, 'lo-import.mswb');
  const importOurs = timedRuns(
    runs,
    () => cli('import-budget', xlsx, '--db', importDb, '--unit', '元', '--json'),
    () => freshCopy(template, importDb),
  );
  const importPeer = timedRuns(runs, () => soffice('--convert-to', 'csv', '--outdir', out, xlsx));
  const exportOurs = timedRuns(runs, () => cli('export-xlsx', '--db', big50k, '--out', join(out, 'ours.xlsx')));
  const exportPeer = timedRuns(runs, () => soffice('--convert-to', 'xlsx', '--outdir', out, csv));
  return [
    {
      workload: '50,000 行预算表导入，整个进程：本软件 CLI import-budget 对 LibreOffice 转换为 CSV',
      ours: importOurs,
      baseline: importPeer,
      unit: 'ms',
      target: 0.5,
      note: '基线为 soffice --headless --convert-to csv',
    },
    {
      workload: '50,000 行导出 xlsx，整个进程：本软件 CLI export-xlsx（全部工作表）对 LibreOffice 由 CSV 转换',
      ours: exportOurs,
      baseline: exportPeer,
      unit: 'ms',
      target: 0.5,
      note: '基线为 soffice --headless --convert-to xlsx',
    },
  ];
}
