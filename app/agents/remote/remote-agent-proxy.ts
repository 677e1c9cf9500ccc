import { AgentRequestMethods, ErrorCode, type AgentHttpRequest } from '@ark-asa/contracts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import type { RequestOptions } from './pending-requests.ts';
import { discardUpload, sendBody, type UploadOptions } from './upload-sender.ts';

/** What a forwarded REST call waits for by default: a REST answer of the agent's own manager. */
export const FORWARD_TIMEOUT_MS = 30_000;
/** Calls that may read or write a lot on the host (a world import, a backup download). */
export const LONG_FORWARD_TIMEOUT_MS = 10 * 60_000;
/**
 * The largest answer body relayed in one piece: bodies travel base64-encoded (4/3 larger) in one
 * frame of at most 8 MiB (AGENT_CHANNEL_MAX_PAYLOAD), and 6,000,000 bytes leave room for the
 * envelope. Request bodies go in pieces of any number (upload-sender.ts); this stays the limit of
 * one whose type no local route reads (agent-upload.ts).
 */
export const FORWARD_BODY_LIMIT = 6_000_000;
export const FORWARD_BODY_LIMIT_TEXT = '6 MB';

export interface ForwardedCall {
  method: AgentHttpRequest['method'];
  /** Path and query under /api/v1/. */
  path: string;
  /**
   * Only content-type and accept (and `range` for a piece of a download, agent-download.ts) are ever
   * sent: the caller's credentials stay on the control plane.
   */
  headers: Record<string, string>;
  body: Buffer | null;
  timeoutMs?: number;
}

/** A call whose body is read as it is sent (a request body of any size, agent-upload.ts). */
export interface StreamedCall extends Omit<ForwardedCall, 'body'> {
  body: AsyncIterable<Buffer> | null;
}

export interface RelayedAnswer {
  status: number;
  /** Lower-case names: content-type, content-disposition, and content-range and accept-ranges of a 206. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RemoteAgentProxyDeps {
  request: (agentId: string, method: string, params: unknown, opts?: RequestOptions) => Promise<unknown>;
  nameOf: (agentId: string) => string;
  /** Tests: smaller upload pieces. */
  upload?: UploadOptions;
}

/**
 * Sends one REST call to a remote agent's own manager over its channel (request method `http`) and
 * gives back its answer as bytes. Errors of the channel become the control plane's: offline and
 * timeouts stay `agent-offline` (503) naming the host, an answer too large to carry becomes 413.
 */
export class RemoteAgentProxy {
  readonly bodyLimit = FORWARD_BODY_LIMIT;
  readonly bodyLimitText = FORWARD_BODY_LIMIT_TEXT;
  readonly longTimeoutMs = LONG_FORWARD_TIMEOUT_MS;

  constructor(private readonly deps: RemoteAgentProxyDeps) {}

  async http(agentId: string, call: ForwardedCall): Promise<RelayedAnswer> {
    const params: AgentHttpRequest = {
      method: call.method,
      path: call.path,
      headers: call.headers,
      body: call.body === null ? null : call.body.toString('base64'),
    };
    return this.send(agentId, params, call.timeoutMs ?? FORWARD_TIMEOUT_MS);
  }

  /**
   * A call whose body may be larger than one frame: read and sent piece by piece ahead of the
   * call, which then names it (upload-sender.ts); a small one goes whole, as with `http`. The call
   * gets the long timeout then: the host's route reads the whole body before it answers.
   */
  async httpStreamed(agentId: string, call: StreamedCall): Promise<RelayedAnswer> {
    let sent;
    try {
      sent = call.body ? await sendBody(this.deps.request, agentId, call.body, this.deps.upload) : { body: null };
    } catch (err) {
      throw this.translate(agentId, err);
    }
    if ('body' in sent) return this.http(agentId, { ...call, body: sent.body });
    const { method, path, headers } = call;
    try {
      return await this.send(agentId, { method, path, headers, bodyUpload: sent.bodyUpload }, this.longTimeoutMs);
    } catch (err) {
      // Normally the host deletes the spool itself; not when the call never reached its relay.
      await discardUpload(this.deps.request, agentId, sent.bodyUpload.uploadId);
      throw err;
    }
  }

  private async send(agentId: string, params: AgentHttpRequest, timeoutMs: number): Promise<RelayedAnswer> {
    let raw: unknown;
    try {
      raw = await this.deps.request(agentId, 'http', params, { timeoutMs });
    } catch (err) {
      throw this.translate(agentId, err);
    }
    const parsed = AgentRequestMethods.http.result.safeParse(raw);
    if (!parsed.success) {
      throw new AppError(ErrorCode.INTERNAL, `Host "${this.deps.nameOf(agentId)}" gave an answer that is not HTTP`);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(parsed.data.headers)) headers[name.toLowerCase()] = value;
    return { status: parsed.data.status, headers, body: Buffer.from(parsed.data.body, 'base64') };
  }

  private translate(agentId: string, err: unknown): unknown {
    if (!isAppError(err)) return err;
    const agentCode = (err.details as { agentCode?: unknown } | undefined)?.agentCode;
    const name = this.deps.nameOf(agentId);
    if (agentCode === 'too-large') {
      return new AppError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `The answer of host "${name}" is too large to relay over the agent channel (about ${FORWARD_BODY_LIMIT_TEXT} at most)`,
      );
    }
    if (agentCode === 'unsupported-method') {
      return new AppError(
        ErrorCode.INVALID_STATE,
        `Host "${name}" runs an older agent that cannot take a request body this large; update it`,
      );
    }
    if (agentCode === 'agent-starting') {
      return new AppError(ErrorCode.AGENT_OFFLINE, `Host "${name}" is starting; try again in a moment`);
    }
    return err;
  }
}
