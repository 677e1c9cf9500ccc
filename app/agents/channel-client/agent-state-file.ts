import fs from 'node:fs';
import path from 'node:path';
import { AgentInstanceState, AgentSettings } from '@ark-asa/contracts';
import { z } from 'zod';

/**
 * The agent's own small state, in its data dir: which agent it is (so a data dir cannot silently
 * change hands), the settings it last received, and the servers it runs. Nothing here is trusted by
 * the control plane: it reconciles what the agent reports against its own records.
 */
export const AgentState = z.object({
  v: z.literal(1),
  agentId: z.string().nullable(),
  controlPlane: z.string().nullable(),
  settings: AgentSettings.nullable(),
  instances: z.array(AgentInstanceState),
});
export type AgentState = z.infer<typeof AgentState>;

export const STATE_FILE = 'agent-state.json';

const EMPTY: AgentState = { v: 1, agentId: null, controlPlane: null, settings: null, instances: [] };

export class AgentStateFile {
  private state: AgentState;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, STATE_FILE);
    this.state = read(this.file);
  }

  get(): AgentState {
    return this.state;
  }

  /** Written aside and renamed into place: a crash leaves the old state or the new, never half. */
  update(change: Partial<Omit<AgentState, 'v'>>): void {
    this.state = { ...this.state, ...change };
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(this.state, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }
}

function read(file: string): AgentState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return EMPTY;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = AgentState.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not an agent state file; move it away or use another --data-dir`);
  return parsed.data;
}
