import { ErrorCode, type FieldError } from '@ark-asa/contracts';

/**
 * The one error type of the control plane. `code` is stable (clients switch on it); `message` says
 * what went wrong and what to do. The HTTP layer maps codes to statuses in one place; nothing else
 * decides a status, and nothing else lets a stack trace reach a client.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  static notFound(what: string, id: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`);
  }

  static invalidState(message: string): AppError {
    return new AppError(ErrorCode.INVALID_STATE, message);
  }

  /** A 400 naming the bad fields, for rules the schemas cannot express (e.g. a port taken elsewhere). */
  static validation(fields: FieldError[]): AppError {
    const summary = fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; ');
    return new AppError(ErrorCode.VALIDATION_FAILED, `Invalid request: ${summary}`, { fields });
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

/** A code that came from elsewhere (a host, an agent) as one of ours when it is one, else `fallback`. */
export function knownErrorCode(code: string, fallback: ErrorCode): ErrorCode {
  return ERROR_CODES.has(code) ? (code as ErrorCode) : fallback;
}

/** The code and message of any thrown value, for job runs and system:error events. */
export function errorInfo(err: unknown): { code: string; message: string } {
  if (isAppError(err)) return { code: err.code, message: err.message };
  if (err instanceof Error && err.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled' };
  return { code: ErrorCode.INTERNAL, message: err instanceof Error ? err.message : String(err) };
}
