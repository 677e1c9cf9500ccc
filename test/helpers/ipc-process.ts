import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PlaneMessage, type ParentMessage } from '@ark-asa/contracts';
import { ROOT } from './processes.ts';

const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

/**
 * `npm run serve`'s entry as a child with a Node IPC channel, the way a parent process (the
 * desktop shell, a service wrapper) hosts it. Every message the child sends is checked against
 * the process-channel contract.
 */
export class IpcServe {
  readonly messages: PlaneMessage[] = [];
  readonly exited: Promise<number | null>;
  private out = '';
  private err = '';

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (c: Buffer) => (this.out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (this.err += c.toString()));
    child.on('message', (m) => this.messages.push(PlaneMessage.parse(m)));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static start(args: string[]): IpcServe {
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'app/cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new IpcServe(child);
  }

  stdout(): string {
    return this.out;
  }

  stderr(): string {
    return this.err;
  }

  send(message: ParentMessage | Record<string, unknown>): void {
    this.child.send(message);
  }

  async next<T extends PlaneMessage['type']>(type: T, timeoutMs = 90_000): Promise<Extract<PlaneMessage, { type: T }>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.type === type);
      if (found) {
        this.messages.splice(this.messages.indexOf(found), 1);
        return found as Extract<PlaneMessage, { type: T }>;
      }
      if (this.child.exitCode !== null)
        throw new Error(`exited (${this.child.exitCode}) before "${type}": ${this.err}`);
      if (Date.now() > end) throw new Error(`no "${type}" message: ${this.out} ${this.err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
