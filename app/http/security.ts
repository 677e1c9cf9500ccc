import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { hostnameOf, isLoopbackHost } from '../domain/network.ts';

export interface SecurityOptions {
  /** Listening on a non-loopback address: a token is then required on every API call and on /ws. */
  exposed: boolean;
  token: string | null;
  /** Extra browser origins allowed to call the API (e.g. the Vite dev server). */
  allowedOrigins?: string[];
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const FAILURE_LIMIT = 20;
const FAILURE_WINDOW_MS = 60_000;

/**
 * Who may drive the control plane (reliability-security.md A1):
 * - on loopback the Host header must be a loopback name, so a page on a rebound DNS name
 *   (DNS rebinding) is refused;
 * - a browser Origin must be our own origin (or listed), so no other web site can send requests
 *   (cross-site requests and cross-site WebSocket hijacking); clients without an Origin, like
 *   scripts and wscat, are not browsers and pass;
 * - when exposed, every API call and the /ws upgrade need the access token, compared in constant
 *   time, with failed attempts rate-limited per address.
 */
export class SecurityGuard {
  private readonly tokenDigest: Buffer | null;
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly opts: SecurityOptions) {
    this.tokenDigest = opts.exposed && opts.token ? digest(opts.token) : null;
  }

  /** Host and Origin rules, for every HTTP request (the UI's static files included). */
  readonly checkRequestOrigin: RequestHandler = (req, _res, next) => {
    next(this.originError(req) ?? undefined);
  };

  /** Token rule, for /api routes. */
  readonly checkToken: RequestHandler = (req, _res, next) => {
    next(this.tokenError(req, bearer(req.headers.authorization)) ?? undefined);
  };

  /** All rules for a WebSocket upgrade; the token may come as `?token=` (protocol §6) or a bearer header. */
  checkUpgrade(req: IncomingMessage): AppError | null {
    const url = new URL(req.url ?? '/', 'http://localhost');
    return this.originError(req) ?? this.tokenError(req, url.searchParams.get('token') ?? bearer(req.headers.authorization));
  }

  private originError(req: IncomingMessage): AppError | null {
    const host = req.headers.host ?? '';
    if (!this.opts.exposed && !isLoopbackHost(hostnameOf(host))) {
      return new AppError(ErrorCode.FORBIDDEN, `Host "${host}" is not allowed: the manager only answers to localhost names`);
    }
    const origin = req.headers.origin;
    if (origin === undefined || this.opts.allowedOrigins?.includes(origin)) return null;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return new AppError(ErrorCode.FORBIDDEN, `Origin "${origin}" is not allowed`);
    }
    if (originHost.toLowerCase() === host.toLowerCase()) return null;
    return new AppError(ErrorCode.FORBIDDEN, `Origin "${origin}" is not allowed: only the manager's own pages may call it`);
  }

  private tokenError(req: IncomingMessage, presented: string | null): AppError | null {
    if (!this.tokenDigest) return null;
    const address = req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const record = this.failures.get(address);
    if (record && record.resetAt > now && record.count >= FAILURE_LIMIT) {
      return new AppError(ErrorCode.RATE_LIMITED, 'Too many failed attempts; wait a minute before trying again');
    }
    if (presented !== null && timingSafeEqual(digest(presented), this.tokenDigest)) return null;
    const fresh = !record || record.resetAt <= now;
    this.failures.set(address, { count: fresh ? 1 : record.count + 1, resetAt: fresh ? now + FAILURE_WINDOW_MS : record.resetAt });
    return new AppError(
      ErrorCode.UNAUTHORIZED,
      presented === null ? 'This manager needs its access token: send Authorization: Bearer <token>' : 'The access token is wrong',
    );
  }
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? match[1]!.trim() : null;
}
