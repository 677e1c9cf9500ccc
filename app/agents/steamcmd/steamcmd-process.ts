import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import treeKill from 'tree-kill';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import {
  SteamcmdOutputParser,
  type SteamcmdErrorEvent,
  type SteamcmdEvent,
  type SteamcmdSuccessEvent,
} from '../../domain/steamcmd/output-parser.ts';
import { LineSplitter } from './line-splitter.ts';

export interface SteamcmdRunOptions {
  executable: string;
  args: readonly string[];
  /** Kills the whole process tree when aborted; the run then rejects with the signal's reason. */
  signal?: AbortSignal;
  onEvent?: (event: SteamcmdEvent) => void;
  /** Every raw stdout line, for the log. */
  onLine?: (line: string) => void;
  /** Any bytes on stdout or stderr, whole lines or not (the stall watchdog's sign of life). */
  onOutput?: () => void;
  /** Keep the whole stdout text (app_info_print answers are parsed from it); capped. */
  captureOutput?: boolean;
  /** How long a SIGTERM may take before SIGKILL follows (default 5 s). */
  killGraceMs?: number;
}

export interface SteamcmdRunResult {
  /** null when the process was ended by a signal. */
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  /** The last `Success! App …` line, if any. */
  success: SteamcmdSuccessEvent | null;
  /** The last error line, if any: it explains a failure better than the exit code. */
  error: SteamcmdErrorEvent | null;
  /** SteamCMD downloaded or applied an update of itself in this run (it then quits early). */
  selfUpdated: boolean;
  /** The captured stdout ('' unless captureOutput). */
  output: string;
  /** The tail of stderr. */
  stderr: string;
}

const MAX_STDERR_CHARS = 8 * 1024;
const MAX_OUTPUT_CHARS = 4 * 1024 * 1024;
const SELF_UPDATE_STAGES = new Set(['downloading', 'applying', 'complete']);

/** Collects what a run printed: the events that decide its outcome, and the text when asked. */
class RunRecorder {
  readonly result: SteamcmdRunResult = {
    exitCode: null,
    exitSignal: null,
    success: null,
    error: null,
    selfUpdated: false,
    output: '',
    stderr: '',
  };
  private readonly parser = new SteamcmdOutputParser();
  private readonly lines = new LineSplitter();
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly opts: SteamcmdRunOptions) {}

  stdout(chunk: Buffer): void {
    // The decoder keeps a multi-byte character split across two reads whole.
    this.text(this.decoder.write(chunk));
  }

  stderr(chunk: Buffer): void {
    this.result.stderr = (this.result.stderr + chunk.toString('utf8')).slice(-MAX_STDERR_CHARS);
  }

  end(): void {
    this.text(this.decoder.end());
    this.handle(this.parser.end(), this.lines.end());
  }

  private text(text: string): void {
    if (text === '') return;
    if (this.opts.captureOutput && this.result.output.length < MAX_OUTPUT_CHARS) this.result.output += text;
    this.handle(this.parser.feed(text), this.lines.feed(text));
  }

  private handle(events: SteamcmdEvent[], lines: string[]): void {
    for (const line of lines) this.opts.onLine?.(line);
    for (const event of events) {
      if (event.kind === 'success') this.result.success = event;
      if (event.kind === 'error') this.result.error = event;
      if (event.kind === 'self-update' && SELF_UPDATE_STAGES.has(event.stage)) this.result.selfUpdated = true;
      this.opts.onEvent?.(event);
    }
  }
}

function spawnError(executable: string, err: NodeJS.ErrnoException): AppError {
  if (err.code === 'ENOENT') {
    return new AppError(
      ErrorCode.STEAMCMD_NOT_FOUND,
      `SteamCMD was not found at ${executable}: correct steamcmdPath in the settings`,
    );
  }
  if (err.code === 'EACCES') {
    return new AppError(
      ErrorCode.STEAMCMD_NOT_FOUND,
      `${executable} cannot be run (permission denied): make it executable or correct steamcmdPath`,
    );
  }
  return new AppError(ErrorCode.STEAMCMD_FAILED, `SteamCMD could not be started (${err.message})`, undefined, {
    cause: err,
  });
}

/**
 * Kills the process and everything it started: steamcmd.exe re-spawns itself on Windows and
 * steamcmd.sh runs the real binary as a child on Linux, so killing only our pid would leave the
 * one that does the work running. SIGKILL follows if SIGTERM is not enough.
 */
function killTree(child: ChildProcess, graceMs: number): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  treeKill(pid, 'SIGTERM');
  const escalate = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) treeKill(pid, 'SIGKILL');
  }, graceMs);
  escalate.unref();
  child.once('close', () => clearTimeout(escalate));
}

/**
 * Runs SteamCMD once, without a shell (arguments reach it verbatim), feeding its stdout to the
 * output parser as it arrives. Resolves when the process and its pipes have closed; rejects with
 * the abort reason when cancelled, only after the process tree is gone.
 */
export function runSteamcmd(opts: SteamcmdRunOptions): Promise<SteamcmdRunResult> {
  opts.signal?.throwIfAborted();
  const recorder = new RunRecorder(opts);
  const child = spawn(opts.executable, [...opts.args], {
    cwd: path.dirname(opts.executable),
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    shell: false,
  });
  const onAbort = () => killTree(child, opts.killGraceMs ?? 5000);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  child.stdout.on('data', (chunk: Buffer) => {
    opts.onOutput?.();
    recorder.stdout(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    opts.onOutput?.();
    recorder.stderr(chunk);
  });
  return new Promise<SteamcmdRunResult>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(spawnError(opts.executable, err));
    });
    child.once('close', (code, signal) => {
      opts.signal?.removeEventListener('abort', onAbort);
      recorder.end();
      if (opts.signal?.aborted) return reject(opts.signal.reason as Error);
      resolve({ ...recorder.result, exitCode: code, exitSignal: signal });
    });
  });
}
