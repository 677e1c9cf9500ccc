import { createWriteStream } from 'node:fs';
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import type { Logger } from '../../logger.ts';
import type { ProgressCallback } from './install-progress.ts';
import { bundledSteamcmdDir, bundledSteamcmdPath } from './steamcmd-paths.ts';

/** Valve's Windows SteamCMD bootstrapper (https://developer.valvesoftware.com/wiki/SteamCMD). */
export const STEAMCMD_ZIP_URL = 'https://steamcdn-a.akamaihd.net/client/installer/steamcmd.zip';

/** The real zip is about 4 MB; anything far larger is not what we asked for. */
const MAX_ZIP_BYTES = 100 * 1024 * 1024;
const DOWNLOAD_SHARE = 85;

export interface SteamcmdInstallerDeps {
  dataRoot: () => string;
  logger: Logger;
  url?: string;
  platform?: NodeJS.Platform;
  /** Install on hosts other than Windows too (tests; the zip holds a Windows program). */
  allowAnyPlatform?: boolean;
  fetch?: typeof fetch;
}

/** Downloads Valve's steamcmd.zip into `<dataRoot>/runtime/steamcmd` and unpacks it (Windows). */
export class SteamcmdInstaller {
  private readonly logger: Logger;

  constructor(private readonly deps: SteamcmdInstallerDeps) {
    this.logger = deps.logger.child({ component: 'steamcmd-installer' });
  }

  async install(opts: { signal: AbortSignal; onProgress?: ProgressCallback }): Promise<{ steamcmdPath: string }> {
    const report = opts.onProgress ?? (() => undefined);
    this.checkPlatform();
    const dataRoot = this.deps.dataRoot();
    const dir = bundledSteamcmdDir(dataRoot);
    const zipFile = path.join(dir, 'steamcmd.zip.download');
    // Unpacked beside the target first, so that a damaged or unsafe zip leaves nothing behind.
    const unpackDir = `${dir}.unpack`;
    await mkdir(dir, { recursive: true });
    try {
      await this.download(zipFile, opts.signal, report);
      report(DOWNLOAD_SHARE, 'Unpacking SteamCMD…');
      await rm(unpackDir, { recursive: true, force: true });
      await extractZip(zipFile, unpackDir, opts.signal, (done, total) =>
        report(DOWNLOAD_SHARE + ((100 - DOWNLOAD_SHARE) * done) / total, 'Unpacking SteamCMD…'),
      );
      await cp(unpackDir, dir, { recursive: true, force: true });
    } finally {
      await rm(zipFile, { force: true });
      await rm(unpackDir, { recursive: true, force: true });
    }
    const steamcmdPath = bundledSteamcmdPath(dataRoot);
    if (!(await stat(steamcmdPath).catch(() => null))?.isFile()) {
      throw new AppError(
        ErrorCode.STEAMCMD_FAILED,
        `The downloaded steamcmd.zip has no steamcmd.exe: is ${this.url()} still Valve's SteamCMD download?`,
      );
    }
    this.logger.info({ steamcmdPath }, 'SteamCMD installed');
    report(100, 'SteamCMD installed');
    return { steamcmdPath };
  }

  private url(): string {
    return this.deps.url ?? STEAMCMD_ZIP_URL;
  }

  private checkPlatform(): void {
    const platform = this.deps.platform ?? process.platform;
    if (platform === 'win32' || this.deps.allowAnyPlatform) return;
    throw new AppError(
      ErrorCode.INVALID_STATE,
      'The manager installs SteamCMD by itself on Windows only: on this system install it with the package manager (e.g. the "steamcmd" package) or from https://developer.valvesoftware.com/wiki/SteamCMD, then set steamcmdPath in the settings',
    );
  }

  private async download(file: string, signal: AbortSignal, report: ProgressCallback): Promise<void> {
    const url = this.url();
    report(0, 'Downloading SteamCMD…');
    let response: Response;
    try {
      response = await (this.deps.fetch ?? fetch)(url, { signal });
    } catch (err) {
      signal.throwIfAborted();
      throw new AppError(
        ErrorCode.STEAMCMD_FAILED,
        `Could not download SteamCMD from ${url} (${(err as Error).message}): check the internet connection`,
        undefined,
        { cause: err },
      );
    }
    if (!response.ok || !response.body) {
      throw new AppError(
        ErrorCode.STEAMCMD_FAILED,
        `Could not download SteamCMD from ${url}: the server answered HTTP ${response.status}`,
      );
    }
    const total = Number(response.headers.get('content-length')) || null;
    let received = 0;
    const count = async function* (source: AsyncIterable<Uint8Array>) {
      for await (const chunk of source) {
        received += chunk.byteLength;
        if (received > MAX_ZIP_BYTES)
          throw new AppError(
            ErrorCode.STEAMCMD_FAILED,
            `${url} sent more than ${MAX_ZIP_BYTES} bytes: that is not SteamCMD`,
          );
        const percent = total ? Math.min(1, received / total) * DOWNLOAD_SHARE : 0;
        report(
          percent,
          total ? `Downloading SteamCMD… ${Math.floor((received / total) * 100)}%` : 'Downloading SteamCMD…',
        );
        yield chunk;
      }
    };
    await pipeline(response.body, count, createWriteStream(file), { signal });
  }
}

/** Where an entry goes, or UNSAFE_ARCHIVE for a name that would leave `dir` (zip-slip). */
export function safeEntryPath(dir: string, name: string): string {
  const unsafe = path.isAbsolute(name) || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..');
  const target = path.resolve(dir, name);
  if (unsafe || !target.startsWith(path.resolve(dir) + path.sep)) {
    throw new AppError(
      ErrorCode.UNSAFE_ARCHIVE,
      `steamcmd.zip contains an unsafe path (${name}); nothing was installed from it`,
    );
  }
  return target;
}

/** yauzl refuses absolute paths and `..` by itself; its messages say which. */
function zipError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(message)) {
    return new AppError(
      ErrorCode.UNSAFE_ARCHIVE,
      `steamcmd.zip contains an unsafe path (${message}); it was not installed`,
    );
  }
  return new AppError(
    ErrorCode.STEAMCMD_FAILED,
    `The downloaded steamcmd.zip is damaged (${message}): try again`,
    undefined,
    { cause: err },
  );
}

async function extractZip(
  file: string,
  dir: string,
  signal: AbortSignal,
  onEntry: (done: number, total: number) => void,
): Promise<void> {
  let zip: yauzl.ZipFile | null = null;
  try {
    zip = await yauzl.openPromise(file, { strictFileNames: false });
    let done = 0;
    for await (const entry of zip.eachEntry()) {
      signal.throwIfAborted();
      const target = safeEntryPath(dir, entry.fileName);
      if (entry.fileName.endsWith('/')) {
        await mkdir(target, { recursive: true });
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target), { signal });
      }
      done += 1;
      onEntry(done, Math.max(done, zip.entryCount));
    }
  } catch (err) {
    signal.throwIfAborted();
    throw zipError(err);
  } finally {
    zip?.close();
  }
}
