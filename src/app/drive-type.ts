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

const NETWORK_FILE_SYSTEMS = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'fuse.sshfs',
  'sshfs',
  'afs',
  '9p',
  'fuse.gvfsd-fuse',
  'davfs',
  'ncpfs',
  'glusterfs',
  'ceph',
]);
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

/** What Windows says about one drive letter: the volume's DriveType, the disk's bus, the share behind a mapped drive. */
export interface WindowsDriveAnswer {
  kind: DriveKind;
  /** `\\server\share` for a mapped network drive, else null */
  share: string | null;
}

/**
 * Reads the JSON the drive query prints (`{"DriveType":3,"BusType":"USB","ProviderName":""}`). A USB hard disk or a
 * card reader is DriveType 3 (local) on the volume but USB on the bus: it is pulled like a stick, so it counts as
 * removable. An answer that cannot be read is 'unknown', which callers treat as the riskier case.
 */
export function parseWindowsDriveAnswer(output: string): WindowsDriveAnswer {
  let answer: { DriveType?: unknown; BusType?: unknown; ProviderName?: unknown };
  try {
    answer = JSON.parse(output.trim() || 'null') ?? {};
  } catch {
    return { kind: 'unknown', share: null };
  }
  const driveType = typeof answer.DriveType === 'number' ? answer.DriveType : null;
  const bus = String(answer.BusType ?? '').toUpperCase();
  const kind = windowsDriveKind(driveType);
  const share = typeof answer.ProviderName === 'string' && isUncPath(answer.ProviderName) ? answer.ProviderName : null;
  // BusType 7 / "USB", SD cards (12 / "SD") and MMC (13 / "MMC") come out of the machine
  const onRemovableBus = ['USB', '7', 'SD', '12', 'MMC', '13'].includes(bus);
  return { kind: kind === 'local' && onRemovableBus ? 'removable' : kind, share };
}

/** The PowerShell that answers for one drive letter in one short process. */
export function windowsDriveQuery(letter: string): string {
  return [
    `$d = Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='${letter}:'"`,
    `$b = (Get-Partition -DriveLetter ${letter} -ErrorAction SilentlyContinue | Get-Disk -ErrorAction SilentlyContinue).BusType`,
    '@{ DriveType = $d.DriveType; BusType = "$b"; ProviderName = $d.ProviderName } | ConvertTo-Json -Compress',
  ].join('; ');
}

/** Asks Windows about a drive letter (a short-lived PowerShell query); 'unknown' when it cannot say in time. */
function queryWindowsDrive(letter: string): Promise<WindowsDriveAnswer> {
  return new Promise((resolve) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', windowsDriveQuery(letter)],
      { timeout: 5000, windowsHide: true },
      (error, stdout) => resolve(error ? { kind: 'unknown', share: null } : parseWindowsDriveAnswer(stdout)),
    );
  });
}

/**
 * Answers kept per drive letter for a few minutes: a drive's kind does not change while it is mounted, and the
 * query costs a PowerShell start (a second or more on a busy machine). An 'unknown' answer is not kept, so the
 * next open asks again.
 */
export class DriveAnswers {
  private readonly answers = new Map<string, { answer: WindowsDriveAnswer; at: number }>();

  constructor(
    private readonly ask: (letter: string) => Promise<WindowsDriveAnswer> = queryWindowsDrive,
    private readonly keepMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async of(letter: string): Promise<WindowsDriveAnswer> {
    const kept = this.answers.get(letter);
    if (kept && this.now() - kept.at < this.keepMs) return kept.answer;
    const answer = await this.ask(letter);
    if (answer.kind !== 'unknown') this.answers.set(letter, { answer, at: this.now() });
    return answer;
  }
}

const windowsDrives = new DriveAnswers();

/** The kind of disk `path` is on, asking the OS. */
export async function driveKindOf(
  path: string,
  platform: NodeJS.Platform = process.platform,
  drives: DriveAnswers = windowsDrives,
): Promise<DriveKind> {
  return (await driveOf(path, platform, drives)).kind;
}

/** The kind of disk `path` is on and, for a mapped drive, the share behind its letter. */
export async function driveOf(
  path: string,
  platform: NodeJS.Platform = process.platform,
  drives: DriveAnswers = windowsDrives,
): Promise<WindowsDriveAnswer> {
  if (platform === 'win32') {
    if (isUncPath(path)) return { kind: 'network', share: null };
    const letter = windowsDriveLetter(path);
    return letter ? drives.of(letter) : { kind: 'unknown', share: null };
  }
  return { kind: await otherDriveKind(path, platform), share: null };
}

async function otherDriveKind(path: string, platform: NodeJS.Platform): Promise<DriveKind> {
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

/**
 * Whether a workbook opened from a disk of this kind is worked on as a local copy. A stick, a USB disk, a CD and a
 * disk the OS could not describe are copied in (a copy is always safe; working on a pulled stick is not). A network
 * share is opened where it is with a warning and 复制到本机, as before: offices do keep workbooks on shares.
 */
export function worksOnLocalCopy(kind: DriveKind): boolean {
  return kind === 'removable' || kind === 'optical' || kind === 'unknown';
}

/** Folders a sync client uploads and downloads behind the app's back; named as the client names its folder. */
const SYNC_FOLDERS: readonly [RegExp, string][] = [
  [/^onedrive(\s*-.*)?$/i, 'OneDrive'],
  [/^(wps网盘|wpsdrive|wps cloud files|wps云文档)$/i, 'WPS网盘'],
  [/^(baidunetdisk|baidunetdiskdownload|百度网盘|百度云同步盘)$/i, '百度网盘'],
  [/^(坚果云|nutstore)$/i, '坚果云'],
  [/^dropbox$/i, 'Dropbox'],
  [/^(icloud ?drive|iclouddrive)$/i, 'iCloud'],
];

/** The sync service whose folder holds `path` (any spelling of separators), or null. */
export function syncFolderOf(path: string): string | null {
  for (const segment of path.split(/[\\/]+/)) {
    for (const [pattern, name] of SYNC_FOLDERS) if (pattern.test(segment)) return name;
  }
  return null;
}
