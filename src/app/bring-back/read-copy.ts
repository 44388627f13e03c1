import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import { openDatabase } from '../store/connection';
import { type CopyOrigin, readCopyOrigin } from '../store/copy-origin';
import { copyThroughPrivateSnapshot, inspectWorkbookFile } from '../store/file-check';
import { schemaVersion } from '../store/migrations';
import { type Trip, tripChanges } from './trip-changes';

/**
 * A local copy brought home on a USB stick is someone else's file until proven otherwise: it is checked like any
 * workbook opened (not a foreign or damaged file, not from a newer version), then read from a private snapshot —
 * the stick's file and its folder are only read — and it must say which team workbook it was copied from.
 */
export function readLocalCopy(path: string, schemaLatest: number, nativeBinding?: string): { origin: CopyOrigin; trip: Trip } {
  const name = basename(path);
  const verdict = inspectWorkbookFile(path, schemaLatest, nativeBinding);
  if (verdict.kind === 'missing') throw new WorkbenchError('not_found', `找不到“${name}”。`);
  if (verdict.kind === 'refused') throw new WorkbenchError('bad_input', verdict.message);
  const folder = mkdtempSync(join(tmpdir(), 'mswb-copy-'));
  try {
    const snapshot = join(folder, 'copy.mswb');
    copyThroughPrivateSnapshot(path, snapshot, nativeBinding);
    const db = openDatabase(snapshot, { readonly: true, fileMustExist: true, nativeBinding });
    try {
      if (schemaVersion(db) !== schemaLatest)
        throw new WorkbenchError('conflict', `“${name}”的数据结构版本与本软件不同，请先用本软件打开一次该副本，再带回它的修改。`);
      const origin = readCopyOrigin(db);
      if (!origin)
        throw new WorkbenchError(
          'bad_input',
          `“${name}”不是从团队工作簿另存的本地副本，无法按修改逐项带回。要合并普通工作簿的内容，请用“导出 Excel”后“从 Excel 导入”。`,
        );
      return { origin, trip: tripChanges(db, origin.lastAction) };
    } finally {
      db.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
