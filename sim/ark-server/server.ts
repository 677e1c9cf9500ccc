// The running server: startup, RCON, players, saves, exit and crashes, driven by the control file.
import { createSocket } from 'node:dgram';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJsonObjectSync, writeFileAtomicSync } from '../shared/json-file.ts';
import { echoCommandLine } from './cmdline.ts';
import type { ParsedCommandLine } from './cmdline.ts';
import { ChatBuffer } from './chat.ts';
import { executeCommand } from './commands.ts';
import type { CommandTarget } from './commands.ts';
import { readServerControl } from './control.ts';
import type { ServerSimControl } from './control.ts';
import { crashLogLines, writeCrashReport } from './crash.ts';
import { createDefaultGus, rewriteGus } from './gus-file.ts';
import type { IniDoc } from './ini.ts';
import { Journal } from './journal.ts';
import { installMods } from './mods.ts';
import { saveFilePath } from './paths.ts';
import type { ServerPaths } from './paths.ts';
import { PlayerRoster } from './players.ts';
import type { OnlinePlayer } from './players.ts';
import { startRconServer, type RconHost } from './rcon-server.ts';
import { rconActive } from './settings.ts';
import type { ServerSettings } from './settings.ts';
import { ADVERTISING_LINE, runStartup } from './startup.ts';
import { gameLogStamp, localStamp, UeLog } from './ue-log.ts';
import { writeWorldSave } from './world.ts';

export interface ServerInit {
  paths: ServerPaths;
  cmd: ParsedCommandLine;
  settings: ServerSettings;
  gus: { doc: IniDoc; existed: boolean };
  control: ServerSimControl;
}

const POLL_MS = 200;
const FRAMES_PER_SECOND = 30;
/** RCONServerGameLogBuffer default (docs/ark-facts.md#config-files). */
const GAME_LOG_BUFFER = 600;

export class ArkServerSim implements CommandTarget {
  private control: ServerSimControl;
  private readonly startedAt = Date.now();
  private readyAt: number | null = null;
  private readonly log: UeLog;
  private readonly journal: Journal;
  private readonly roster: PlayerRoster;
  private gameLog: string[] = [];
  private readonly chat = new ChatBuffer();
  private saveChain: Promise<void> = Promise.resolve();
  private lastPoll = Date.now();
  private floodCarry = 0;
  private floodCount = 0;
  /** Memory held on purpose (memoryGrowthMbPerSec). */
  private readonly ballast: Buffer[] = [];
  private exitScheduled = false;
  private ended = false;

  constructor(private readonly init: ServerInit) {
    this.control = init.control;
    this.journal = new Journal(init.paths.journal);
    this.log = UeLog.open(init.paths.log, () => this.frame());
    this.roster = new PlayerRoster({
      joined: (p) => this.playerLine(p, 'joined'),
      left: (p) => this.playerLine(p, 'left'),
    });
    this.journal.write('started', { args: init.cmd.args, map: init.settings.map, session: init.settings.sessionName });
  }

  async run(): Promise<void> {
    this.installSignalHandlers();
    setInterval(() => this.poll(), POLL_MS);
    this.prepareFiles();
    const { settings } = this.init;
    if (settings.mods.length + settings.passiveMods.length > 0) {
      await installMods(this.init.paths.win64, [...settings.mods, ...settings.passiveMods]);
    }
    const reached = await runStartup({
      log: this.log,
      settings,
      args: this.init.cmd.args,
      arkVersion: this.arkVersion(),
      startupSeconds: this.control.startupSeconds,
      startedAt: this.startedAt,
      hangOnStart: () => this.control.hangOnStart,
    });
    if (!reached || this.ended) return;
    await this.startRcon();
    if (this.control.listenGamePort) await this.listenGamePort();
    this.log.line(`Number of cores ${os.availableParallelism()}`);
    this.log.line(ADVERTISING_LINE);
    this.readyAt = Date.now();
    this.journal.write('ready', { rcon: rconActive(settings) ? settings.rconPort : null });
    this.poll();
  }

  /** UE's frame counter: 0 while loading, then ticking; printed modulo 1000. */
  private frame(): number {
    return this.readyAt === null ? 0 : Math.floor(((Date.now() - this.readyAt) / 1000) * FRAMES_PER_SECOND);
  }

