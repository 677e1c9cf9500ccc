import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ErrorCode, type ErrorEnvelope, type FieldError } from '@ark-asa/contracts';
import type { ZodError } from 'zod';
import { AppError, isAppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';

/**
 * The one place where error codes become HTTP statuses. A `Record` over every code, so adding a
 * code without deciding its status does not compile (nothing silently becomes a 500).
 */
const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.UNSAFE_ARCHIVE]: 400,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.ROUTE_NOT_FOUND]: 404,
  [ErrorCode.BUILD_NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.INSTANCE_NOT_RUNNING]: 409,
  [ErrorCode.INSTANCE_RUNNING]: 409,
  [ErrorCode.NOT_INSTALLED]: 409,
  [ErrorCode.STEAMCMD_NOT_FOUND]: 409,
  [ErrorCode.PORT_IN_USE]: 409,
  [ErrorCode.CRASH_LOOP]: 409,
  [ErrorCode.LINUX_RUNNER_REQUIRED]: 409,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.DISK_FULL]: 507,
  [ErrorCode.INTERRUPTED]: 500,
  [ErrorCode.JOB_HANDLER_FAILED]: 500,
  [ErrorCode.HEARTBEAT_FAILED]: 500,
  [ErrorCode.START_FAILED]: 500,
  [ErrorCode.STOP_FAILED]: 500,
  [ErrorCode.SERVER_CRASHED]: 500,
  [ErrorCode.FILESYSTEM]: 500,
  [ErrorCode.BACKUP_FAILED]: 500,
  [ErrorCode.STEAMCMD_FAILED]: 502,
  [ErrorCode.RCON_AUTH_FAILED]: 502,
  [ErrorCode.AGENT_OFFLINE]: 503,
  [ErrorCode.RCON_UNAVAILABLE]: 503,
  [ErrorCode.SHUTDOWN]: 503,
  [ErrorCode.RCON_TIMEOUT]: 504,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** Request text in log lines and messages is cut: a 100 kB URL must not become 100 kB per line. */
export const MAX_LOGGED_TEXT = 200;
export const clip = (s: string, max = MAX_LOGGED_TEXT): string =>
  s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;

/** zod issues → one FieldError per bad field, with dotted paths (`settings.gamePort`). */
export function fieldErrors(error: ZodError, prefix: (string | number)[] = []): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...base, key].join('.'), message: 'Unknown field' }));
    }
    return [{ field: base.join('.'), message: issue.message }];
  });
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(ErrorCode.ROUTE_NOT_FOUND, `No route ${req.method} ${clip(req.path, 120)}`));
};

/**
 * Turns anything thrown into the error envelope. Client errors are answered and not logged (a
 * flood of bad requests must not fill the disk); unexpected errors are logged under an id that the
 * response carries, never with their stack. Logging may fail (a full disk): the answer stays the same.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    try {
      const appError = toAppError(err);
      const status = statusOf(appError.code);
      const body: ErrorEnvelope = { error: { code: appError.code, message: appError.message } };
      if (appError.details !== undefined) body.error.details = appError.details;
      // A host being offline is a state the message explains, not a fault: logged per call it
      // would fill the manager's log for as long as a host is down.
      if (status >= 500 && appError.code !== ErrorCode.AGENT_OFFLINE) {
        body.error.errorId = randomUUID();
        logQuietly(logger, { err, errorId: body.error.errorId, method: req.method, path: clip(req.path) });
      }
      res.status(status).json(body);
    } catch {
      sendLastResort(res);
    }
  };
}

function logQuietly(logger: Logger, fields: Record<string, unknown>): void {
  try {
    logger.error(fields, 'request failed');
  } catch {
    // The log cannot be written (ENOSPC, closed stream): the client still gets its answer.
  }
}

/** Never Express's HTML page: if building the envelope itself failed, a fixed one goes out. */
function sendLastResort(res: Response): void {
  if (res.headersSent) return void res.end();
  const body: ErrorEnvelope = { error: { code: ErrorCode.INTERNAL, message: 'Something went wrong on the manager' } };
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** What http-errors (body-parser, router, send) put on their errors. */
interface HttpLikeError {
  type?: string;
  status?: number;
  statusCode?: number;
  name?: string;
}

export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpLikeError;
  if (e.type === 'entity.too.large') return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');
  if (e.type === 'entity.parse.failed')
    return AppError.validation([{ field: '', message: 'The body is not valid JSON' }]);
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return AppError.validation([
      { field: '', message: 'Send the body as UTF-8, uncompressed or with gzip, deflate or br' },
    ]);
  }
  const status = e.status ?? e.statusCode;
  if (e.name === 'URIError') {
    return new AppError(
      ErrorCode.BAD_REQUEST,
      'The URL has an invalid percent-escape (such as %zz or an overlong UTF-8 sequence)',
    );
  }
  if (typeof status === 'number' && status >= 400 && status < 500) return clientError(status);
  if (isDiskFull(err)) {
    return new AppError(
      ErrorCode.DISK_FULL,
      'The disk holding the manager’s data is full: free some space (old backups, unused builds), then try again',
    );
  }
  return new AppError(
    ErrorCode.INTERNAL,
    'Something went wrong on the manager; the details are in its log under the errorId',
  );
}

/** A 4xx raised by the HTTP libraries: its status class is kept, its text (which may echo the request) is not. */
function clientError(status: number): AppError {
  if (status === 404) return new AppError(ErrorCode.NOT_FOUND, 'Not found');
  if (status === 413) return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');
  return new AppError(
    ErrorCode.BAD_REQUEST,
    'The request is malformed (e.g. a body that is not what its Content-Encoding says)',
  );
}

/** SQLite's "database or disk is full" and the file system's ENOSPC, wherever they come from. */
function isDiskFull(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = err.code;
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT';
}
