import { ErrorCode, type AgentHttpRequest } from '@ark-asa/contracts';
import type { ForwardedCall, RelayedAnswer } from '../agents/remote/remote-agent-proxy.ts';
import { AppError, knownErrorCode } from '../domain/app-error.ts';

/** One REST call on a host's embedded manager (RemoteAgentProxy.http). */
export type HostHttp = (agentId: string, call: ForwardedCall) => Promise<RelayedAnswer>;

/** The code and message of a manager's error envelope, if the body is one. */
export function errorOfAnswer(body: Buffer): { code: string; message: string } | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = parsed.error ?? {};
    return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : code } : null;
  } catch {
    return null;
  }
}

/**
 * A JSON call the control plane itself makes on a host (not a user's forwarded call): the answer's
 * JSON on 2xx; otherwise the host's own error, code kept, message naming the host, so a refusal
 * there reads the same as one here.
 */
export async function callHostJson(
  http: HostHttp,
  host: { id: string; name: string },
  method: AgentHttpRequest['method'],
  path: string,
  body: unknown,
): Promise<unknown> {
  const answer = await http(host.id, {
    method,
    path,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? null : Buffer.from(JSON.stringify(body)),
  });
  if (answer.status >= 200 && answer.status < 300) {
    return answer.body.length > 0 ? (JSON.parse(answer.body.toString('utf8')) as unknown) : null;
  }
  const error = errorOfAnswer(answer.body);
  const code = error ? knownErrorCode(error.code, ErrorCode.INTERNAL) : ErrorCode.INTERNAL;
  throw new AppError(code, `Host "${host.name}": ${error?.message ?? `answered ${answer.status}`}`);
}
