import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import type { SpreadsheetData } from '../../src/core/exchange/sheet-data';
import type { Db } from '../../src/app/store/connection';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { seeded } from './measure';

/** Bench data made by code (deterministic seeds), never committed. */

const CODES = [
  '2010301',
  '2040201',
  '2050202',
  '2050203',
  '2080501',
  '2081002',
  '2101202',
  '2120501',
  '2130504',
  '2140104',
  '2210103',
  '2299901',
];

export interface Line {
  code: string;
  name: string;
  amountFen: number;
}

export function budgetLines(count: number, seed = 2017): Line[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => ({
    code: CODES[Math.floor(random() * CODES.length)] as string,
    name: `预算项目${i + 1}`,
    amountFen: Math.round(random() * 5_000_000_000),
  }));
}

export function spreadsheetOf(lines: readonly Line[], name = 'budget.xlsx'): SpreadsheetData {
  return {
    fileName: name,
    kind: 'xlsx',
    sheets: [
      {
        name: '预算',
        rowCount: lines.length + 1,
        beyond: null,
        rows: [['科目编码', '科目名称', '金额'], ...lines.map((l) => [l.code, l.name, l.amountFen / 100])],
      },
    ],
  };
}

export function writeXlsx(lines: readonly Line[], path: string): void {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([['科目编码', '科目名称', '金额'], ...lines.map((l) => [l.code, l.name, l.amountFen / 100])]),
    '预算',
  );
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

/** Inserts lines straight into a baseline: how the bench makes big workbooks (untimed). */
export function insertLines(db: Db, baselineId: number, lines: readonly Line[]): void {
  const insert = db.prepare('INSERT INTO budget_line (baseline_id, ord, code, name, amount_fen) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => lines.forEach((l, i) => insert.run(baselineId, 1000 + i, l.code, l.name, l.amountFen)))();
}

export function templateWorkbook(dir: string, repoRoot: string): string {
  const path = join(dir, 'template.mswb');
  const workbook = openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'bench', create: true });
  workbook.db.pragma('wal_checkpoint(TRUNCATE)');
  workbook.close();
  return path;
}

export function freshCopy(template: string, path: string): string {
  copyFileSync(template, path);
  return path;
}

export function bigWorkbook(dir: string, repoRoot: string, template: string, count: number, name: string): string {
  const path = freshCopy(template, join(dir, name));
  const workbook = openWorkbook(path, { resources: resourcesAt(repoRoot), actor: 'bench', create: true });
  insertLines(workbook.db, 1, budgetLines(count));
  workbook.db.pragma('wal_checkpoint(TRUNCATE)');
  workbook.close();
  return path;
}
