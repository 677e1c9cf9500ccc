// Who listens on a UDP port: /proc/net/udp{,6} on Linux, Get-NetUDPEndpoint on Windows. The parsers
// are pure and tested on any OS.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { z } from 'zod';
import { createCommandRunner, type RunCommand } from '../process/command-runner.ts';
import { jsonRows, powershellArgs } from '../process/windows-powershell.ts';

export interface UdpSocket {
  address: string;
  port: number;
  /** The socket's inode (Linux), to find its process; null on Windows. */
  inode: string | null;
  /** The owning process when the OS tells it directly (Windows); null otherwise. */
  pid: number | null;
}

/** 0100007F → 127.0.0.1: the kernel prints the IPv4 address as a little-endian 32-bit word. */
function ipv4FromHex(hex: string): string {
  const bytes = hex.match(/../g)?.map((b) => Number.parseInt(b, 16)) ?? [];
  return bytes.reverse().join('.');
}

/** IPv6: four 32-bit words, each little-endian, as in ipv4FromHex. */
function ipv6FromHex(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse());
  const groups: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2)
    groups.push(Number.parseInt(`${bytes[i]}${bytes[i + 1]}`, 16).toString(16));
  const text = groups.join(':');
  if (text === '0:0:0:0:0:0:0:0') return '::';
  const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(text);
  if (mapped) {
    const [hi, lo] = [Number.parseInt(mapped[1] ?? '0', 16), Number.parseInt(mapped[2] ?? '0', 16)];
    return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return text;
}

/** Rows of /proc/net/udp or /proc/net/udp6: `sl local_address rem_address st … uid timeout inode …`. */
export function parseProcNetUdp(text: string): UdpSocket[] {
  const sockets: UdpSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const [addrHex, portHex] = (cols[1] ?? '').split(':');
    const inode = cols[9];
    if (!addrHex || !portHex || inode === undefined) continue;
    const address = addrHex.length === 8 ? ipv4FromHex(addrHex) : ipv6FromHex(addrHex);
    sockets.push({ address, port: Number.parseInt(portHex, 16), inode, pid: null });
  }
  return sockets;
}

const EndpointRow = z.object({
  LocalAddress: z.string(),
  LocalPort: z.number().int(),
  OwningProcess: z.number().int(),
});

export function udpEndpointScript(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Not a port: ${port}`);
  return `Get-NetUDPEndpoint -LocalPort ${port} -ErrorAction SilentlyContinue | Select-Object LocalAddress, LocalPort, OwningProcess | ConvertTo-Json -Compress; exit 0`;
}

export function parseUdpEndpoints(stdout: string): UdpSocket[] {
  return jsonRows(stdout, 'Get-NetUDPEndpoint').flatMap((row) => {
    const r = EndpointRow.safeParse(row);
    return r.success
      ? [{ address: r.data.LocalAddress, port: r.data.LocalPort, inode: null, pid: r.data.OwningProcess }]
      : [];
  });
}

export interface UdpPortReport {
  /** Addresses the server's own process listens on at this port. */
  byServer: string[];
  /** Some other process holds the port. */
  byOther: boolean;
}

/** The socket inodes a Linux process holds (its /proc/<pid>/fd links `socket:[inode]`). */
async function socketInodes(pid: number): Promise<Set<string>> {
  const dir = `/proc/${pid}/fd`;
  const inodes = new Set<string>();
  for (const fd of await readdir(dir).catch(() => [])) {
    const target = await readlink(`${dir}/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m?.[1]) inodes.add(m[1]);
  }
  return inodes;
}

/**
 * Who listens on UDP `port`, and whether it is the process `pid` (or one of `pids`: a server run
 * through Proton has a wrapper above it). null: this OS gives no answer the manager can read.
 */
export async function udpPortReport(
  port: number,
  pids: readonly number[],
  opts: { platform?: NodeJS.Platform; run?: RunCommand } = {},
): Promise<UdpPortReport | null> {
  const platform = opts.platform ?? process.platform;
  let sockets: UdpSocket[];
  let owned: (s: UdpSocket) => boolean;
  if (platform === 'linux') {
    const tables = await Promise.all(
      ['/proc/net/udp', '/proc/net/udp6'].map((f) => readFile(f, 'utf8').catch(() => '')),
    );
    sockets = tables.flatMap(parseProcNetUdp).filter((s) => s.port === port);
    const inodes = new Set<string>();
    for (const pid of pids) for (const i of await socketInodes(pid)) inodes.add(i);
    owned = (s) => s.inode !== null && inodes.has(s.inode);
  } else if (platform === 'win32') {
    const run = opts.run ?? createCommandRunner({ timeoutMs: 30_000 });
    const res = await run('powershell.exe', powershellArgs(udpEndpointScript(port)));
    sockets = parseUdpEndpoints(res.stdout);
    owned = (s) => s.pid !== null && pids.includes(s.pid);
  } else {
    return null;
  }
  return { byServer: sockets.filter(owned).map((s) => s.address), byOther: sockets.some((s) => !owned(s)) };
}
