import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { captured, ROOT, type Spawned } from './processes.ts';

/**
 * A Linux network namespace joined to the test's own by a veth pair with private /30 addresses:
 * a process started in it reaches the test only through that link, which the test can cut and
 * restore (`ip link set … down/up`) without touching any process. Needs root and iproute2.
 */
export interface NetnsLink {
  /** `ark<6 hex>`: the namespace's name. */
  readonly ns: string;
  /** The veth end in the test's namespace (`va<6 hex>`) and the one in `ns` (`vb<6 hex>`). */
  readonly hostIf: string;
  readonly nsIf: string;
  /** 10.231.x.y on `hostIf`, and the next address on `nsIf`. */
  readonly hostAddr: string;
  readonly nsAddr: string;
}

const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');
const run = promisify(execFile);

function ip(args: string[]): string {
  return execFileSync('ip', args, { stdio: 'pipe', encoding: 'utf8' });
}

/**
 * Creates the namespace and its link, or says why this machine cannot (not Linux, not root,
 * `ip netns add` refused). Whatever was created is removed again when creation fails halfway, and
 * at the latest when this process exits.
 */
export function createNetnsLink(): { link: NetnsLink } | { reason: string } {
  if (process.platform !== 'linux') return { reason: `needs Linux (platform ${process.platform})` };
  if (process.getuid?.() !== 0) return { reason: 'needs root (network namespaces and veth pairs)' };
  const id = randomBytes(3).toString('hex');
  const link = { ns: `ark${id}`, hostIf: `va${id}`, nsIf: `vb${id}`, ...freeSubnet() };
  try {
    ip(['netns', 'add', link.ns]);
  } catch (e) {
    return { reason: `ip netns add refused: ${firstLine(e)}` };
  }
  process.once('exit', () => removeNetnsLinkSync(link));
  try {
    ip(['link', 'add', link.hostIf, 'type', 'veth', 'peer', 'name', link.nsIf, 'netns', link.ns]);
    ip(['addr', 'add', `${link.hostAddr}/30`, 'dev', link.hostIf]);
    ip(['link', 'set', link.hostIf, 'up']);
    ip(['-n', link.ns, 'addr', 'add', `${link.nsAddr}/30`, 'dev', link.nsIf]);
    ip(['-n', link.ns, 'link', 'set', link.nsIf, 'up']);
    // A new namespace's loopback is down, and the agent's embedded manager listens on 127.0.0.1.
    ip(['-n', link.ns, 'link', 'set', 'lo', 'up']);
  } catch (e) {
    removeNetnsLinkSync(link);
    return { reason: `veth pair refused: ${firstLine(e)}` };
  }
  return { link };
}

/** A /30 in 10.231.0.0/16 that no interface of this machine uses (parallel runs pick another). */
function freeSubnet(): { hostAddr: string; nsAddr: string } {
  const used = ip(['-o', '-4', 'addr', 'show']);
  for (;;) {
    const prefix = `10.231.${randomInt(256)}`;
    const base = randomInt(64) * 4;
    const hostAddr = `${prefix}.${base + 1}`;
    if (!used.includes(`${prefix}.${base + 1}/`) && !used.includes(`${prefix}.${base + 2}/`)) {
      return { hostAddr, nsAddr: `${prefix}.${base + 2}` };
    }
  }
}

function firstLine(e: unknown): string {
  const stderr = (e as { stderr?: string }).stderr;
  return (stderr || String(e)).trim().split('\n')[0] ?? '';
}

/** Cuts (`false`) or restores (`true`) the link from the test's side; no process is touched. */
export function setHostLink(link: NetnsLink, up: boolean): void {
  ip(['link', 'set', link.hostIf, up ? 'up' : 'down']);
}

/** Runs a TypeScript entry of this repository inside the namespace (`ip netns exec` execs node). */
export function spawnTsInNetns(link: NetnsLink, entry: string, args: string[]): Spawned {
  return captured(
    spawn('ip', ['netns', 'exec', link.ns, process.execPath, '--import', TSX, path.join(ROOT, entry), ...args], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Tries a TCP connection from inside the namespace: `connected`, or the error's code. */
export async function tcpProbeFromNetns(link: NetnsLink, host: string, port: number): Promise<string> {
  const script = `const s = require('node:net').connect({ host: ${JSON.stringify(host)}, port: ${port} });
s.setTimeout(5000, () => { console.log('ETIMEDOUT'); process.exit(0); });
s.on('connect', () => { console.log('connected'); s.destroy(); });
s.on('error', (e) => console.log(e.code ?? e.message));`;
  const { stdout } = await run('ip', ['netns', 'exec', link.ns, process.execPath, '-e', script]);
  return stdout.trim();
}

export interface TcpConnection {
  local: string;
  remote: string;
}

/**
 * The established IPv4 TCP connections of the network namespace `pid` lives in, read from
 * /proc/<pid>/net/tcp (that table is per namespace): e.g. which link a process really dialled over.
 */
export function establishedTcp(pid: number | 'self'): TcpConnection[] {
  const lines = fs.readFileSync(`/proc/${pid}/net/tcp`, 'utf8').trim().split('\n').slice(1);
  return lines
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[3] === '01')
    .map((cols) => ({ local: endpoint(cols[1]!), remote: endpoint(cols[2]!) }));
}

/** `0100007F:0BB8` (address little-endian hex, port hex) → `127.0.0.1:3000`. */
function endpoint(hex: string): string {
  const [addr, port] = hex.split(':') as [string, string];
  const bytes = addr.match(/../g)!.map((b) => parseInt(b, 16));
  return `${bytes.reverse().join('.')}:${parseInt(port, 16)}`;
}

/**
 * Kills every process still in the namespace, then removes the veth pair and the namespace.
 * Never throws: it runs in afterAll and on exit, whatever state a failed test left behind.
 */
export function removeNetnsLinkSync(link: NetnsLink): void {
  const attempt = (args: string[]) => {
    try {
      return ip(args);
    } catch {
      return '';
    }
  };
  for (let round = 0; round < 50; round += 1) {
    const pids = attempt(['netns', 'pids', link.ns]).split('\n').filter(Boolean).map(Number);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); // a synchronous pause: this also runs on exit
  }
  // Deleting one end deletes its peer; the namespace goes once nothing lives in it any more.
  attempt(['link', 'del', link.hostIf]);
  attempt(['netns', 'del', link.ns]);
}

/** Whether anything of the link is left on this machine (the namespace's name or its veth end). */
export function netnsLeftovers(link: NetnsLink): string[] {
  const names = ip(['netns', 'list']);
  const links = ip(['-o', 'link', 'show']);
  return [link.ns, link.hostIf].filter((name) => names.includes(name) || links.includes(`${name}@`));
}
