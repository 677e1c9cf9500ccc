// The process tree as Linux /proc shows it: who started whom and which group each process is in,
// to find the server a runner (Proton, Wine) started below itself.
import { readdir } from 'node:fs/promises';
import { parseArgv0, parseProcStat, readProcFile } from './linux-proc.ts';

export interface ProcNode {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
}

/** Field 4 (ppid) of `/proc/<pid>/stat`, counted after the last ')' like parseProcStat does. */
export function parsePpid(text: string): number {
  const fields = text
    .slice(text.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  return Number(fields[4 - 3]);
}

/** Every process /proc lists now; ones that vanish while being read are left out. */
export async function readProcTree(procRoot: string): Promise<ProcNode[]> {
  const names = await readdir(procRoot);
  const nodes = await Promise.all(
    names
      .filter((n) => /^\d+$/.test(n))
      .map(async (n): Promise<ProcNode | null> => {
        const text = await readProcFile(procRoot, Number(n), 'stat').catch(() => null);
        if (text === null) return null;
        const { state, pgrp } = parseProcStat(text);
        return { pid: Number(n), ppid: parsePpid(text), pgrp, state };
      }),
  );
  return nodes.filter((n): n is ProcNode => n !== null);
}

/**
 * The root, its descendants and the members of its process group (live ones only, no zombies).
 * The group matters: a program that double-forks leaves the tree (its parent becomes init) but
 * stays in the group of the detached runner that started it.
 */
export function familyOf(nodes: readonly ProcNode[], root: number): ProcNode[] {
  const live = nodes.filter((n) => n.state !== 'Z');
  const inFamily = new Set<number>([root]);
  for (const n of live) if (n.pgrp === root) inFamily.add(n.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of live) {
      if (!inFamily.has(n.pid) && inFamily.has(n.ppid)) {
        inFamily.add(n.pid);
        grew = true;
      }
    }
  }
  return live.filter((n) => inFamily.has(n.pid));
}

/** The last path segment of argv[0], whichever separator it uses (Wine shows `Z:\…\Server.exe`). */
export function programName(argv0: string): string {
  return argv0.split(/[\\/]/).pop() ?? '';
}

/**
 * The family member whose argv[0] names `program` (case-insensitively: a Windows name). Wine gives
 * a Windows process the Windows path of its executable as argv[0], which is how `pgrep -f
 * ArkAscendedServer.exe` finds it on Proton hosts; the runner itself (`python3 …/proton run
 * …ArkAscendedServer.exe`) names it only in a later argument, so it is not taken for the server.
 */
export async function findProgramIn(
  procRoot: string,
  family: readonly ProcNode[],
  program: string,
): Promise<{ pid: number; argv0: string } | null> {
  const wanted = program.toLowerCase();
  for (const node of family) {
    const cmdline = await readProcFile(procRoot, node.pid, 'cmdline').catch(() => null);
    if (!cmdline) continue;
    const argv0 = parseArgv0(cmdline);
    if (programName(argv0).toLowerCase() === wanted) return { pid: node.pid, argv0 };
  }
  return null;
}
