import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * What kind of disk a path is on. The decision is made from the OS's answer (Windows: the volume's DriveType;
 * Linux: the file system type of the mount holding the path), not from how the path is spelled — a mapped drive
 * `Z:\` looks local but is a network share. The parsing is pure and tested with Windows-shaped answers; only the
 * query itself needs the OS.
 */
export type DriveKind = 'local' | 'removable' | 'network' | 'optical' | 'unknown';

/** Win32_LogicalDisk.DriveType: 2 removable, 3 local, 4 network, 5 CD/DVD, 6 RAM disk. */
export function windowsDriveKind(driveType: number | null): DriveKind {
  switch (driveType) {
    case 2:
      return 'removable';
    case 3:
    case 6:
      return 'local';
    case 4:
      return 'network';
    case 5:
      return 'optical';
    default:
      return 'unknown';
  }
}

/** The drive letter a Windows path is on (`C:\…`, `\\?\C:\…`), or null for a UNC path or a relative one. */
export function windowsDriveLetter(path: string): string | null {
  const match = /^(?:\\\\\?\\)?([A-Za-z]):/.exec(path);
  return match?.[1]?.toUpperCase() ?? null;
}

/** `\\server\share\…`, `//server/share/…` or `\\?\UNC\server\…`: a network path whatever the OS says. */
export function isUncPath(path: string): boolean {
  const normalized = path.replaceAll('/', '\\');
  return normalized.startsWith('\\\\') && !/^\\\\\?\\[A-Za-z]:/.test(normalized);
}

const NETWORK_FILE_SYSTEMS = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'sshfs', 'afs', '9p', 'fuse.gvfsd-fuse', 'davfs', 'ncpfs', 'glusterfs', 'ceph']);
const REMOVABLE_MOUNTS = /^\/(media|run\/media|mnt)\//;

/** The kind of the mount (from /proc/mounts text) with the longest mount point that holds `path`. */
export function linuxMountKind(path: string, mounts: string): DriveKind {
  let best: { point: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, rawPoint, type] = line.split(' ');
    if (!rawPoint || !type) continue;
    // /proc/mounts escapes spaces and the like as octal
    const point = rawPoint.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(parseInt(octal, 8)));
    const holds = point === '/' || path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (holds && (!best || point.length > best.point.length)) best = { point, type };
  }
  if (best && NETWORK_FILE_SYSTEMS.has(best.type)) return 'network';
  if (REMOVABLE_MOUNTS.test(path)) return 'removable';
  return best ? 'local' : 'unknown';
}

/** Asks Windows for the drive type of a letter (a short-lived PowerShell query); null when it cannot say. */
function queryWindowsDriveType(letter: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', `(Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='${letter}:'").DriveType`],
      { timeout: 3000, windowsHide: true },
      (error, stdout) => {
        const value = Number(stdout.trim());
        resolve(error || !Number.isInteger(value) ? null : value);
      },
    );
  });
}

/** The kind of disk `path` is on, asking the OS. */
export async function driveKindOf(path: string, platform: NodeJS.Platform = process.platform): Promise<DriveKind> {
  if (platform === 'win32') {
    if (isUncPath(path)) return 'network';
    const letter = windowsDriveLetter(path);
    return letter ? windowsDriveKind(await queryWindowsDriveType(letter)) : 'unknown';
  }
  if (platform === 'linux') {
    try {
      return linuxMountKind(path, await readFile('/proc/mounts', 'utf8'));
    } catch {
      return REMOVABLE_MOUNTS.test(path) ? 'removable' : 'unknown';
    }
  }
  if (platform === 'darwin') return /^\/Volumes\//.test(path) ? 'removable' : 'local';
  return 'unknown';
}