  private prepareFiles(): void {
    const { paths, gus, settings } = this.init;
    mkdirSync(paths.configDir, { recursive: true });
    // Transfer data (uploads) goes under -ClusterDirOverride when given; the game makes the folder.
    if (settings.clusterDir) mkdirSync(settings.clusterDir, { recursive: true });
    mkdirSync(path.dirname(saveFilePath(paths, settings.map, settings.altSaveDir)), { recursive: true });
    if (!gus.existed) createDefaultGus(paths, gus.doc, settings);
    else if (this.control.rewriteIniOnStart) rewriteGus(paths, gus.doc, settings);
  }

  private arkVersion(): string {
    if (this.control.arkVersion !== null) return this.control.arkVersion;
    try {
      return readFileSync(path.join(this.init.paths.win64, 'version.txt'), 'utf8').trim() || '25.54';
    } catch {
      return '25.54';
    }
  }

  private async startRcon(): Promise<void> {
    const { settings } = this.init;
    if (!rconActive(settings)) return;
    try {
      const rconHost: RconHost = {
        password: settings.adminPassword,
        leadingEmptyAuthResponse: () => this.control.authLeadingEmptyResponse,
        splitReplies: () => this.control.rconSplitReplies,
        onAuth: (ok, remote) => this.journal.write('rcon-auth', { ok, remote }),
        execute: (line) => {
          this.journal.write('rcon', { command: line });
          return executeCommand(this, line);
        },
      };
      const { port } = await startRconServer(settings.rconPort, rconHost, settings.multiHome ?? undefined);
      this.journal.write('rcon-listening', { port, address: settings.multiHome ?? '0.0.0.0' });
    } catch (err) {
      // The game keeps running without RCON when the port is taken.
      this.log.line(`LogSockets: Warning: RCON failed to listen on port ${settings.rconPort}`);
      this.journal.write('rcon-bind-failed', { port: settings.rconPort, error: String(err) });
    }
  }

  /** The game's UDP socket: it only has to exist (nothing speaks the game protocol to the simulator). */
  private listenGamePort(): Promise<void> {
    const { port, multiHome } = this.init.settings;
    const socket = createSocket(multiHome?.includes(':') ? 'udp6' : 'udp4');
    return new Promise((resolve) => {
      socket.once('error', (err) => {
        this.journal.write('game-bind-failed', { port, error: String(err) });
        socket.close();
        resolve();
      });
      socket.bind(port, multiHome ?? '0.0.0.0', () => {
        this.journal.write('game-listening', { port, address: multiHome ?? '0.0.0.0' });
        resolve();
      });
    });
  }

  private poll(): void {
    if (this.ended) return;
    this.control = readServerControl(this.init.paths.control) ?? this.control;
    const now = Date.now();
    const c = this.control;
    if (c.crashNow || (c.crashAfterSeconds !== null && now - this.startedAt >= c.crashAfterSeconds * 1000))
      this.crash();
    if (this.readyAt !== null) {
      this.roster.tick((now - this.readyAt) / 1000, c.players);
      this.chat.tick((now - this.readyAt) / 1000, c.chat, (line) => this.chatLine(line));
    }
    this.flood(now);
    this.growMemory(now);
  }

  /**
   * `-GBUsageToForceRestart=<GB>`: past that much memory the server saves and exits by itself (code 0)
   * for whoever runs it to start it again (docs/ark-facts.md, memory restarts). The exact log text
   * and exit code of the real server are open questions, so the simulator prints no special line.
   */
  private growMemory(now: number): void {
    if (this.readyAt === null || this.exitScheduled) return;
    const mb = Math.floor((this.control.memoryGrowthMbPerSec * (now - this.readyAt)) / 1000) - this.ballast.length;
    for (let i = 0; i < mb; i += 1) this.ballast.push(Buffer.alloc(1024 * 1024, 1));
    const limitGb = Number.parseFloat(this.init.cmd.flags.get('gbusagetoforcerestart') ?? '');
    if (!(limitGb > 0) || process.memoryUsage().rss < limitGb * 1024 ** 3) return;
    this.journal.write('memory-restart', { rss: process.memoryUsage().rss, limitGb });
    this.exitScheduled = true;
    void this.saveWorld().then(() => this.shutdown('GBUsageToForceRestart'));
  }

  private flood(now: number): void {
    const due = (this.control.floodLinesPerSec * (now - this.lastPoll)) / 1000 + this.floodCarry;
    this.lastPoll = now;
    const n = Math.floor(due);
    this.floodCarry = due - n;
    for (let i = 0; i < n; i += 1) {
      this.floodCount += 1;
      this.log.line(`LogSimFlood: Warning: simulated log flood line ${this.floodCount}`);
    }
  }

