import type { Handler } from './context';
import { readDurability } from '../store/connection';
import { recordedVersion } from '../store/migrations';
import { integrityCheck, rowCounts } from '../store/diagnostics';
import { schemaVersion } from '../store/migrations';

export const workbookInfo: Handler<'workbook-info'> = (_input, { workbook }) => {
  const { db, file } = workbook;
  return {
    path: workbook.path,
    schemaVersion: file ? schemaVersion(file) : recordedVersion(db),
    counts: rowCounts(db),
    // a team workbook's storage is the server's to check and keep durable
    ...(file ? { integrity: integrityCheck(file), ...readDurability(file) } : SERVER_STORAGE),
  };
};

const SERVER_STORAGE = { integrity: '由数据库服务器检查', journalMode: 'postgresql', synchronous: 'server', foreignKeys: true };
