import { describe, expect, it } from 'vitest';
import { isUncPath, linuxMountKind, windowsDriveKind, windowsDriveLetter } from '../../../src/app/drive-type';
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
    expect([2, 3, 4, 5, 6, 0, null].map(windowsDriveKind)).toEqual(['removable', 'local', 'network', 'optical', 'local', 'unknown', 'unknown']);
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
