import { constants, promises as fsp } from 'node:fs';

export type LinkOutcome = 'linked' | 'copied';

/** Puts a build file at a new path without a second copy of its bytes when the filesystem allows it. */
export interface FileLinker {
  /** `dst` must not exist. */
  link(src: string, dst: string): Promise<LinkOutcome>;
}

/** The few fs calls the linker makes, so tests can play a filesystem that refuses hard links. */
export interface LinkFs {
  link(src: string, dst: string): Promise<void>;
  copyFile(src: string, dst: string, mode: number): Promise<void>;
  stat(path: string): Promise<{ atime: Date; mtime: Date }>;
  utimes(path: string, atime: Date, mtime: Date): Promise<void>;
}

/*
 * Errors that mean "this filesystem cannot hard-link these two paths", never "something is wrong":
 * - EXDEV: source and destination are on different volumes (a data dir moved to another drive).
 * - EPERM: FAT/exFAT and some network shares; Linux with fs.protected_hardlinks on a file we do not own.
 * - ENOTSUP / EOPNOTSUPP: filesystems without hard links (libuv spells both ENOTSUP on Linux).
 * - EMLINK: the file's link count is at its limit (NTFS allows 1023: about a thousand instances of a build).
 * - EISDIR: libuv maps Windows' ERROR_INVALID_FUNCTION, which CreateHardLinkW returns on FAT, to it
 *   [inferred from libuv's error table]; we never link directories, so it cannot mean anything else here.
 */
const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EISDIR']);

export function cannotLink(err: unknown): boolean {
  return err instanceof Error && CANNOT_LINK.has((err as NodeJS.ErrnoException).code ?? '');
}

/**
 * Hard-links, and copies only where linking is impossible. The copy asks for a reflink first
 * (COPYFILE_FICLONE: Btrfs, XFS, ReFS block cloning share the bytes too; libuv falls back to a
 * plain copy by itself where cloning is unsupported). The copy gets the source's timestamps so a
 * later relink can still recognise it as the build's file (same size and mtime) although it is
 * not the same inode.
 */
export class HardLinker implements FileLinker {
  constructor(private readonly fs: LinkFs = fsp) {}

  async link(src: string, dst: string): Promise<LinkOutcome> {
    try {
      await this.fs.link(src, dst);
      return 'linked';
    } catch (err) {
      if (!cannotLink(err)) throw err;
    }
    await this.fs.copyFile(src, dst, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    const { atime, mtime } = await this.fs.stat(src);
    await this.fs.utimes(dst, atime, mtime);
    return 'copied';
  }
}
