import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, type InstanceRuntime, type Player } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { serverChatCommand } from '../../domain/chat.ts';
import { isoNow } from '../../domain/clock.ts';
import { buildServerCommandLine, redactCommandLine } from '../../domain/command-line.ts';
import { presenceLine, readPlayerCount, type PlayerCount } from '../../domain/players.ts';
import type { ServerLogLine } from '../../domain/server-log.ts';
import type { InstanceMetrics } from '../local-agent.ts';
import type { InstanceRecord } from '../../store/index.ts';
import type { ProcessIdentity, ProcessUsage } from '../process/process-host.ts';
import { RunPollers } from './run-pollers.ts';
import { CrashHandler } from './crash-handler.ts';
import { checkPorts, SERVER_EXE, startableRecord } from './start-checks.ts';
import { ASA_API_LOADER } from '../asa-api/asa-api-files.ts';
import { loaderOrFail, serverBelowLoader } from '../asa-api/loader-launch.ts';
import { withAsaApiLog } from '../asa-api/asa-api-log-follower.ts';
import { Readiness } from './readiness.ts';
import { ServerRun } from './server-run.ts';
import { StatusSetter } from './status-setter.ts';
import { checkRecorded, unconfirmedReason, UnconfirmedProcesses } from './unconfirmed-processes.ts';
import { countdown, saveAndExit, saveWorld, type StopOptions, type StopSteps } from './stop-sequence.ts';
import {
  DEFAULT_TIMEOUTS,
  type LogFollowHandle,
  type SupervisorDeps,
  type SupervisorTimeouts,
} from './supervisor-deps.ts';

export interface JobControl {
  signal: AbortSignal;
  progress: (percent: number, message: string) => void;
}

export { SERVER_EXE };

/**
 * Supervises the ASA servers of the local agent (pterodactyl/wings `server/power.go`): start,
 * graceful stop, crash detection with a guarded automatic restart, RCON, players, and finding the
 * servers again after the manager restarts. Callers serialise power actions per instance through
 * the job runner's instance lock; status changes all go through the StatusSetter.
 */
export class Supervisor {
  private readonly runs = new Map<string, ServerRun>();
  private readonly follows = new Map<string, LogFollowHandle>();
  private readonly usageByInstance = new Map<string, ProcessUsage>();
  private readonly pollers = new Map<string, RunPollers>();
  private readonly crashes: CrashHandler;
  private readonly readiness: Readiness;
  private readonly timeouts: SupervisorTimeouts;
  private detached = false;
  readonly status: StatusSetter;
  /** Recorded processes that still run but could not be confirmed as the server after a restart. */
  readonly unconfirmed: UnconfirmedProcesses;

  constructor(private readonly deps: SupervisorDeps) {
    this.status = new StatusSetter(deps.store, deps.bus, deps.clock);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.unconfirmed = new UnconfirmedProcesses(deps.host);
    this.crashes = new CrashHandler(deps, this.status, (id, message, level) => this.say(id, message, level));
    this.readiness = new Readiness(this.status, (id, message) => this.say(id, message), this.timeouts);
  }

