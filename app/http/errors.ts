import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode, type ErrorEnvelope, type FieldError } from '@ark-asa/contracts';
import type { ZodError } from 'zod';
import { AppError, isAppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';

/** The one place where error codes become HTTP statuses. */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
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
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.RCON_AUTH_FAILED]: 502,
  [ErrorCode.RCON_UNAVAILABLE]: 503,
  [ErrorCode.SHUTDOWN]: 503,
  [ErrorCode.RCON_TIMEOUT]: 504,
};

export function statusOf(code: string): number {
  return STATUS[code] ?? 500;
}

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
  next(new AppError(ErrorCode.ROUTE_NOT_FOUND, `No route ${req.method} ${req.path}`));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Turns anything thrown into the error envelope; unexpected errors are logged, never shown. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    const status = isAppError(err) || appError.code !== ErrorCode.INTERNAL ? statusOf(appError.code) : 500;
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    const body: ErrorEnvelope = { error: { code: appError.code, message: appError.message } };
    if (appError.details !== undefined) body.error.details = appError.details;
    res.status(status).json(body);
  };
}

function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const parserError = err as BodyParserError;
  if (parserError?.type === 'entity.too.large') {
    return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');
  }
  if (parserError?.type === 'entity.parse.failed') {
    return AppError.validation([{ field: '', message: 'The body is not valid JSON' }]);
  }
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return AppError.validation([{ field: '', message: 'Send the body as UTF-8' }]);
  }
  return new AppError(ErrorCode.INTERNAL, 'Something went wrong on the manager; the details are in its log');
}
