import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AccessToken, ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { hostnameOf, isLoopbackHost } from '../domain/network.ts';
import { RateLimiter, type BucketOptions } from './rate-limit.ts';

export interface SecurityOptions {
  /** Listening on a non-loopback address: a token is then mandatory. */
  exposed: boolean;
  /** When set (exposed or not), every API call and the /ws upgrade need it. */
  token: string | null;
  /** Extra browser origins allowed to call the API (e.g. the Vite dev server). */
  allowedOrigins?: string[];
  /** Requests without the valid token, per address (UI files, health probes, guesses). */
  anonymousLimit?: BucketOptions;
  /** Wrong tokens per address; past it a wrong token gets 429 instead of 401. */
  failureLimit?: BucketOptions;
}

const digest = (s: string) => createHash('sha256').update(s).digest();
/** A page load of the UI is a few dozen files; a flood is thousands. */
const ANONYMOUS_LIMIT: BucketOptions = { capacity: 120, refillPerSec: 20 };
/** 20 guesses, then one every 3 s: a 16-character token is out of reach at that pace. */
const FAILURE_LIMIT: BucketOptions = { capacity: 20, refillPerSec: 1 / 3 };

/** The access token rule of the settings, applied to a token from anywhere (`--token`, settings). */
export function checkAccessToken(token: string): void {
  const parsed = AccessToken.safeParse(token);
  if (parsed.success) return;
  const why = parsed.error.issues.map((i) => i.message.toLowerCase()).join('; ');
  throw new AppError(ErrorCode.VALIDATION_FAILED, `The access token is not accepted: ${why}`);
}

/**
 * Who may drive the control plane (docs/operations.md#security):
 * - on loopback the Host header must be a loopback name, so a page on a rebound DNS name
 *   (DNS rebinding) is refused;
 * - a browser Origin must be our own origin (or listed), so no other web site can send requests
 *   (cross-site requests and cross-site WebSocket hijacking); clients without an Origin, like
 *   scripts and wscat, are not browsers and pass;
 * - a configured token is required on every API call and on the /ws upgrade, on loopback too,
 *   compared in constant time. A correct token always passes; wrong ones are throttled per
 *   address, and so is all traffic without the token (which never reaches the API).
 */
export class SecurityGuard {
  private readonly tokenDigest: Buffer | null;
  private readonly anonymous: RateLimiter;
  private readonly failures: RateLimiter;
  private readonly verdicts = new WeakMap<IncomingMessage, boolean>();
  /** The Host of the last request and its verdict: a client names the same one in every request. */
  private lastHost = { host: '', loopback: isLoopbackHost(hostnameOf('')) };

  constructor(private readonly opts: SecurityOptions) {
    if (opts.token !== null) checkAccessToken(opts.token);
    if (opts.exposed && !opts.token) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'Listening on a network address needs an access token (--token or the accessToken setting)',
      );
    }
    this.tokenDigest = opts.token ? digest(opts.token) : null;
    this.anonymous = new RateLimiter(opts.anonymousLimit ?? ANONYMOUS_LIMIT);
    this.failures = new RateLimiter(opts.failureLimit ?? FAILURE_LIMIT);
  }

  /** For every HTTP request (the UI's static files included): rate limit of anonymous traffic, Host and Origin. */
  readonly checkRequest: RequestHandler = (req, _res, next) => {
    next(this.anonymousError(req, bearer(req.headers.authorization)) ?? this.originError(req) ?? undefined);
  };

  /** Token rule, for /api routes. */
  readonly checkToken: RequestHandler = (req, _res, next) => {
    next(this.tokenError(req, bearer(req.headers.authorization)) ?? undefined);
  };

  /** All rules for a WebSocket upgrade; the token may come as `?token=` (docs/event-protocol.md#connecting) or a bearer header. */
  checkUpgrade(req: IncomingMessage): AppError | null {
    let presented: string | null;
    try {
      presented =
        new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? bearer(req.headers.authorization);
    } catch {
      return new AppError(ErrorCode.BAD_REQUEST, 'The request target is not a valid URL');
    }
    return this.anonymousError(req, presented) ?? this.originError(req) ?? this.tokenError(req, presented);
  }

  private anonymousError(req: IncomingMessage, presented: string | null): AppError | null {
    if (!this.tokenDigest || this.isValid(req, presented)) return null;
    if (this.anonymous.take(addressOf(req))) return null;
    return new AppError(ErrorCode.RATE_LIMITED, 'Too many requests without the access token; slow down');
  }

  private originError(req: IncomingMessage): AppError | null {
    const host = req.headers.host ?? '';
    if (!this.opts.exposed && !this.isLoopback(host)) {
      return new AppError(
        ErrorCode.FORBIDDEN,
        `Host "${clip(host)}" is not allowed: the manager only answers to localhost names`,
      );
    }
    const origin = req.headers.origin;
    if (origin === undefined || this.opts.allowedOrigins?.includes(origin)) return null;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return new AppError(ErrorCode.FORBIDDEN, `Origin "${clip(origin)}" is not allowed`);
    }
    if (originHost.toLowerCase() === host.toLowerCase()) return null;
    return new AppError(
      ErrorCode.FORBIDDEN,
      `Origin "${clip(origin)}" is not allowed: only the manager's own pages may call it`,
    );
  }

  private tokenError(req: IncomingMessage, presented: string | null): AppError | null {
    if (!this.tokenDigest || this.isValid(req, presented)) return null;
    if (presented === null) {
      return new AppError(
        ErrorCode.UNAUTHORIZED,
        'This manager needs its access token: send Authorization: Bearer <token>',
      );
    }
    if (!this.failures.take(addressOf(req))) {
      return new AppError(
        ErrorCode.RATE_LIMITED,
        'Too many wrong access tokens from your address; wait a minute before trying again',
      );
    }
    return new AppError(ErrorCode.UNAUTHORIZED, 'The access token is wrong');
  }

  private isLoopback(host: string): boolean {
    if (host !== this.lastHost.host) this.lastHost = { host, loopback: isLoopbackHost(hostnameOf(host)) };
    return this.lastHost.loopback;
  }

  /** Constant-time comparison of digests (equal lengths whatever was sent), once per request. */
  private isValid(req: IncomingMessage, presented: string | null): boolean {
    if (presented === null || !this.tokenDigest) return false;
    const known = this.verdicts.get(req);
    if (known !== undefined) return known;
    const valid = timingSafeEqual(digest(presented), this.tokenDigest);
    this.verdicts.set(req, valid);
    return valid;
  }
}

const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 100)}…` : s);

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? match[1]!.trim() : null;
}
