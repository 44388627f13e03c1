import * as XLSX from 'xlsx';
import type { TargetRow } from '../../shared/grid';
import { finishXlsx } from './finish-xlsx';
import { HEADER, PACKET, PACKET_SHEET } from './packet';
import { buildSheet, HEADER_ROWS } from './sheet-builder';

/** An org's packet as an .xlsx (apart from packet.ts, which reads packets back, so that reading needs no SheetJS). */
export function buildPacket(planTitle: string, orgName: string, targets: readonly TargetRow[], exportedAt: string): Uint8Array {
  const sheet = buildSheet({
    name: PACKET_SHEET,
    title: `${planTitle} —— 指标完成情况报送表`,
    subtitle: `报送单位：${orgName}　导出时间：${exportedAt}　请填写“${HEADER.actual}”（按指标单位）和“${HEADER.note}”，其余列请勿修改`,
    columns: PACKET.columns,
    rows: targets.map(PACKET.cells),
  });
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, PACKET_SHEET);
  const bytes = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array;
  return finishXlsx(bytes, [{ frozenRows: HEADER_ROWS, frozenColumns: 4 }]);
}
