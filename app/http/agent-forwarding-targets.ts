import type { Request } from 'express';

/**
 * Which requests may go to a remote agent (docs/agent-channel.md#forwarding), and where the host
 * is named. Matched case-insensitively with an optional trailing slash, as express routes them.
 */
export type HostSource =
  /** `/api/v1/instances/:id…`: the server's own host. */
  | { kind: 'instance'; id: string }
  /** A job action: the job's host. */
  | { kind: 'job'; id: string }
  /** `agentId` in the query (GET, DELETE) or the JSON body (POST). */
  | { kind: 'query' }
  | { kind: 'body' };

const INSTANCE = /^\/api\/v1\/instances\/([^/]+)(\/.*)?$/i;
const JOB_ACTION = /^\/api\/v1\/jobs\/([^/]+)\/[^/]+\/?$/i;

/** Host-scoped routes: each runs on one host, this PC unless `agentId` names another. */
const HOST_SCOPED: { method: string; path: RegExp; source: 'query' | 'body' }[] = [
  { method: 'POST', path: /^\/api\/v1\/instances\/?$/i, source: 'body' },
  { method: 'GET', path: /^\/api\/v1\/builds\/?$/i, source: 'query' },
  { method: 'POST', path: /^\/api\/v1\/builds\/(install|check)\/?$/i, source: 'body' },
  { method: 'DELETE', path: /^\/api\/v1\/builds\/[^/]+\/?$/i, source: 'query' },
  { method: 'POST', path: /^\/api\/v1\/steamcmd\/install\/?$/i, source: 'body' },
  { method: 'GET', path: /^\/api\/v1\/host\/prerequisites\/?$/i, source: 'query' },
  { method: 'POST', path: /^\/api\/v1\/host\/prerequisites\/install\/?$/i, source: 'body' },
  { method: 'POST', path: /^\/api\/v1\/settings\/data-root-check\/?$/i, source: 'body' },
  // The folder to import is on the host's own disk (docs/import.md). Its scan reads a bounded set
  // (the top folder, two levels of Saved, a few small files), never the whole tree: no long timeout.
  { method: 'POST', path: /^\/api\/v1\/instances\/import(\/preview)?\/?$/i, source: 'body' },
];

/** Calls that may move a lot of data on the host: they get the long timeout. */
const LONG_CALL = /\/(saves\/import|backups\/[^/]+\/download)\/?$/i;

/** The request's path under /api, as the client sent it, also when a mount at `/api` took that part into req.baseUrl. */
export function apiPath(req: Request): string {
  return `${req.baseUrl}${req.path}`;
}

export function hostSourceOf(method: string, path: string): HostSource | null {
  const instance = INSTANCE.exec(path);
  // `/instances/import…` creates a server from a host's files (HOST_SCOPED): never an instance id.
  if (instance && instance[1]!.toLowerCase() !== 'import') return { kind: 'instance', id: decode(instance[1]!) };
  const job = method === 'POST' ? JOB_ACTION.exec(path) : null;
  if (job) return { kind: 'job', id: decode(job[1]!) };
  const scoped = HOST_SCOPED.find((r) => r.method === method && r.path.test(path));
  return scoped ? { kind: scoped.source } : null;
}

/**
 * Calls on a remote server that this manager answers itself from the mirror row, given whether its
 * host is connected and whether it was revoked: reading the server while its host is away (its page
 * still opens), and deleting the record of a server whose host was revoked (nothing else can).
 */
export function answeredFromMirror(
  method: string,
  path: string,
  host: { connected: boolean; revoked: boolean },
): boolean {
  if (!/^\/api\/v1\/instances\/[^/]+\/?$/i.test(path)) return false;
  if (method === 'GET') return !host.connected;
  return method === 'DELETE' && host.revoked;
}

export function isLongCall(path: string): boolean {
  return LONG_CALL.test(path);
}

/**
 * The path and query sent to the agent: `/api/v1` spelled as its contract wants it, and `agentId`
 * removed from the query (on the agent, the host is itself). Not normalized: dot segments are
 * refused before (`hasDotSegment`), so the agent routes exactly what was matched here.
 */
export function forwardedPath(req: Request, dropAgentId: boolean): string {
  const path = `/api/v1${apiPath(req).slice('/api/v1'.length)}`;
  const at = req.url.indexOf('?');
  let query = at < 0 ? '' : req.url.slice(at + 1);
  if (dropAgentId) {
    const params = new URLSearchParams(query);
    params.delete('agentId');
    query = params.toString();
  }
  return query ? `${path}?${query}` : path;
}

/** `.` or `..` (plain or percent-encoded) as a path segment: a URL parser would move to another route. */
export function hasDotSegment(path: string): boolean {
  return /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Not an id the store can hold: the local routes answer it (400).
    return segment;
  }
}
