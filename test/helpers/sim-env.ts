import fs from 'node:fs';
import path from 'node:path';
import { installSteamcmdSim, writeSteamcmdControl } from '../../sim/steamcmd/install.ts';
import type { SteamcmdSimControl } from '../../sim/steamcmd/control.ts';
import { writeServerControl } from '../../sim/ark-server/control.ts';
import { isRunning } from '../../sim/test-support/process.ts';
import { steamcmdPids } from '../../sim/test-support/steamcmd-fixture.ts';
import type { ServerSimControl } from '../../sim/ark-server/control.ts';
import { tempDir } from './harness.ts';

/** A simulated SteamCMD in its own folder, plus helpers to steer it and the servers it installs. */
export class SimEnv {
  private constructor(
    readonly steamcmdDir: string,
    readonly steamcmdPath: string,
  ) {}

  static async create(control: Partial<SteamcmdSimControl> = {}): Promise<SimEnv> {
    const dir = tempDir('ark-steamcmd-');
    const exe = await installSteamcmdSim(dir, { durationMs: 300, payloadBytes: 256 * 1024, ...control });
    return new SimEnv(dir, exe);
  }

  steamcmd(control: Partial<SteamcmdSimControl>): Promise<void> {
    return writeSteamcmdControl(this.steamcmdDir, control);
  }

  /** Pids of the SteamCMD runs still alive (from the simulator's journal: works on every platform). */
  runningSteamcmdPids(): number[] {
    return steamcmdPids(this.steamcmdDir).filter(isRunning);
  }

  /** Steers the server simulator of an instance (read at start and polled while it runs). */
  server(installPath: string, control: Partial<ServerSimControl>): Promise<void> {
    fs.mkdirSync(path.join(installPath, 'ShooterGame', 'Saved'), { recursive: true });
    return writeServerControl(installPath, control);
  }

  /** The simulator's journal of RCON commands and lifecycle events. */
  journal(installPath: string): { event: string; command?: string; pid: number }[] {
    const file = path.join(installPath, 'ShooterGame', 'Saved', 'sim-journal.jsonl');
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { event: string; command?: string; pid: number });
  }
}
