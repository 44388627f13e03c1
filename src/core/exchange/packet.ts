import { COMPARATOR_SIGNS } from '../plan/cell-values';
import type { TargetRow } from '../../shared/grid';
import type { ErrorDetail } from '../../shared/result';
import { cleanStem, safeFileName } from '../files/safe-file-name';
import { limitProblem, type SpreadsheetData, textOf } from './sheet-data';
import { intOf, readSheet, sameNumber } from './sheet-reader';
import { sheetLayout } from './field-columns';
import { headings, packetHeader } from '../../shared/fields/field-spec';
import { TARGET_FIELDS } from '../../shared/fields/target-fields';

/**
 * Per-org packets, the way supervision actually works: each org gets its own tasks and targets with two
 * columns to fill (实际值, 进展说明), sends the file back, and every returned change is reviewed one by one.
 */

export const PACKET_SHEET = '报送表';

/** The packet's columns: a target as the org reads it, then the two it fills in (实际值, 进展说明). */
export const PACKET = sheetLayout<typeof TARGET_FIELDS, TargetRow>(
  TARGET_FIELDS,
  [
    ['id', 7, (t) => t.id],
    ['taskNumber', 8, (t) => t.taskNumber],
    ['taskTitle', 16, (t) => t.taskTitle],
    ['label', 30, (t) => t.label],
    ['comparator', 6, (t) => COMPARATOR_SIGNS[t.comparator]],
    ['value', 10, (t) => t.value],
    ['unit', 8, (t) => t.unit],
    ['dueDate', 12, (t) => t.dueDate],
    ['actual', 12, (t) => t.actual],
    ['note', 40, (t) => t.note],
  ],
  packetHeader,
);

export const HEADER = headings(TARGET_FIELDS, packetHeader);

/** The packet's file name; pass one `taken` set for a batch so two orgs never get the same file. */
export function packetFileName(orgName: string, taken?: Set<string>): string {
  return safeFileName(`${cleanStem(orgName)}-指标报送表`, 'xlsx', taken);
}

export interface PacketChange {
  /** stable within one preview: what the user accepts or rejects */
  id: number;
  targetId: number;
  label: string;
  taskNumber: number | null;
  field: 'actual' | 'note';
  before: string;
  after: string;
  where: string;
}

export interface PacketDiff {
  orgName: string;
  changes: PacketChange[];
  problems: ErrorDetail[];
}

/** A returned packet against the current targets: only 实际值 and 进展说明 are taken; the org must own the targets. */
export function diffPacket(
  data: SpreadsheetData,
  targets: readonly TargetRow[],
  orgOwns: (orgName: string, target: TargetRow) => boolean,
): PacketDiff {
  const sheetData = data.sheets.find((s) => s.name === PACKET_SHEET) ?? data.sheets[0];
  const problems: ErrorDetail[] = [];
  const subtitle = textOf(sheetData?.rows[1]?.[0] ?? null);
  const orgName = /报送单位：(\S+)/.exec(subtitle)?.[1] ?? '';
  const sheet = sheetData ? readSheet(sheetData, [HEADER.id, HEADER.label, HEADER.actual]) : null;
  if (!sheet || !orgName) {
    return {
      orgName,
      changes: [],
      problems: [{ message: `“${data.fileName}”不是本软件导出的报送表（找不到“报送单位”或“${HEADER.id}/${HEADER.actual}”列）。` }],
    };
  }
  const beyond = sheetData ? limitProblem(sheetData) : null;
  if (beyond) problems.push(beyond);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const changes: PacketChange[] = [];
  for (const row of sheet.rows) {
    const target = byId.get(intOf(row.get(HEADER.id)) ?? -1);
    if (!target) {
      problems.push({ where: row.where(HEADER.id), message: `指标ID“${row.text(HEADER.id)}”在工作簿中不存在。` });
      continue;
    }
    if (!orgOwns(orgName, target)) {
      problems.push({ where: row.where(HEADER.id), message: `指标“${target.label}”不是“${orgName}”牵头或配合的任务，不能由其报送。` });
      continue;
    }
    const actualCell = row.get(HEADER.actual);
    const actualText = typeof actualCell === 'number' ? String(actualCell) : textOf(actualCell);
    const actualChanged =
      typeof actualCell === 'number'
        ? !sameNumber(actualCell, target.actual)
        : actualText === ''
          ? target.actual !== null
          : actualText !== String(target.actual ?? '');
    if (actualChanged) {
      changes.push({
        id: changes.length + 1,
        targetId: target.id,
        label: target.label,
        taskNumber: target.taskNumber,
        field: 'actual',
        before: target.actual === null ? '' : String(target.actual),
        after: actualText,
        where: row.where(HEADER.actual),
      });
    }
    const note = row.text(HEADER.note);
    if (row.has(HEADER.note) && note !== target.note.trim()) {
      changes.push({
        id: changes.length + 1,
        targetId: target.id,
        label: target.label,
        taskNumber: target.taskNumber,
        field: 'note',
        before: target.note,
        after: note,
        where: row.where(HEADER.note),
      });
    }
  }
  return { orgName, changes, problems };
}
