import { statSync } from 'node:fs';
import { locationWarning } from '../paths';
import { BACKUP_REASON_LABELS, listBackups } from '../store/backups';
import type { Handler } from './context';

/** 备份与恢复, and the recovery screen shown when the workbook could not be opened. */

const describe = (path: string) =>
  listBackups(path).map((entry) => ({ ...entry, reasonLabel: BACKUP_REASON_LABELS[entry.reason] }));

export const recoveryState: Handler<'recovery-state'> = (_input, { session }) => ({
  path: session.path,
  damaged: !session.isOpen,
  problem: session.failure,
  locationWarning: locationWarning(session.path, process.platform, process.env),
  backups: describe(session.path),
});

export const backupList: Handler<'backup-list'> = (_input, { session }) => describe(session.path);

export const backupCreate: Handler<'backup-create'> = async (_input, { workbook, session }) => {
  await workbook.backup('manual');
  return describe(session.path);
};

export const backupRestore: Handler<'backup-restore'> = async ({ file }, { session }) => {
  await session.restore(file);
  return { restored: file, size: statSync(session.path).size };
};