  private gameLogLine(text: string): void {
    const line = `${gameLogStamp(new Date())}: ${text}`;
    this.log.line(line);
    this.gameLog.push(line);
    if (this.gameLog.length > GAME_LOG_BUFFER) this.gameLog = this.gameLog.slice(-GAME_LOG_BUFFER);
  }

  /** `Name [UniqueNetId:<32hex> Platform:None] joined this ARK!` (docs/ark-facts.md#logs). */
  private playerLine(p: OnlinePlayer, what: 'joined' | 'left'): void {
    if (this.control.logPlayerLines)
      this.gameLogLine(`${p.name} [UniqueNetId:${p.id} Platform:${p.platform}] ${what} this ARK!`);
    this.journal.write(what === 'joined' ? 'player-joined' : 'player-left', { name: p.name, id: p.id });
  }

  // ---- CommandTarget ----

  players(): OnlinePlayer[] {
    return this.roster.list();
  }

  /** Saves are serialised: two SaveWorld commands never write the same temp file at once. */
  saveWorld(): Promise<void> {
    const run = this.saveChain.then(() => this.writeSave());
    this.saveChain = run.catch(() => undefined);
    return run;
  }

  private async writeSave(): Promise<void> {
    const { paths, settings } = this.init;
    const file = saveFilePath(paths, settings.map, settings.altSaveDir);
    const meta = { map: settings.map, players: this.roster.list().length };
    const result = await writeWorldSave(file, this.control.saveBytes, this.control.saveSeconds, meta);
    this.log.line(`World Save Complete. Took: ${result.tookSeconds.toFixed(2)}`);
    this.journal.write('saved', { file, took: result.tookSeconds });
  }

  /** DoExit saves first (docs/ark-facts.md#rcon-commands), then exits with code 0 shortly after the reply. */
  async doExit(): Promise<void> {
    await this.saveWorld();
    if (this.control.ignoreDoExit) {
      this.journal.write('exit-ignored', {});
      return;
    }
    if (this.exitScheduled) return;
    this.exitScheduled = true;
    setTimeout(() => this.shutdown('DoExit'), this.control.exitDelayMs);
  }

  private shutdown(reason: string): never {
    this.ended = true;
    this.log.line('LogExit: Game engine shut down');
    rewriteGus(this.init.paths, this.init.gus.doc, this.init.settings);
    this.log.line(`Log file closed, ${localStamp(new Date())}`);
    this.log.close();
    this.journal.write('exit', { code: 0, reason });
    process.exit(0);
  }

  /** Chat goes to the game log too (AMP's ark-sa `Console.UserChatRegex` reads it there). */
  private chatLine(line: string): void {
    this.gameLogLine(line);
    this.chat.add(line);
    this.journal.write('chat', { line });
  }

  serverChat(message: string): void {
    this.chatLine(`SERVER: ${message}`);
  }

  takeChat(): string[] {
    return this.chat.take();
  }

  kick(id: string): void {
    this.roster.kick(id);
  }

  ban(id: string): void {
    this.roster.ban(id);
  }

  unban(id: string): void {
    this.roster.unban(id);
  }

  takeGameLog(): string[] {
    const lines = this.gameLog;
    this.gameLog = [];
    return lines;
  }

  replies(): ReturnType<CommandTarget['replies']> {
    const c = this.control;
    return { saveWorld: c.saveWorldReply, doExit: c.doExitReply, listPlayers: c.listPlayersReply };
  }

  // ---- crashes and signals ----

  private crash(): never {
    this.ended = true;
    const c = this.control;
    if (c.crashNow) this.consumeCrashNow();
    let folder: string | null = null;
    if (!c.crashWithoutFiles) {
      this.log.lines(crashLogLines(c.crashMessage));
      const commandLine = echoCommandLine(this.init.cmd.args);
      folder = writeCrashReport(this.init.paths, { commandLine, message: c.crashMessage, pid: process.pid });
    }
    this.log.close();
    this.journal.write('crash', { code: c.crashExitCode, hard: c.crashWithoutFiles, folder });
    process.exit(c.crashExitCode);
  }

  /** crashNow is a one-shot trigger: cleared so the next start does not crash again at once. */
  private consumeCrashNow(): void {
    const src = readJsonObjectSync(this.init.paths.control);
    if (src) writeFileAtomicSync(this.init.paths.control, `${JSON.stringify({ ...src, crashNow: false }, null, 2)}\n`);
  }

  /** SIGTERM/SIGINT: die at once like a killed process, no save (the journal still records it). */
  private installSignalHandlers(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        this.journal.write('exit', { signal });
        process.kill(process.pid, signal);
      });
    }
  }
}
