import type { SpreadsheetData } from '../exchange/sheet-data';
import { limitProblem, textOf } from '../exchange/sheet-data';
import type { DocumentBlock, DocumentFormat, PlanDocument, RowBlock } from './blocks';

/**
 * A task table in a spreadsheet (任务分解表: 序号 | 工作任务 | 牵头单位 | …) → row blocks, sheet by sheet. A merged
 * area shows its text in every cell it covers (a 领域 or 牵头单位 merged down several tasks), and a row whose
 * only text is merged across the used width is a full-width row (a domain heading). Title rows and the header
 * row are found by the plan parser, which reads tables from every format the same way.
 */
export function sheetsToDocument(data: SpreadsheetData, format: DocumentFormat): PlanDocument {
  const blocks: DocumentBlock[] = [];
  for (const sheet of data.sheets) {
    const rows = sheet.rows.map((row) => row.map((cell) => textOf(cell)));
    const width = Math.max(0, ...rows.map((row) => row.length));
    const spanning = new Set<number>();
    for (const merge of sheet.merges ?? []) {
      const value = rows[merge.startRow]?.[merge.startColumn] ?? '';
      for (let r = merge.startRow; r <= merge.endRow; r++) {
        const row = rows[r];
        if (!row) continue;
        for (let c = merge.startColumn; c <= merge.endColumn; c++) {
          if (c === merge.startColumn && r === merge.startRow) continue;
          // a merged area across columns keeps its text once; down rows it is repeated for each row
          row[c] = c === merge.startColumn ? value : '';
        }
      }
      if (merge.startRow === merge.endRow && merge.endColumn - merge.startColumn + 1 >= Math.max(2, width - 1))
        spanning.add(merge.startRow);
    }
    rows.forEach((cells, index) => {
      if (cells.every((cell) => cell === '')) return;
      const block: RowBlock = { kind: 'row', cells, place: { sheet: sheet.name, row: index + 1 } };
      if (spanning.has(index)) block.spansWidth = true;
      blocks.push(block);
    });
  }
  // data past the reading limits is named in the preview, never cut silently
  const notes = data.sheets.flatMap((sheet) => {
    const problem = limitProblem(sheet);
    return problem ? [`${problem.where}：${problem.message}`] : [];
  });
  return { name: data.fileName, format, ...(data.encoding ? { encoding: data.encoding } : {}), blocks, notes };
}
