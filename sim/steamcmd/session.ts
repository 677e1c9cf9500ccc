// Executes steamcmd commands in order, with the state the real console keeps between them
// (logged in or not, install dir, failure flag), and the exit code of docs/ark-facts.md#exit-codes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appInfoLines } from './app-info.ts';
import { appUpdate } from './app-update.ts';
import type { JobContext } from './app-update.ts';
import { parseScript } from './commands.ts';
import type { SteamCommand } from './commands.ts';
import { APP_ID, DEFAULT_INSTALLDIR } from './constants.ts';

type Outcome = 'ok' | 'failed' | 'quit';

const EXIT_TIMEOUT = 1;
const EXIT_LOGIN = 5;
const EXIT_FAILED = 8;

export class Session {
  exitCode = 0;
  /** True once `quit` ran or a failure stopped the run (@ShutdownOnFailedCommand 1). */
  finished = false;
  private loggedIn = false;
  private installDir: string | null = null;
  private forceDirRejected = false;
  private shutdownOnFailed = false;
  private appInfoTimedOut = false;

  constructor(private readonly ctx: JobContext) {}

  async runAll(commands: readonly SteamCommand[]): Promise<void> {
    for (const cmd of commands) {
      if (this.finished) return;
      const outcome = await this.execute(cmd);
      if (outcome === 'quit' || (outcome === 'failed' && this.shutdownOnFailed)) this.finished = true;
    }
  }

  private fail(code: number, line: string): Outcome {
    this.ctx.out.line(line);
    this.exitCode = code;
    return 'failed';
  }

  private async execute(cmd: SteamCommand): Promise<Outcome> {
    if (cmd.name.startsWith('@')) return this.setting(cmd);
    switch (cmd.name) {
      case 'quit':
      case 'exit':
        return 'quit';
      case 'force_install_dir':
        return this.forceInstallDir(cmd.args[0] ?? '');
      case 'login':
        return this.login(cmd.args[0] ?? '');
      case 'app_update':
        return this.appUpdate(cmd.args);
      case 'app_info_update':
      case 'app_info_print':
        return this.appInfo(cmd);
      case 'app_info_request':
        return 'ok';
      case 'runscript':
        return this.runScript(cmd.args[0] ?? '');
      default:
        this.ctx.out.line(`Unknown command "${cmd.rawName}"`);
        return 'ok';
    }
  }

  /** `@ShutdownOnFailedCommand 1`, `@NoPromptForPassword 1`, `@sSteamCmdForcePlatformType windows`: echoed as convars. */
  private setting(cmd: SteamCommand): Outcome {
    const value = cmd.args[0] ?? '';
    if (cmd.name === '@shutdownonfailedcommand') this.shutdownOnFailed = value !== '0';
    this.ctx.out.line(`"${cmd.rawName}" = "${value}"`);
    return 'ok';
  }

  /** After logon the directory is refused and the next app_update fails (docs/ark-facts.md#install-and-update-command). */
  private forceInstallDir(dir: string): Outcome {
    if (this.loggedIn) {
      this.ctx.out.line('Please use force_install_dir before logon!');
      this.forceDirRejected = true;
      return 'ok';
    }
    this.installDir = path.resolve(this.ctx.home, dir);
    return 'ok';
  }

  private async login(user: string): Promise<Outcome> {
    const { out } = this.ctx;
    if (user !== 'anonymous') {
      // Only anonymous logins are modelled; anything else behaves like a login failure (exit 5, §1.6).
      return this.fail(EXIT_LOGIN, `Logging in user '${user}' to Steam Public...FAILED (Invalid Password)`);
    }
    out.line('Connecting anonymously to Steam Public...OK');
    await sleep(20);
    out.line('Waiting for client config...OK');
    await sleep(20);
    out.line('Waiting for user info...OK');
    this.loggedIn = true;
    return 'ok';
  }

  private async appUpdate(args: readonly string[]): Promise<Outcome> {
    const [appId = '', ...rest] = args;
    const failed = `ERROR! Failed to install app '${appId}'`;
    if (this.forceDirRejected) return this.fail(EXIT_FAILED, `${failed} (Missing configuration)`);
    if (appId !== APP_ID || !this.loggedIn) return this.fail(EXIT_FAILED, `${failed} (No subscription)`);
    const { mode } = this.ctx.control;
    if (mode === 'appinfo-timeout') return this.fail(EXIT_TIMEOUT, 'ERROR! Timed out waiting for AppInfo update.');
    if (mode === 'no-subscription') return this.fail(EXIT_FAILED, `${failed} (No subscription)`);
    const betaAt = rest.findIndex((a) => a.toLowerCase() === '-beta');
    const beta = betaAt >= 0 ? (rest[betaAt + 1] ?? null) : null;
    const installDir = this.installDir ?? path.join(this.ctx.home, 'steamapps', 'common', DEFAULT_INSTALLDIR);
    const validate = rest.some((a) => a.toLowerCase() === 'validate');
    const code = await appUpdate(this.ctx, { installDir, validate, beta: beta === 'public' ? null : beta });
    if (code === 0) return 'ok';
    this.exitCode = code;
    return 'failed';
  }

  private appInfo(cmd: SteamCommand): Outcome {
    if (this.ctx.control.mode === 'appinfo-timeout') {
      // One timeout per run: app_info_update and app_info_print wait on the same request.
      if (this.appInfoTimedOut) return 'failed';
      this.appInfoTimedOut = true;
      return this.fail(EXIT_TIMEOUT, 'ERROR! Timed out waiting for AppInfo update.');
    }
    if (cmd.name === 'app_info_print') {
      for (const line of appInfoLines(this.ctx.home, this.ctx.control, cmd.args[0] ?? '', this.loggedIn)) {
        this.ctx.out.line(line);
      }
    }
    return 'ok';
  }

  private async runScript(file: string): Promise<Outcome> {
    let text: string;
    try {
      text = await readFile(path.resolve(file), 'utf8');
    } catch {
      this.ctx.out.line(`Failed to open runscript '${file}'`);
      return 'ok';
    }
    await this.runAll(parseScript(text));
    return 'ok';
  }
}
