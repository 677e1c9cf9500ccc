import { crc32 } from 'node:zlib';
import { ErrorCode } from '@ark-asa/contracts';
import yauzl from 'yauzl';
import { AppError } from '../../domain/app-error.ts';
import { duplicateName, isDirectoryEntry, unsafeEntry } from '../../domain/backup-entry-safety.ts';

export interface ArchiveEntry {
  name: string;
  sizeBytes: number;
  isDirectory: boolean;
  raw: yauzl.Entry;
}

/** An open archive whose every entry has passed the safety check (names, types, duplicates). */
export interface CheckedArchive {
  zip: yauzl.ZipFile;
  entries: ArchiveEntry[];
  close(): void;
}

const unsafe = (name: string, reason: string) =>
  new AppError(
    ErrorCode.UNSAFE_ARCHIVE,
    `The archive holds an unsafe entry "${name}" (${reason}); nothing was extracted`,
    {
      entry: name,
      reason,
    },
  );

/**
 * Opens a zip and reads its whole central directory, checking every entry before the caller can
 * extract any: names are decoded here (decodeStrings off, strict about backslashes) so the name
 * that is checked is the name that is used.
 */
export async function openChecked(file: string): Promise<CheckedArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
  } catch (err) {
    throw damaged(file, err);
  }
  try {
    const entries: ArchiveEntry[] = [];
    for await (const raw of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, true);
      const reason = unsafeEntry({ ...raw, name });
      if (reason) throw unsafe(name, reason);
      entries.push({ name, sizeBytes: raw.uncompressedSize, isDirectory: isDirectoryEntry(name), raw });
    }
    const dup = duplicateName(entries.map((e) => e.name));
    if (dup) throw unsafe(dup, 'the same path appears twice (names differ only in case)');
    return { zip, entries, close: () => zip.close() };
  } catch (err) {
    zip.close();
    throw err instanceof AppError ? err : damaged(file, err);
  }
}

export function damaged(file: string, err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError(
    ErrorCode.BACKUP_FAILED,
    `The archive ${file} cannot be read (${reason}); it is missing or damaged`,
    undefined,
    {
      cause: err,
    },
  );
}

/**
 * Streams one entry to `sink` (or nowhere) and checks what came out against the central directory:
 * yauzl checks the size but not the CRC-32, so the CRC is computed here over every byte.
 */
export async function readEntry(
  archive: CheckedArchive,
  entry: ArchiveEntry,
  sink?: (chunk: Buffer) => void | Promise<void>,
): Promise<void> {
  let crc = 0;
  let inSink = false;
  try {
    const stream = await archive.zip.openReadStreamPromise(entry.raw);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      inSink = true;
      if (sink) await sink(chunk);
      inSink = false;
    }
  } catch (err) {
    // The sink's own failures (a full disk while extracting) are not the archive's fault.
    if (inSink) throw err;
    throw new AppError(
      ErrorCode.BACKUP_FAILED,
      `The archive entry ${entry.name} is damaged (${(err as Error).message})`,
      undefined,
      { cause: err },
    );
  }
  if (crc >>> 0 !== entry.raw.crc32 >>> 0) {
    throw new AppError(ErrorCode.BACKUP_FAILED, `The archive entry ${entry.name} is damaged (CRC mismatch)`);
  }
}
