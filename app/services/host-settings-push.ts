import { errorInfo } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import { errorOfAnswer, type HostHttp } from './host-rest.ts';

export interface HostSettingsPushDeps {
  logger: Logger;
  /** The CurseForge API key stored on this control plane (null: none). */
  curseforgeKey: () => string | null;
  /** The remote hosts connected now. */
  connectedIds: () => string[];
  /** One REST call on a host's embedded manager (RemoteAgentProxy.http). */
  http: HostHttp;
}

const KEY_PATH = '/api/v1/mods/curseforge-key';

/**
 * Manager settings a remote host gets from its control plane through its own REST API (the others,
 * dataRoot, steamcmdPath and the heartbeat interval, travel in `welcome`/`configure`): the
 * CurseForge API key, so the user sets it once and the mods of a server on any host resolve
 * (docs/agent-channel.md#the-agent-side). Pushed when a host's embedded manager is up (its
 * snapshot arrived) and whenever the key changes; a failure is logged and the next connection
 * pushes again. Never thrown at the caller, and the key itself is never logged.
 */
export class HostSettingsPush {
  /** Pushes to one host run one after the other, each with the key as it is then: the last one wins. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly deps: HostSettingsPushDeps) {}

  /** The host's embedded manager answers now: bring its settings up to date. */
  pushTo(agentId: string): Promise<void> {
    const previous = this.queues.get(agentId) ?? Promise.resolve();
    const next = previous.then(() => this.sendKey(agentId));
    this.queues.set(agentId, next);
    void next.then(() => {
      if (this.queues.get(agentId) === next) this.queues.delete(agentId);
    });
    return next;
  }

  /** The key changed: every connected host gets it now (a host offline gets it when it connects). */
  pushAll(): Promise<void> {
    return Promise.all(this.deps.connectedIds().map((id) => this.pushTo(id))).then(() => undefined);
  }

  private async sendKey(agentId: string): Promise<void> {
    const apiKey = this.deps.curseforgeKey();
    const context = { agentId, configured: apiKey !== null };
    try {
      const answer = await this.deps.http(agentId, {
        method: 'PUT',
        path: KEY_PATH,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: Buffer.from(JSON.stringify({ apiKey })),
      });
      if (answer.status === 200) {
        this.deps.logger.debug(context, 'sent the CurseForge key to the host');
        return;
      }
      const code = errorOfAnswer(answer.body)?.code ?? null;
      this.deps.logger.warn(
        { ...context, status: answer.status, code },
        'the host refused the CurseForge key; it is sent again at its next connection',
      );
    } catch (err) {
      // Only the code and message: nothing of the request (the key) is in them.
      const { code, message } = errorInfo(err);
      this.deps.logger.warn(
        { ...context, code, error: message },
        'sending the CurseForge key to the host failed; it is sent again at its next connection',
      );
    }
  }
}