  /** Starts the server and resolves once it is RUNNING (advertising for join or answering RCON). */
  async start(instanceId: string, job: JobControl, reason?: string): Promise<{ pid: number }> {
    this.assertLocal(instanceId);
    const record = startableRecord(this.deps.store, instanceId, this.isRunning(instanceId));
    this.unconfirmed.assertNone(instanceId);
    // AsaApi's loader takes the server's own arguments and starts the server itself (docs/asa-api.md).
    const exe = record.settings.asaApi?.enabled
      ? await loaderOrFail(record.installPath!, record.name)
      : path.join(record.installPath!, ...SERVER_EXE);
    job.progress(5, 'Checking ports…');
    await checkPorts(record, this.deps.portFree);
    job.progress(10, 'Writing GameUserSettings.ini…');
    await this.deps.files.ensureManagedSettings(record);
    const cluster = this.deps.clusterOf?.(instanceId) ?? null;
    // Made here, before the first member runs, so a problem with the shared folder fails the start plainly.
    if (cluster) await fs.mkdir(cluster.clusterDir, { recursive: true });
    if (!reason) this.crashes.userStarted(instanceId);
    this.status.set(instanceId, 'STARTING', reason ?? 'Start requested');
    const args = buildServerCommandLine(record.settings, cluster);
    this.say(
      instanceId,
      `Starting ${record.settings.map} on port ${record.settings.gamePort} (RCON ${record.settings.rconPort})`,
    );
    this.say(instanceId, `Command line: ${path.basename(exe)} ${redactCommandLine(args).join(' ')}`);
    job.progress(15, 'Starting the server process…');
    const run = await this.launch(record, exe, args);
    job.progress(20, 'Loading the map (this takes a minute or two)…');
    await this.readiness.awaitReady(run, {
      signal: job.signal,
      onAbort: async () =>
        void (await this.stop(instanceId, {
          signal: new AbortController().signal,
          progress: job.progress,
          message: 'Start cancelled',
        })),
    });
    job.progress(100, 'Running');
    return { pid: run.process.pid };
  }

  /** Warns players (optional countdown), saves, asks the server to exit, kills only as a last resort. */
  async stop(
    instanceId: string,
    opts: StopOptions & JobControl,
  ): Promise<{ wasRunning: boolean; killed: boolean; warnings: number }> {
    const run = this.runs.get(instanceId);
    if (!run?.alive) {
      this.assertLocal(instanceId);
      this.settleStopped(instanceId, 'Stopped by a user');
      return { wasRunning: false, killed: false, warnings: 0 };
    }
    const steps = this.steps(instanceId, opts.progress);
    run.stopIntent = true;
    const before = this.status.current(instanceId);
    let warnings = 0;
    try {
      if (before === 'RUNNING' && opts.countdownMinutes)
        warnings = await countdown(run, opts, this.deps.clock, steps, opts.signal);
    } catch (err) {
      run.stopIntent = false; // countdown cancelled: the server keeps running
      throw err;
    }
    if (!run.alive) {
      this.settleStopped(instanceId, 'Stopped by a user');
      return { wasRunning: true, killed: false, warnings };
    }
    this.status.set(instanceId, 'STOPPING', opts.message ?? 'Stop requested');
    const exited = run.isReady ? await saveAndExit(run, steps, this.timeouts) : this.notReady(steps);
    const killed = !exited && (await this.kill(run, steps));
    this.status.set(instanceId, 'STOPPED', killed ? 'Killed after it did not exit in time' : undefined);
    steps.say('Server stopped');
    return { wasRunning: true, killed, warnings };
  }

  /** Runs an RCON command on a RUNNING server. */
  async rcon(instanceId: string, command: string): Promise<string> {
    const run = this.running(instanceId);
    this.say(instanceId, `RCON> ${command}`);
    return run.rcon().send(command);
  }

  /**
   * ServerChat on a RUNNING server. The line comes back through GetChat as `SERVER: <message>`
   * (docs/ark-facts.md#rcon-commands), fetched at once, so it shows as a chat line like any other.
   */
  async serverChat(instanceId: string, message: string): Promise<string> {
    const reply = await this.running(instanceId).rcon().send(serverChatCommand(message));
    await this.pollers.get(instanceId)?.chat.pollNow();
    return reply;
  }

  /**
   * SaveWorld on a RUNNING server, resolving once the log says "World Save Complete" (true) or
   * after `timeoutMs` / when RCON fails (false). The marker, not the RCON reply, is the proof: the
   * reply text varies (docs/ark-facts.md#rcon-commands) and the save file is renamed into place before the line.
   */
  async saveWorld(instanceId: string, timeoutMs = this.timeouts.saveMs): Promise<boolean> {
    return saveWorld(this.running(instanceId), (message, level) => this.say(instanceId, message, level), timeoutMs);
  }

