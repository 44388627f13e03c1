import { describe, expect, it } from 'vitest';
import {
  DriveAnswers,
  isUncPath,
  linuxMountKind,
  parseWindowsDriveAnswer,
  syncFolderOf,
  windowsDriveKind,
  windowsDriveLetter,
  windowsDriveQuery,
  worksOnLocalCopy,
} from '../../../src/app/drive-type';
import { locationWarning } from '../../../src/app/paths';

/**
 * Network locations are decided by the OS's answer (Windows: Win32_LogicalDisk.DriveType), not by spelling: a
 * mapped drive `Z:\` looks like any local letter. The answer is injected here as Windows gives it.
 */
const windowsEnv = { APPDATA: 'C:\\Users\\张三\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\张三\\AppData\\Local' };

function warningFor(path: string, driveType: number | null): string {
  const letter = windowsDriveLetter(path);
  const kind = isUncPath(path) ? 'network' : letter ? windowsDriveKind(driveType) : 'unknown';
  return locationWarning(path, 'win32', windowsEnv, kind);
}

describe('network locations on Windows', () => {
  it('a mapped drive is flagged by its drive type (4), a local disk (3) is not', () => {
    expect(warningFor('Z:\\预算科\\2018.mswb', 4)).toContain('映射的网络驱动器');
    expect(warningFor('D:\\数据\\2018.mswb', 3)).toBe('');
    // the same letter answered as local by the OS is local: the spelling decides nothing
    expect(warningFor('Z:\\预算科\\2018.mswb', 3)).toBe('');
  });

  it('UNC paths in every spelling are network paths whatever the drive query says', () => {
    for (const path of ['\\\\fileserver\\财政\\2018.mswb', '//fileserver/财政/2018.mswb', '\\\\?\\UNC\\fileserver\\财政\\2018.mswb']) {
      expect(isUncPath(path), path).toBe(true);
      expect(warningFor(path, null), path).toContain('网络');
    }
    // a long-path prefix on a local drive is not UNC
    expect(isUncPath('\\\\?\\C:\\数据\\2018.mswb')).toBe(false);
    expect(windowsDriveLetter('\\\\?\\c:\\数据\\2018.mswb')).toBe('C');
  });

  it('reads the drive types Windows reports', () => {
    expect([2, 3, 4, 5, 6, 0, null].map(windowsDriveKind)).toEqual([
      'removable',
      'local',
      'network',
      'optical',
      'local',
      'unknown',
      'unknown',
    ]);
  });

  it('the roaming profile is flagged, the local app-data folder is not', () => {
    expect(warningFor('C:\\Users\\张三\\AppData\\Roaming\\MinshengWorkbench\\workbook.mswb', 3)).toContain('漫游');
    expect(warningFor('C:\\Users\\张三\\AppData\\Local\\MinshengWorkbench\\workbook.mswb', 3)).toBe('');
  });
});

describe('network locations on Linux', () => {
  const mounts = [
    '/dev/sda1 / ext4 rw,relatime 0 0',
    '//fileserver/caizheng /mnt/share cifs rw,relatime 0 0',
    'server:/export /home/a/nfs\\040data nfs4 rw 0 0',
    '/dev/sdb1 /media/a/KINGSTON vfat rw 0 0',
  ].join('\n');

  it('the file system of the mount holding the path decides', () => {
    expect(linuxMountKind('/mnt/share/2018.mswb', mounts)).toBe('network');
    expect(linuxMountKind('/home/a/nfs data/2018.mswb', mounts)).toBe('network');
    expect(linuxMountKind('/home/a/2018.mswb', mounts)).toBe('local');
    expect(linuxMountKind('/media/a/KINGSTON/2018.mswb', mounts)).toBe('removable');
    expect(locationWarning('/mnt/share/2018.mswb', 'linux', {}, linuxMountKind('/mnt/share/2018.mswb', mounts))).toContain('网络');
  });
});

describe('what Windows says about a drive letter (issue 20, item 4)', () => {
  it('a USB hard disk or card reader is removable although its volume says local; a mapped drive names its share', () => {
    expect(parseWindowsDriveAnswer('{"DriveType":3,"BusType":"USB","ProviderName":null}')).toEqual({ kind: 'removable', share: null });
    expect(parseWindowsDriveAnswer('{"DriveType":3,"BusType":"SD","ProviderName":null}').kind).toBe('removable');
    expect(parseWindowsDriveAnswer('{"DriveType":3,"BusType":"NVMe","ProviderName":null}').kind).toBe('local');
    expect(parseWindowsDriveAnswer('{"DriveType":2,"BusType":"USB","ProviderName":null}').kind).toBe('removable');
    expect(parseWindowsDriveAnswer('{"DriveType":4,"BusType":"","ProviderName":"\\\\\\\\fs01\\\\财政"}')).toEqual({
      kind: 'network',
      share: '\\\\fs01\\财政',
    });
    // PowerShell blocked by policy, killed by the timeout, or printing an error: the riskier answer
    expect(parseWindowsDriveAnswer('').kind).toBe('unknown');
    expect(parseWindowsDriveAnswer('Get-CimInstance : 拒绝访问。').kind).toBe('unknown');
  });

  it('asks once per drive for a few minutes, and asks again after an unknown answer', async () => {
    let now = 0;
    const asked: string[] = [];
    const answers = ['unknown', 'removable', 'local'] as const;
    const drives = new DriveAnswers(
      async (letter) => {
        asked.push(letter);
        return { kind: answers[Math.min(asked.length - 1, 2)] ?? 'local', share: null };
      },
      60_000,
      () => now,
    );
    expect((await drives.of('E')).kind).toBe('unknown');
    expect((await drives.of('E')).kind).toBe('removable');
    now = 30_000;
    expect((await drives.of('E')).kind).toBe('removable');
    now = 61_000;
    expect((await drives.of('E')).kind).toBe('local');
    expect(asked).toEqual(['E', 'E', 'E']);
    expect(windowsDriveQuery('E')).toContain("DeviceID='E:'");
  });

  it('copies in from a stick, a CD or a disk it cannot describe; opens local disks and shares where they are', () => {
    expect((['removable', 'optical', 'unknown', 'local', 'network'] as const).map(worksOnLocalCopy)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('names the sync folders of OneDrive, WPS网盘, 百度网盘 and the like, and warns about them like shares', () => {
    expect(syncFolderOf('C:\\Users\\张三\\OneDrive - 达州市财政局\\2018.mswb')).toBe('OneDrive');
    expect(syncFolderOf('C:\\Users\\张三\\OneDrive\\文档\\2018.mswb')).toBe('OneDrive');
    expect(syncFolderOf('D:\\WPS网盘\\预算\\2018.mswb')).toBe('WPS网盘');
    expect(syncFolderOf('D:\\BaiduNetdisk\\2018.mswb')).toBe('百度网盘');
    expect(syncFolderOf('C:\\Users\\张三\\Documents\\2018.mswb')).toBeNull();
    expect(locationWarning('D:\\WPS网盘\\预算\\2018.mswb', 'win32', {}, 'local')).toContain('WPS网盘的同步文件夹');
    expect(locationWarning('Z:\\预算科\\2018.mswb', 'win32', {}, 'network', '\\\\fs01\\财政')).toContain(
      '映射的网络驱动器（\\\\fs01\\财政）',
    );
  });
});
