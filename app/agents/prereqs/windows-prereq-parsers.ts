// Reading what Windows answers about the prerequisites: `reg query` text, the DLLs found and the
// certificate rows PowerShell prints. Pure, so every answer shape is tested on any OS.
import type { PrereqItem } from '@ark-asa/contracts';
import { z } from 'zod';
import { jsonRows } from '../process/windows-powershell.ts';
import { PREREQ_NAMES } from './prereq-host.ts';

export interface RegValue {
  name: string;
  type: string;
  data: string;
}

/** `reg query` prints `    <name>    <REG_TYPE>    <data>` under the key's own line. */
export function parseRegQuery(stdout: string): RegValue[] {
  const values: RegValue[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^ {4}(.+?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/.exec(line);
    if (m) values.push({ name: m[1]!, type: m[2]!, data: (m[3] ?? '').trim() });
  }
  return values;
}

export function regNumber(values: readonly RegValue[], name: string): number | null {
  const v = values.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!v) return null;
  const n = v.type === 'REG_DWORD' || v.type === 'REG_QWORD' ? Number.parseInt(v.data, 16) : Number(v.data);
  return Number.isNaN(n) ? null : n;
}

export function regString(values: readonly RegValue[], name: string): string | null {
  return values.find((x) => x.name.toLowerCase() === name.toLowerCase())?.data ?? null;
}

/** What `reg query` answered: its exit code and output. Exit code 1 with this text is "no such key". */
export interface RegAnswer {
  code: number;
  stdout: string;
  stderr: string;
}
const KEY_MISSING = /unable to find the specified registry key or value/i;

const VC_FIX =
  'Install the Visual C++ 2015–2022 x64 runtime (https://aka.ms/vs/17/release/vc_redist.x64.exe), or use "Install missing…"';

/**
 * HKLM\SOFTWARE\Microsoft\VisualStudio\14.0\VC\Runtimes\x64: Installed=1 and a Version. The server
 * is built with Visual Studio 2022 (toolset 14.3x); an older 14.x runtime lacks DLLs it loads.
 */
export function vcredistItem(answer: RegAnswer): PrereqItem {
  const base = { id: 'vcredist' as const, name: PREREQ_NAMES.vcredist };
  if (answer.code !== 0) {
    if (KEY_MISSING.test(answer.stderr) || answer.code === 1)
      return { ...base, state: 'missing', detail: 'The x64 runtime is not registered', fix: VC_FIX };
    return { ...base, state: 'unknown', detail: `reg query failed: ${firstLine(answer.stderr)}`, fix: VC_FIX };
  }
  const values = parseRegQuery(answer.stdout);
  const version = regString(values, 'Version');
  if (regNumber(values, 'Installed') !== 1)
    return { ...base, state: 'missing', detail: 'The x64 runtime is registered but not installed', fix: VC_FIX };
  const minor = regNumber(values, 'Minor');
  if (minor !== null && minor < 30)
    return { ...base, state: 'missing', detail: `Version ${version ?? `14.${minor}`} is older than 2022`, fix: VC_FIX };
  return { ...base, state: 'ok', detail: `Installed, version ${version ?? 'unknown'}`, fix: null };
}

/** Any of these in System32 or SysWOW64 means the June 2010 redistributable ran (it ships them all). */
export const DIRECTX_DLLS = ['d3dx9_43.dll', 'd3dx10_43.dll', 'd3dx11_43.dll', 'd3dcompiler_43.dll', 'xinput1_3.dll'];

const DX_FIX =
  'Install the DirectX End-User Runtime (June 2010) with dxwebsetup.exe from Microsoft, or use "Install missing…"';

/**
 * Every Windows has HKLM\SOFTWARE\Microsoft\DirectX (the OS's own DirectX), so the key alone proves
 * nothing about the legacy runtime: the D3DX/XInput DLLs are the evidence.
 */
export function directxItem(registry: RegAnswer, foundDlls: readonly string[]): PrereqItem {
  const base = { id: 'directx' as const, name: PREREQ_NAMES.directx };
  const version = registry.code === 0 ? regString(parseRegQuery(registry.stdout), 'Version') : null;
  const dx = version ? `DirectX ${version}` : 'no DirectX registry key';
  if (foundDlls.length === 0)
    return { ...base, state: 'missing', detail: `${dx}; none of ${DIRECTX_DLLS.join(', ')} found`, fix: DX_FIX };
  return { ...base, state: 'ok', detail: `${dx}; found ${foundDlls.join(', ')}`, fix: null };
}

export const NEEDED_CERTS = ['Amazon Root CA 1', 'Amazon RSA 2048 M02'] as const;
export const CERT_STORES = ['LocalMachine\\Root', 'LocalMachine\\CA', 'CurrentUser\\Root', 'CurrentUser\\CA'];

/** The certificates of the stores above whose common name is one we need, as JSON rows. */
export function certScript(): string {
  const names = NEEDED_CERTS.map((n) => `'${n}'`).join(',');
  const stores = CERT_STORES.map((s) => `'${s}'`).join(',');
  const notAfter = "@{Name='NotAfter'; Expression={$_.NotAfter.ToUniversalTime().ToString('o')}}";
  return (
    `$names = @(${names}); $rows = foreach ($s in @(${stores})) { ` +
    `Get-ChildItem -Path ('Cert:\\' + $s) -ErrorAction SilentlyContinue | ` +
    `Where-Object { $names -contains $_.GetNameInfo('SimpleName', $false) } | ` +
    `Select-Object @{Name='Store'; Expression={$s}}, Subject, Thumbprint, ${notAfter} }; ` +
    `if ($rows) { @($rows) | ConvertTo-Json -Compress }; exit 0`
  );
}

const CertRow = z.object({ Store: z.string(), Subject: z.string(), Thumbprint: z.string(), NotAfter: z.string() });
export type CertRow = z.infer<typeof CertRow>;

export function parseCertRows(stdout: string): CertRow[] {
  return jsonRows(stdout, 'Get-ChildItem Cert:').flatMap((row) => {
    const parsed = CertRow.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

const commonName = (subject: string) => /(?:^|,\s*)CN=([^,]+)/.exec(subject)?.[1]?.trim() ?? '';

const CERT_FIX =
  'Import AmazonRootCA1.cer into Trusted Root and r2m02.cer into Intermediate Certification Authorities (both from amazontrust.com), or use "Install missing…"';

/** Both certificates, unexpired, in any of the stores: the server's TLS to its online services then verifies. */
export function certificatesItem(rows: readonly CertRow[], now: Date): PrereqItem {
  const base = { id: 'certificates' as const, name: PREREQ_NAMES.certificates };
  const valid = (name: string) =>
    rows.filter((r) => commonName(r.Subject) === name && Date.parse(r.NotAfter) > now.getTime());
  const found = NEEDED_CERTS.map((name) => ({ name, where: valid(name).map((r) => r.Store) }));
  const missing = found.filter((f) => f.where.length === 0).map((f) => f.name);
  const present = found
    .filter((f) => f.where.length > 0)
    .map((f) => `${f.name} in ${[...new Set(f.where)].join(', ')}`);
  if (missing.length === 0) return { ...base, state: 'ok', detail: present.join('; '), fix: null };
  const detail = [`Missing: ${missing.join(', ')}`, ...present].join('; ');
  return { ...base, state: 'missing', detail, fix: CERT_FIX };
}

export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? 'no output'
  );
}
