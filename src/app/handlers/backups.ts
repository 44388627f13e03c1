import { existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import { defaultWorkbookPath, isWithin, localCopyPath, locationWarning } from '../paths';
import { BACKUP_REASON_LABELS, listBackups } from '../store/backups';
import { driveOf } from '../drive-type';
import type { Handler } from './context';

/** 备份与恢复, and the recovery screen shown when the workbook could not be opened. */

const describe = (path: string) => listBackups(path).map((entry) => ({ ...entry, reasonLabel: BACKUP_REASON_LABELS[entry.reason] }));

export const recoveryState: Handler<'recovery-state'> = async (_input, { session, localFolder }) => {
  // the app's own folder is on the local disk: the first screen does not wait for the OS to be asked (a PowerShell
  // start on Windows) about the default workbook
  const drive = isWithin(localFolder, session.path) ? { kind: 'local' as const, share: null } : await driveOf(session.path);
  return {
    path: session.path,
    damaged: !session.isOpen,
    reason: session.isOpen ? '' : session.failureReason,
    problem: session.failure,
    // the drive type comes from the OS: a mapped network drive looks like any other letter
    locationWarning: locationWarning(session.path, process.platform, process.env, drive.kind, drive.share),
    notice: session.takeNotice(),
    backups: describe(session.path),
  };
};

export const backupList: Handler<'backup-list'> = (_input, { session }) => describe(session.path);

export const backupCreate: Handler<'backup-create'> = async (_input, { workbook, session }) => {
  await workbook.backup('manual');
  return describe(session.path);
};

export const backupRestore: Handler<'backup-restore'> = async ({ file }, { session }) => {
  await session.restore(file);
  return { restored: file, size: statSync(session.path).size };
};

/** 复制到本机: off a network share or roaming profile, into the local app-data folder. */
export const workbookCopyLocal: Handler<'workbook-copy-local'> = async (_input, { session }) => {
  const target = localCopyPath(session.path, defaultWorkbookPath(process.platform, process.env, homedir()));
  if (existsSync(target)) throw new WorkbenchError('conflict', `本机已有同名工作簿：${target}。为避免覆盖，未复制。`);
  mkdirSync(dirname(target), { recursive: true });
  await session.moveTo(target);
  return { path: target };
};
