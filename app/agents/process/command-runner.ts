// Running a short-lived tool (PowerShell, taskkill) and collecting its output, behind a function
// type so the Windows host can be tested on any OS with scripted answers.
import { execFile } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** The exit code; a tool that could not be started rejects instead. */
  code: number;
}

export type RunCommand = (file: string, args: readonly string[]) => Promise<CommandResult>;

export interface RunCommandOptions {
  timeoutMs?: number;
  maxBufferBytes?: number;
}

/**
 * Runs `file` without a shell. A non-zero exit resolves (the caller decides what it means); a
 * missing program, a timeout or output past the buffer limit rejects.
 */
export function createCommandRunner(opts: RunCommandOptions = {}): RunCommand {
  const timeout = opts.timeoutMs ?? 30_000;
  const maxBuffer = opts.maxBufferBytes ?? 4 * 1024 * 1024;
  return (file, args) =>
    new Promise((resolve, reject) => {
      execFile(
        file,
        args,
        { encoding: 'utf8', windowsHide: true, timeout, maxBuffer, shell: false },
        (err, stdout, stderr) => {
          if (err === null) resolve({ stdout, stderr, code: 0 });
          // A numeric code is the tool's exit code; a string code (ENOENT, ERR_CHILD_PROCESS_STDIO_MAXBUFFER)
          // or none (killed by the timeout) means we have no answer from the tool.
          else if (typeof err.code === 'number' && !err.killed) resolve({ stdout, stderr, code: err.code });
          else reject(new Error(`${file} gave no answer: ${err.message}`, { cause: err }));
        },
      );
    });
}