  /** The players online: from ListPlayers, or the ones the log showed when ListPlayers gives no list. */
  async players(instanceId: string): Promise<Player[]> {
    const run = this.runs.get(instanceId);
    if (!run?.isReady || this.status.current(instanceId) !== 'RUNNING') return [];
    const read = await this.askPlayers(run);
    if (!read.known) this.deps.logger.debug({ instanceId, reason: read.reason }, 'using the players seen in the log');
    return [...run.players.values()];
  }

  /**
   * How many players are online, for decisions that must not guess: unknown when the server does
   * not answer ListPlayers with a player list. Log lines are not enough: join and leave lines are
   * not written by every build or language, so a count from them can read zero with players on.
   */
  async playerCount(instanceId: string): Promise<{ count: number } | { unknown: string }> {
    const run = this.runs.get(instanceId);
    if (!run?.isReady || this.status.current(instanceId) !== 'RUNNING') return { count: 0 };
    const read = await this.askPlayers(run);
    return read.known ? { count: read.players.length } : { unknown: read.reason };
  }

  /** ListPlayers, the ground truth: the run's players become its answer, and joins and leaves the log missed are said. */
  private async askPlayers(run: ServerRun): Promise<PlayerCount> {
    let read: PlayerCount;
    try {
      read = readPlayerCount(await run.rcon().send('ListPlayers'));
    } catch (err) {
      return { known: false, reason: `ListPlayers failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!read.known) return read;
    const { joined, left } = run.applyPlayerList(read.players);
    for (const p of joined) this.say(run.instanceId, presenceLine('joined', p));
    for (const p of left) this.say(run.instanceId, presenceLine('left', p));
    return read;
  }

  runtime(instanceId: string): InstanceRuntime | null {
    const run = this.runs.get(instanceId);
    if (!run) return null;
    const usage = this.usageByInstance.get(instanceId);
    return {
      pid: run.process.pid,
      startedAt: run.startedAt,
      playersOnline: run.players.size,
      cpuPercent: usage?.cpuPercent ?? null,
      memoryBytes: usage?.memoryBytes ?? null,
    };
  }

  isRunning(instanceId: string): boolean {
    return this.runs.get(instanceId)?.alive ?? false;
  }

  liveInstanceIds(): string[] {
    return [...this.runs.keys()];
  }

  /** CPU and memory of every server process, for the agent heartbeat. */
  async sampleUsage(): Promise<InstanceMetrics> {
    const runs = [...this.runs.values()];
    const usage = await this.deps.host.usage(runs.map((r) => r.process.pid));
    return runs.map((run) => {
      const u = usage.get(run.process.pid);
      if (u) this.usageByInstance.set(run.instanceId, u);
      return {
        instanceId: run.instanceId,
        pid: run.process.pid,
        cpuPercent: u?.cpuPercent ?? null,
        memoryBytes: u?.memoryBytes ?? null,
        playersOnline: run.players.size,
      };
    });
  }

  /**
   * After a manager restart: re-attach to servers that are still running (same pid, executable
   * and start time — a recycled pid is left alone) and settle the rest.
   */
  async recover(): Promise<void> {
    // Only this agent's servers: a remote host's row may say RUNNING with a pid of that host,
    // which here is nobody's, or worse, another program's.
    for (const record of this.deps.store.instances.listAll().filter((r) => this.isLocal(r))) {
      try {
        await this.recoverOne(record);
      } catch (err) {
        this.deps.logger.error({ err, instanceId: record.id }, 'could not recover the instance');
      }
    }
  }

  /** Manager shutdown while servers keep running: let go of them without touching the processes. */
  async detach(): Promise<void> {
    this.detached = true;
    this.unconfirmed.clear();
    for (const handle of this.follows.values()) handle.stop();
    this.follows.clear();
    for (const pollers of this.pollers.values()) pollers.stop();
    this.pollers.clear();
    await Promise.all([...this.runs.values()].map((r) => r.closeRcon()));
    this.runs.clear();
  }

  private async launch(record: InstanceRecord, exe: string, args: string[]): Promise<ServerRun> {
    const installDir = record.installPath!;
    const viaLoader = path.basename(exe) === ASA_API_LOADER;
    const follow = viaLoader
      ? await withAsaApiLog(this.follow(record.id, installDir, true), record.id, installDir, this.deps)
      : this.follow(record.id, installDir, true);
    try {
      const compatPrefix = this.deps.compatPrefixOf?.(record.id);
      const spawned = await this.deps.host.spawn(exe, args, { cwd: path.dirname(exe), compatPrefix });
      const proc = viaLoader ? await serverBelowLoader(this.deps.host, spawned) : spawned;
      const startedAt = isoNow(this.deps.clock);
      this.deps.store.instances.setProcess(record.id, {
        pid: proc.pid,
        exePath: proc.exePath,
        startTimeMs: proc.startTimeMs,
        startedAt,
      });
      return this.attach(record, new ServerRun(record.id, proc, record.settings, startedAt), follow);
    } catch (err) {
      follow.stop();
      this.status.set(record.id, 'STOPPED', 'The server process could not be started');
      // Said as it is: the user has a setting to fix, not a crash to read about.
      if (err instanceof AppError && err.code === ErrorCode.LINUX_RUNNER_REQUIRED) throw err;
      throw new AppError(ErrorCode.START_FAILED, `Could not start the server: ${(err as Error).message}`, undefined, {
        cause: err,
      });
    }
  }

  private attach(record: InstanceRecord, run: ServerRun, follow: LogFollowHandle): ServerRun {
    this.runs.set(record.id, run);
    this.follows.set(record.id, follow);
    this.pollers.get(record.id)?.stop();
    this.pollers.set(record.id, this.runPollers(run));
    this.say(record.id, `Server process ${run.process.pid} started`);
    run.onExit(() => void this.handleExit(run));
    return run;
  }

  private follow(instanceId: string, installDir: string, fromStart: boolean): LogFollowHandle {
    return this.deps.followLog({
      instanceId,
      installDir,
      fromStart,
      onLine: (line) => this.onLogLine(instanceId, line),
    });
  }

  private onLogLine(instanceId: string, line: ServerLogLine): void {
    const run = this.runs.get(instanceId);
    if (!run || !line.marker) return;
    run.onMarker(line.marker);
    if (line.marker.kind === 'ready') this.readiness.becomeRunning(run, 'The server is advertising for join');
  }

  /** Chat as `chat` log lines (through the log sink like every other line), and who is online. */
  private runPollers(run: ServerRun): RunPollers {
    const id = run.instanceId;
    return new RunPollers(run, {
      chatPollMs: this.timeouts.chatPollMs,
      playersPollMs: this.timeouts.playersPollMs,
      active: () => run.isReady && this.status.current(id) === 'RUNNING',
      finished: () => this.detached || !run.alive || this.runs.get(id) !== run,
      onChatLine: (message) => this.deps.logs.append(id, { level: 'INFO', source: 'chat', message }),
      askPlayers: () => this.askPlayers(run),
      logger: this.deps.logger.child({ instanceId: id }),
    });
  }

  private notReady(steps: StopSteps): false {
    steps.say('The server has not finished starting, so it cannot save; stopping its process');
    return false;
  }

  private async kill(run: ServerRun, steps: StopSteps): Promise<true> {
    if (run.alive)
      steps.say(`The server did not exit; killing process ${run.process.pid} and its children (last resort)`, 'WARN');
    await this.deps.host.killTree(run.process.pid);
    await run.waitForExit(15_000);
    return true;
  }

  /** Brings a status without a live process to STOPPED (via STOPPING when the machine requires it). */
  private settleStopped(instanceId: string, reason: string): void {
    const status = this.status.current(instanceId);
    if (status === 'STARTING' || status === 'RUNNING') this.status.set(instanceId, 'STOPPING', reason);
    if (['STARTING', 'RUNNING', 'STOPPING', 'CRASHED'].includes(this.status.current(instanceId))) {
      this.status.set(instanceId, 'STOPPED', reason);
    }
  }

  private async handleExit(run: ServerRun): Promise<void> {
    const id = run.instanceId;
    if (this.detached || this.runs.get(id) !== run) return;
    this.runs.delete(id);
    this.follows.get(id)?.stop();
    this.follows.delete(id);
    this.pollers.get(id)?.stop();
    this.pollers.delete(id);
    const lastMemoryBytes = this.usageByInstance.get(id)?.memoryBytes ?? null;
    this.usageByInstance.delete(id);
    this.deps.store.instances.setProcess(id, null);
    await run.closeRcon();
    // The manager may have shut down (and closed the store) while RCON was closing: the exit is then
    // found by the next start's recovery, not handled here.
    if (this.detached) return;
    const status = this.status.current(id);
    // Otherwise a stop is finishing it.
    if (status === 'STARTING' || status === 'RUNNING') this.crashes.exitedUnasked(run, lastMemoryBytes);
  }

  private async recoverOne(record: InstanceRecord): Promise<void> {
    // A failed query is not an exit: keepUnconfirmed looks again before anything is concluded.
    const proc = record.process ? await this.deps.host.adopt(record.process).catch(() => null) : null;
    if (record.status === 'UPDATING')
      this.status.set(record.id, 'STOPPED', 'An update was interrupted by a manager restart; run it again');
    if (!proc) {
      if (record.process && (await this.keepUnconfirmed(record, record.process))) return;
      if (record.process) this.deps.store.instances.setProcess(record.id, null);
      if (record.status === 'STARTING' || record.status === 'RUNNING') this.crashes.vanished(record.id);
      else if (record.status === 'STOPPING')
        this.status.set(record.id, 'STOPPED', 'The server exited while the manager was not running');
      return;
    }
    const run = new ServerRun(record.id, proc, record.settings, record.process!.startedAt);
    run.learnPlayersSilently = true; // the players online now joined while we were away
    this.attach(
      record,
      run,
      this.follow(record.id, record.installPath ?? this.deps.files.instanceDir(record.id), false),
    );
    this.say(
      record.id,
      `Found the server still running (process ${proc.pid}) after the manager restarted; supervising it again`,
    );
    if (record.status === 'RUNNING') run.markReady();
    else if (record.status === 'STOPPING')
      await this.stop(record.id, { signal: new AbortController().signal, progress: () => undefined });
    else {
      if (record.status !== 'STARTING')
        this.status.set(record.id, 'STARTING', 'Found a server process while its status said otherwise');
      void this.readiness.watchAdopted(run, () => this.detached);
    }
  }

  /**
   * A recorded process that runs but is not confirmed as the server (its launcher renamed it, the
   * OS would not say): neither adopted nor forgotten. The instance says so, and a start is refused
   * until that process exits, since a second server would fight it for ports and save files.
   */
  private async keepUnconfirmed(record: InstanceRecord, recorded: ProcessIdentity): Promise<boolean> {
    const check = await checkRecorded(this.deps.host, recorded);
    if (check.kind === 'gone') return false;
    const reason = unconfirmedReason(check.pid);
    this.say(record.id, `${reason} (${check.why})`, 'WARN');
    if (record.status === 'STARTING' || record.status === 'RUNNING') this.status.set(record.id, 'CRASHED', reason);
    else if (record.status === 'STOPPING') this.status.set(record.id, 'STOPPED', reason);
    this.watchUnconfirmed(record.id, recorded);
    return true;
  }

  private watchUnconfirmed(instanceId: string, recorded: ProcessIdentity): void {
    this.unconfirmed.add(instanceId, recorded, () => {
      this.deps.store.instances.setProcess(instanceId, null);
      this.say(instanceId, `Process ${recorded.pid} has exited; the server can be started again`);
    });
  }

  /**
   * The user's answer about an unconfirmed process (404 when there is none): `adopt` supervises it
   * as this server (RUNNING once its RCON answers); `end` ends it, without RCON since it may not
   * be the server, and leaves the instance STOPPED.
   */
  async resolveUnconfirmed(instanceId: string, action: 'adopt' | 'end'): Promise<void> {
    const recorded = this.unconfirmed.take(instanceId);
    try {
      if (action === 'adopt') await this.adoptUnconfirmed(instanceId, recorded);
      else await this.endUnconfirmed(instanceId, recorded);
    } catch (err) {
      this.watchUnconfirmed(instanceId, recorded); // still running and still unknown: the choice stays open
      throw err;
    } finally {
      this.unconfirmed.settled(instanceId);
    }
  }

  private async adoptUnconfirmed(instanceId: string, recorded: ProcessIdentity): Promise<void> {
    const record = this.deps.store.instances.get(instanceId)!;
    const proc = await this.unconfirmed.hosted(recorded);
    if (!proc) {
      this.deps.store.instances.setProcess(instanceId, null);
      this.say(instanceId, `Process ${recorded.pid} has exited; the server can be started again`);
      return;
    }
    // Recorded as it runs now (the file really executed), so the next manager restart confirms it.
    const live = await this.deps.host.inspect(proc.pid).catch(() => null);
    const startedAt = record.process?.startedAt ?? isoNow(this.deps.clock);
    const exePath = live?.exeLink || live?.exePath || recorded.exePath;
    this.deps.store.instances.setProcess(instanceId, { ...recorded, exePath, startedAt });
    const run = new ServerRun(instanceId, proc, record.settings, startedAt);
    run.learnPlayersSilently = true;
    const dir = record.installPath ?? this.deps.files.instanceDir(instanceId);
    this.attach(record, run, this.follow(instanceId, dir, false));
    this.say(instanceId, `A user confirmed process ${proc.pid} is this server; supervising it again`);
    this.status.set(instanceId, 'STARTING', `Process ${proc.pid} adopted at a user's word; RUNNING once RCON answers`);
    void this.readiness.watchAdopted(run, () => this.detached);
  }

  private async endUnconfirmed(instanceId: string, recorded: ProcessIdentity): Promise<void> {
    this.say(
      instanceId,
      `Ending process ${recorded.pid} at a user's request (no save: it may not be this server)`,
      'WARN',
    );
    const how = await this.unconfirmed.end(recorded, Math.min(this.timeouts.exitMs, 30_000));
    this.deps.store.instances.setProcess(instanceId, null);
    const said = { gone: 'had already exited', terminated: 'exited', killed: 'was killed after it did not exit' };
    this.say(instanceId, `Process ${recorded.pid} ${said[how]}; the server can be started again`);
    this.settleStopped(instanceId, `Process ${recorded.pid} was ended by a user`);
  }

  private isLocal(record: InstanceRecord): boolean {
    return !this.deps.localAgentId || record.agentId === this.deps.localAgentId();
  }

  private assertLocal(instanceId: string): void {
    const record = this.deps.store.instances.get(instanceId);
    if (record && !this.isLocal(record))
      throw AppError.invalidState(`"${record.name}" runs on another host: its own manager starts and stops it`);
  }

  private running(instanceId: string): ServerRun {
    const run = this.runs.get(instanceId);
    const status = this.status.current(instanceId);
    if (!run?.alive || status !== 'RUNNING') {
      throw new AppError(
        ErrorCode.INSTANCE_NOT_RUNNING,
        `The server is ${status.toLowerCase()}; RCON works only while it is running`,
      );
    }
    return run;
  }

  private steps(instanceId: string, progress: JobControl['progress']): StopSteps {
    return { say: (message, level) => this.say(instanceId, message, level), progress };
  }

  private say(instanceId: string, message: string, level: 'INFO' | 'WARN' | 'ERROR' = 'INFO'): void {
    this.deps.logs.append(instanceId, { level, source: 'manager', message });
  }
}
