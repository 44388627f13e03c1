import type { Handler } from './context';
import { readDurability } from '../store/connection';
import { integrityCheck, rowCounts } from '../store/diagnostics';
import { schemaVersion } from '../store/migrations';

export const workbookInfo: Handler<'workbook-info'> = (_input, { workbook }) => {
  const { db } = workbook;
  return {
    path: workbook.path,
    schemaVersion: schemaVersion(db),
    counts: rowCounts(db),
    integrity: integrityCheck(db),
    ...readDurability(db),
  };
};
