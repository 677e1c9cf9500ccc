import { describe, expect, it } from 'vitest';
import {
  classifyFsType,
  DEEPEST_RELATIVE_PATH,
  fileSystemWarning,
  isUncPath,
  longestServerPath,
  maxDataRootChars,
  mountOf,
  parseMounts,
  pathLengthWarning,
  WINDOWS_MAX_PATH_CHARS,
} from './path-risk.ts';

describe('Windows path length', () => {
  it('adds the instance folder and the deepest mod file to the data root', () => {
    const instancePart = 'runtime\\instances\\00000000-0000-0000-0000-000000000000\\'.length;
    expect(longestServerPath('C:\\ARK')).toBe(6 + 1 + instancePart + DEEPEST_RELATIVE_PATH.length);
    expect(longestServerPath('C:\\ARK\\')).toBe(longestServerPath('C:\\ARK'));
    expect(maxDataRootChars()).toBe(WINDOWS_MAX_PATH_CHARS - longestServerPath(''));
  });

  it('warns on Windows only, right past the limit, with the longest root that fits', () => {
    const fits = `C:\\${'a'.repeat(maxDataRootChars() - 3)}`;
    const tooLong = `${fits}b`;
    expect(fits).toHaveLength(maxDataRootChars());
    expect(pathLengthWarning(fits, 'win32')).toBeNull();
    expect(pathLengthWarning(tooLong, 'win32')).toMatchObject({
      code: 'path-too-long',
      message: expect.stringContaining(`at most ${maxDataRootChars()} characters`),
    });
    expect(pathLengthWarning(tooLong, 'linux')).toBeNull();
    // The default desktop data folder of a usual user name stays within it.
    expect(pathLengthWarning('C:\\Users\\Administrator\\AppData\\Roaming\\ARK ASA Server Manager', 'win32')).toBeNull();
  });
});

describe('drives that cannot hold hard links', () => {
  it('recognises network shares', () => {
    expect(isUncPath('\\\\nas\\games\\ark')).toBe(true);
    expect(isUncPath('//nas/games')).toBe(true);
    expect(isUncPath('\\\\?\\C:\\ARK')).toBe(false);
    expect(isUncPath('C:\\ARK')).toBe(false);
    expect(isUncPath('/srv/ark')).toBe(false);
  });

  it('classifies Linux file system types', () => {
    expect(['exfat', 'vfat', 'msdos', 'fuse.exfat'].map(classifyFsType)).toEqual(Array(4).fill('no-hard-links'));
    expect(['nfs4', 'cifs', 'fuse.sshfs'].map(classifyFsType)).toEqual(Array(3).fill('network'));
    expect(['ext4', 'xfs', 'btrfs', 'zfs', 'ntfs3', 'overlay', 'tmpfs'].map(classifyFsType)).toEqual(
      Array(7).fill('local'),
    );
  });

  it('finds the mount holding a path from /proc/mounts, escapes decoded', () => {
    const mounts = parseMounts(
      [
        '/dev/sda1 / ext4 rw,relatime 0 0',
        '/dev/sdb1 /media/usb\\040stick exfat rw 0 0',
        '//nas/games /mnt/nas cifs rw 0 0',
        '',
      ].join('\n'),
    );
    expect(mountOf(mounts, '/media/usb stick/ark')?.fsType).toBe('exfat');
    expect(mountOf(mounts, '/media/usb stickier')?.fsType).toBe('ext4');
    expect(mountOf(mounts, '/mnt/nas')?.fsType).toBe('cifs');
    expect(mountOf(mounts, '/srv/ark')?.fsType).toBe('ext4');
  });

  it('words one warning per kind of drive, none for a local one', () => {
    expect(fileSystemWarning('/media/usb', 'no-hard-links', 'exfat')?.code).toBe('no-hard-links');
    expect(fileSystemWarning('/mnt/nas', 'network', 'cifs')?.code).toBe('network-drive');
    expect(fileSystemWarning('/srv/ark', 'local', 'ext4')).toBeNull();
  });
});
