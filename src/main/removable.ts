import { execFile } from 'node:child_process';

/**
 * Whether a path is on removable media (a USB stick). SQLite on a stick risks the file when the stick is
 * pulled mid-write, so such a workbook is worked on as a local copy. Linux and macOS go by mount point;
 * Windows asks the volume's drive type (2 = removable) with a short-lived PowerShell query.
 */
export function isRemovablePath(path: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (platform === 'linux') return Promise.resolve(/^\/(media|run\/media|mnt)\//.test(path));
  if (platform === 'darwin') return Promise.resolve(/^\/Volumes\//.test(path));
  if (platform !== 'win32') return Promise.resolve(false);
  const drive = /^([A-Za-z]):/.exec(path)?.[1];
  if (!drive) return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', `(Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='${drive.toUpperCase()}:'").DriveType`],
      { timeout: 3000, windowsHide: true },
      (error, stdout) => resolve(!error && stdout.trim() === '2'),
    );
  });
}
