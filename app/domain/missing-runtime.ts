// STATUS_DLL_NOT_FOUND: Windows' loader could not find a DLL the program imports, before any of the
// program's own code ran. For ArkAscendedServer.exe that is the Visual C++ 2015–2022 x64 runtime
// (docs/windows-prerequisites.md). A child process gets no dialog, only this exit code.
export const STATUS_DLL_NOT_FOUND = 0xc0000135;

/** Node reports the NTSTATUS unsigned (3221225781); a signed reading (-1073741515) is the same code. */
export function isMissingRuntimeExit(code: number | null | undefined): boolean {
  return typeof code === 'number' && code >>> 0 === STATUS_DLL_NOT_FOUND;
}

export const MISSING_RUNTIME_MESSAGE =
  'The server could not start: a Windows runtime is missing (0xC0000135, STATUS_DLL_NOT_FOUND). ' +
  'Install the Visual C++ 2015–2022 x64 runtime: Settings → Host prerequisites.';
