import path from 'node:path';
import Database from 'better-sqlite3';
import type { Agent, Instance, Job, TransferRules } from '@ark-asa/contracts';
import { expect } from 'vitest';
import { type Harness } from './harness.ts';
import type { TestHost } from './remote-servers.ts';
import type { SimEnv } from './sim-env.ts';

/** One line of the server simulator's journal, with what the clusters tests read of it. */
export interface JournalLine {
  ts: string;
  event: string;
  args?: string[];
}

/** The simulator's journal of a server, read from its install folder (on whichever host it is). */
export function journalLines(sim: SimEnv, instance: Instance): JournalLine[] {
  return sim.journal(instance.installPath!) as unknown as JournalLine[];
}

/** The command line the server's latest process started with. */
export function startedArgs(sim: SimEnv, instance: Instance): string[] {
  return journalLines(sim, instance).findLast((e) => e.event === 'started')?.args ?? [];
}

/** The value of `-name=value` on a command line (ARK's options are case-insensitive). */
export function flag(args: string[], name: string): string | undefined {
  const found = args.find((a) => a.toLowerCase().startsWith(`-${name.toLowerCase()}=`));
  return found?.slice(name.length + 2);
}

/** When the journal last recorded `event` (ISO time, comparable as a string). */
export function lastAt(sim: SimEnv, instance: Instance, event: string): string {
  const at = journalLines(sim, instance).findLast((e) => e.event === event)?.ts;
  if (!at) throw new Error(`no ${event} in the journal of ${instance.name}`);
  return at;
}

/** The jobs of a `202 {jobs}` answer of a cluster action. */
export function acceptedJobs(res: { status: number; body: unknown }): Job[] {
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return (res.body as { jobs: Job[] }).jobs;
}

/** The fields a 400 names. */
export function fieldsOf(res: { status: number; body: unknown }): string[] {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  return (res.body as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field);
}

/** This PC's agent: its id keys this PC's folder of a cluster. */
export async function localAgentId(h: Harness): Promise<string> {
  const agents = (await h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items;
  return agents.find((a) => a.kind === 'local')!.id;
}

/** The copy of a cluster a host's own manager holds, read from its database (no route reaches it from here). */
export interface HostCopy {
  gameClusterId: string;
  clusterDir: string;
  transferRules: TransferRules;
}

export function hostCopy(host: TestHost, clusterId: string): HostCopy | null {
  const db = new Database(path.join(host.dataDir, 'host', 'manager.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT game_cluster_id, cluster_dir, transfer_rules FROM clusters WHERE id = ?')
      .get(clusterId) as { game_cluster_id: string; cluster_dir: string; transfer_rules: string } | undefined;
    if (!row) return null;
    const transferRules = JSON.parse(row.transfer_rules) as TransferRules;
    return { gameClusterId: row.game_cluster_id, clusterDir: row.cluster_dir, transferRules };
  } finally {
    db.close();
  }
}
