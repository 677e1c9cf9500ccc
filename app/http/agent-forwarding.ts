import express, { type Request, type RequestHandler, type Response } from 'express';
import { ErrorCode, type Agent, type AgentHttpRequest } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { isChunkedDownload, relayAnswer, relayChunkedDownload, type ForwardedCall } from './agent-download.ts';
import { bodyLimits, forwardedBody } from './agent-upload.ts';
import {
  answeredFromMirror,
  apiPath,
  forwardedPath,
  hasDotSegment,
  hostSourceOf,
  isLongCall,
} from './agent-forwarding-targets.ts';
import { clip } from './errors.ts';

export interface ForwardingOptions {
  /** The JSON body limit of the local routes: a body read here to find `agentId` obeys it too. */
  jsonLimit: string;
  /** The text/plain body limit of the local routes: a forwarded body obeys the limit of its type. */
  textLimit: string;
  /** Where a remote download cut short is explained (the client only sees its connection end). */
  logger?: Logger;
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Only these go to the agent: never Authorization or Cookie (the agent's manager has its own token). */
const REQUEST_HEADERS = ['content-type', 'accept'] as const;

/** A call for a remote host: which one, and how its body travels. */
interface Remote {
  agent: Agent;
  /** `json`: the JSON body without `agentId`; `raw`: the bytes as sent. */
  body: 'json' | 'raw';
  dropQueryAgentId: boolean;
}

/**
 * Sends the REST calls of servers and hosts that live on a remote agent to that agent's own manager
 * and relays its answer as is (docs/agent-channel.md#forwarding). Mounted before the body parsers:
 * a forwarded body is read here, within the forwarding limit, and never parsed locally.
 */
export function agentForwarding(services: Services, opts: ForwardingOptions): RequestHandler {
  const json = express.json({ limit: opts.jsonLimit });
  const limits = bodyLimits(opts.jsonLimit, opts.textLimit, {
    bytes: services.agentProxy.bodyLimit,
    text: services.agentProxy.bodyLimitText,
  });
  let localId: string | undefined;
  const local = () => (localId ??= services.agents.list().find((a) => a.kind === 'local')?.id ?? '');

  /** The remote host named by `agentId`; only a body has to be read first. */
  const namedRemote = (named: unknown, body: boolean): Remote | null => {
    if (typeof named !== 'string' || named === local()) return null;
    const agent = namedHost(services, named);
    if (agent.kind !== 'remote') return null;
    return { agent, body: body ? 'json' : 'raw', dropQueryAgentId: !body };
  };

  /** The remote host of the server or job in the path, decided without waiting. */
  const ownerRemote = (req: Request, path: string, source: { kind: 'instance' | 'job'; id: string }): Remote | null => {
    const owner = ownerOf(services, source);
    if (owner === null || owner === local()) return null;
    const agent = services.agents.list().find((a) => a.id === owner);
    if (!agent || agent.kind !== 'remote') return null;
    const host = { connected: services.remoteAgents.registry.isConnected(owner), revoked: agent.revokedAt !== null };
    if (answeredFromMirror(req.method, path, host)) return null;
    return { agent, body: 'raw', dropQueryAgentId: false };
  };

  const forward = async (req: Request, res: Response, remote: Remote, path: string): Promise<void> => {
    if (remote.agent.revokedAt) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `Host "${remote.agent.name}" was revoked: it runs nothing for this manager`,
      );
    }
    if (hasDotSegment(path)) throw new AppError(ErrorCode.BAD_REQUEST, 'A path with . or .. segments is not forwarded');
    // A raw body is read as it is sent, of any size up to the local routes' limits (agent-upload.ts).
    const read = remote.body === 'json' ? { body: jsonWithoutAgentId(req) } : await forwardedBody(req, limits);
    const body = 'body' in read ? read.body : null;
    const call: ForwardedCall = {
      method: req.method as AgentHttpRequest['method'],
      path: forwardedPath(req, remote.dropQueryAgentId),
      headers: forwardedHeaders(req, remote.body === 'json'),
      body,
      timeoutMs: isLongCall(path) ? services.agentProxy.longTimeoutMs : undefined,
    };
    if ('stream' in read) {
      return relayAnswer(res, await services.agentProxy.httpStreamed(remote.agent.id, { ...call, body: read.stream }));
    }
    const send = (c: ForwardedCall) => services.agentProxy.http(remote.agent.id, c);
    // A backup is larger than one answer over the channel: it comes in pieces (agent-download.ts).
    if (isChunkedDownload(req.method, path)) return relayChunkedDownload({ send, call, res, logger: opts.logger });
    // Joining a cluster: the host gets the cluster first, and the membership is recorded here after.
    const joined = await services.clusterHosts.beforeForward(remote.agent.id, req.method, path, body);
    const answer = await send(call);
    if (joined && answer.status >= 200 && answer.status < 300) joined();
    relayAnswer(res, answer);
  };

  // Not async: most calls are local, and for them this decides at once and goes on without a
  // promise of its own (every API call passes here). Express awaits what forward returns.
  return (req, res, next) => {
    const path = apiPath(req);
    const source = METHODS.has(req.method) ? hostSourceOf(req.method, path) : null;
    if (source === null) return next();
    if (source.kind === 'body') {
      return bodyAgentId(req, res, json).then((named) => {
        const remote = namedRemote(named, true);
        return remote ? forward(req, res, remote, path) : next();
      });
    }
    const remote = source.kind === 'query' ? namedRemote(req.query.agentId, false) : ownerRemote(req, path, source);
    return remote ? forward(req, res, remote, path) : next();
  };
}

/** The host a request names; 400 naming `agentId` for an id no host has. */
function namedHost(services: Services, agentId: string): Agent {
  const agent = services.agents.list().find((a) => a.id === agentId);
  if (!agent) throw AppError.validation([{ field: 'agentId', message: `No host has the id ${clip(agentId, 64)}` }]);
  return agent;
}

/** The host of the instance or job in the path, or null when there is no such record (the local route answers). */
function ownerOf(services: Services, source: { kind: 'instance' | 'job'; id: string }): string | null {
  try {
    // One column, not the whole record: this runs on every call under /instances/:id.
    return source.kind === 'instance'
      ? services.instances.agentIdOf(source.id)
      : (services.jobs.get(source.id).agentId ?? null);
  } catch {
    return null;
  }
}

function runParser(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    // body-parser's errors are http-errors (Error objects with `type` and `status`), kept as they are.
    void parser(req, res, (err?: unknown) => {
      if (!err) resolve();
      else reject(err instanceof Error ? err : new Error('The request body could not be read'));
    });
  });
}

/** Parses a JSON body the way the local routes do (they then find it parsed) and gives its `agentId`. */
async function bodyAgentId(req: Request, res: Response, json: RequestHandler): Promise<unknown> {
  await runParser(json, req, res);
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as { agentId?: unknown }).agentId
    : undefined;
}

function jsonWithoutAgentId(req: Request): Buffer {
  const { agentId: _host, ...rest } = req.body as Record<string, unknown>;
  return Buffer.from(JSON.stringify(rest));
}

function forwardedHeaders(req: Request, jsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (jsonBody) headers['content-type'] = 'application/json';
  return headers;
}
