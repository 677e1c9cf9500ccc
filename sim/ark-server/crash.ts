// Crash artefacts (docs/ark-facts.md#crashes): Saved/Crashes/UECC-Windows-<32hex>_0000/CrashContext.runtime-xml
// (plus a log copy and a small minidump) and a UTF-16 `.crashstack` in Saved/Logs.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerPaths } from './paths.ts';
import { ueTimestamp } from './ue-log.ts';

export interface CrashInfo {
  commandLine: string;
  message: string;
  pid: number;
}

function xmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function crashContextXml(guid: string, info: CrashInfo): string {
  const props: [string, string][] = [
    ['CrashVersion', '3'],
    ['ProcessId', String(info.pid)],
    ['CrashGUID', guid],
    ['IsEnsure', 'false'],
    ['IsAssert', 'true'],
    ['CrashType', 'Assert'],
    ['ErrorMessage', info.message],
    ['ExecutableName', 'ArkAscendedServer'],
    ['GameName', 'UE-ShooterGame'],
    ['PlatformName', 'WindowsServer'],
    ['EngineMode', 'Server'],
    ['EngineVersion', '5.2.0-0+UE5'],
    // The server records its command line with a leading space (pelican-eggs/eggs #2547).
    ['CommandLine', ` ${info.commandLine}`],
  ];
  const body = props.map(([k, v]) => `\t\t<${k}>${xmlEscape(v)}</${k}>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<FGenericCrashContext>\n\t<RuntimeProperties>\n${body}\n\t</RuntimeProperties>\n</FGenericCrashContext>\n`;
}

function crashStack(message: string): string {
  return [
    'Fatal error!',
    '',
    message,
    '',
    'CL: 450696 ',
    '0x000000007b00cdb7 kernelbase.dll!UnknownFunction []',
    '0x0000000143c738ca ArkAscendedServer.exe!UnknownFunction []',
    '',
  ].join('\r\n');
}

/** Log lines UE prints when it dies [inferred, generic UE5]. */
export function crashLogLines(message: string): string[] {
  return [
    'LogWindows: Error: === Critical error: ===',
    'LogWindows: Error: ',
    'LogWindows: Error: Fatal error!',
    'LogWindows: Error: ',
    `LogWindows: Error: ${message}`,
    'LogExit: Executing StaticShutdownAfterError',
  ];
}

/** Writes the crash folder and the .crashstack; returns the crash folder. Synchronous: the process exits next. */
export function writeCrashReport(paths: ServerPaths, info: CrashInfo): string {
  const guid = `UECC-Windows-${randomBytes(16).toString('hex').toUpperCase()}_0000`;
  const dir = path.join(paths.crashes, guid);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'CrashContext.runtime-xml'), crashContextXml(guid, info));
  writeFileSync(path.join(dir, 'UEMinidump.dmp'), randomBytes(4096));
  if (existsSync(paths.log)) copyFileSync(paths.log, path.join(dir, 'ShooterGame.log'));
  // The .crashstack appears to be UTF-16 (mschnitzer #22 shows spaced characters): UTF-16LE with a BOM.
  const stackFile = path.join(paths.logsDir, `ShooterGame_${ueTimestamp(new Date()).slice(0, 19)}.crashstack`);
  writeFileSync(
    stackFile,
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crashStack(info.message), 'utf16le')]),
  );
  return dir;
}
