// Telling a Windows program from a native one by its first bytes, so a Linux host runs
// ArkAscendedServer.exe through Proton or Wine and a native program (the simulators) directly.
import { open } from 'node:fs/promises';

export type ExecutableKind = 'windows-pe' | 'elf' | 'script' | 'unknown';

/** Offset of e_lfanew in the DOS header: where the PE header starts (Microsoft PE format, "MS-DOS Stub"). */
const E_LFANEW_OFFSET = 0x3c;
/** Enough for the DOS header and a PE header at any offset real linkers use (usually 0x80–0x200). */
const HEAD_BYTES = 4096;

/**
 * The kind of a file from its header bytes: `MZ` with a `PE\0\0` signature where e_lfanew points
 * is a Windows PE image (https://learn.microsoft.com/windows/win32/debug/pe-format); `\x7fELF` an
 * ELF executable; `#!` a script. A bare `MZ` without the PE signature (a DOS program) is unknown.
 */
export function kindOfHeader(head: Uint8Array): ExecutableKind {
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'elf';
  if (head.length >= 2 && head[0] === 0x23 && head[1] === 0x21) return 'script';
  if (head.length >= E_LFANEW_OFFSET + 4 && head[0] === 0x4d && head[1] === 0x5a) {
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const peAt = view.getUint32(E_LFANEW_OFFSET, true);
    if (peAt + 4 <= head.length && view.getUint32(peAt, false) === 0x50450000) return 'windows-pe';
  }
  return 'unknown';
}

/** The kind of the file at `file` (reads at most 4 KiB); a missing or unreadable file is `unknown`. */
export async function executableKind(file: string): Promise<ExecutableKind> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return 'unknown';
  }
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return kindOfHeader(buf.subarray(0, bytesRead));
  } catch {
    return 'unknown';
  } finally {
    await handle.close();
  }
}

/**
 * The smallest header a PE loader's first check accepts: a DOS header whose e_lfanew points at
 * `PE\0\0` and an x64 COFF machine field. For tests and the Proton stand-in; not a runnable image.
 */
export function minimalPeHeader(): Buffer {
  const buf = Buffer.alloc(0x80 + 24);
  buf.write('MZ', 0, 'latin1');
  buf.writeUInt32LE(0x80, E_LFANEW_OFFSET);
  buf.write('PE\0\0', 0x80, 'latin1');
  buf.writeUInt16LE(0x8664, 0x84); // IMAGE_FILE_MACHINE_AMD64
  return buf;
}
