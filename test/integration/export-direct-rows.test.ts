import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { NODE_DEFLATER } from '../../src/app/exchange/node-deflater';
import { readSnapshot } from '../../src/app/exchange/read-snapshot';
import { exportWorkbook } from '../../src/core/exchange/export-workbook';
import { readXlsx } from '../../src/core/exchange/read-xlsx';
import type { Workbook } from '../../src/app/store/workbook';
import { newWorkbook } from './helpers';

/**
 * A long sheet's rows are written as XML directly (sheet-builder.ts sheetDataXml) and the file zipped by our own
 * writer: the cells, their number formats, widths, merges, filter and panes must be what the all-SheetJS export
 * gives, read back by SheetJS and by our reader.
 */

let workbook: Workbook | null = null;
afterEach(() => {
  workbook?.close();
  workbook = null;
});

type Cell = { t?: string; v?: unknown; z?: unknown } | undefined;

function described(bytes: Uint8Array) {
  const book = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellStyles: true });
  return book.SheetNames.map((name) => {
    const sheet = book.Sheets[name] as XLSX.WorkSheet;
    const cells = ((sheet['!data'] ?? []) as Cell[][]).map((row) =>
      (row ?? []).map((cell) => (cell ? [cell.t, cell.v, cell.t === 'n' ? cell.z : undefined] : null)),
    );
    return {
      name,
      cells,
      ref: sheet['!ref'],
      cols: sheet['!cols'],
      rows: sheet['!rows'],
      merges: sheet['!merges'],
      filter: sheet['!autofilter'],
      margins: sheet['!margins'],
    };
  });
}

describe('a long sheet written directly', () => {
  it('gives the cells and formats of the SheetJS export, and round-trips through our reader', () => {
    workbook = newWorkbook();
    const snapshot = readSnapshot(workbook.db);
    const baseline = snapshot.baseline;
    expect(baseline).not.toBeNull();
    if (!baseline) return;
    const model = baseline.lines;
    // 1,500 lines from the example's, with counts of 0–4 decimals, text needing escapes, and empty cells
    baseline.lines = Array.from({ length: 1500 }, (_, i) => {
      const line = model[i % model.length] as (typeof model)[number];
      return {
        ...line,
        id: 10_000 + i,
        name: i % 9 === 0 ? ` ${line.name} & <"'> ` : i % 11 === 0 ? `${line.name}\n第二行\u0001` : line.name,
        amountFen: line.amountFen + i * 137,
        quantity: line.hasDriver ? ([3, 3.5, 0.276, 5.9, 62.49, 1.2345][i % 6] as number) : line.quantity,
        note: i % 4 === 0 ? '' : line.note,
      };
    });
    const viaSheetJs = exportWorkbook(snapshot, { directRows: Number.POSITIVE_INFINITY });
    const direct = exportWorkbook(snapshot);
    const native = exportWorkbook(snapshot, { deflater: NODE_DEFLATER });
    const expected = described(viaSheetJs);
    expect(described(direct)).toEqual(expected);
    expect(described(native)).toEqual(expected);
    expect(expected.find((s) => s.name === '预算')?.cells.length).toBe(1503);
    const read = readXlsx(direct, 'export.xlsx');
    expect(read).toEqual(readXlsx(viaSheetJs, 'export.xlsx'));
    // frozen panes and page setup were added to every sheet (finish-xlsx.ts)
    const parts = unzipSync(direct);
    const sheets = Object.keys(parts).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets.length).toBe(expected.length);
    for (const name of sheets) {
      const xml = strFromU8(parts[name] as Uint8Array);
      expect(xml).toMatch(/<pane [^>]*state="frozen"\/>/);
      expect(xml).toMatch(/<pageSetup paperSize="9" orientation="landscape"/);
    }
    expect(strFromU8(parts['xl/worksheets/sheet5.xml'] as Uint8Array)).toContain('<dimension ref="A1:K1503"/>');
  });
});
