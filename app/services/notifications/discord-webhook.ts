import type { Clock } from '../../domain/clock.ts';
import type { DiscordMessage } from '../../domain/notification-embed.ts';

export interface DeliveryOutcome {
  delivered: boolean;
  /** Discord's last HTTP status; null when it could not be reached. */
  status: number | null;
  /** For people: what happened. Never contains the webhook URL. */
  message: string;
}

export interface WebhookSend {
  send(webhookUrl: string, message: DiscordMessage, signal?: AbortSignal): Promise<DeliveryOutcome>;
}

export interface DiscordWebhookOptions {
  clock: Clock;
  /** Tests: send to this origin (a fake Discord) instead of the webhook URL's own. */
  origin?: string;
  timeoutMs?: number;
  /** Requests per message, retries included (default 5). */
  maxAttempts?: number;
  /** First backoff after a 5xx or a network failure; doubles each time (default 1 s). */
  backoffMs?: number;
  /** A retry_after beyond this is not waited for (default 60 s): the message fails instead. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
}

type Attempt = { done: DeliveryOutcome } | { retryInMs: number; status: number | null; message: string };

const REFUSED: Record<number, string> = {
  400: 'Discord rejected the message (HTTP 400)',
  401: 'Discord refused the webhook token (HTTP 401): paste the webhook URL again',
  403: 'Discord refused the webhook (HTTP 403): paste the webhook URL again',
  404: 'The webhook no longer exists (HTTP 404): it was deleted in Discord; paste a new URL',
};

/**
 * Posts one message to a Discord webhook. 429 is retried after Discord's `retry_after`; 5xx and
 * network failures with exponential backoff; any other 4xx is final (retrying a deleted webhook
 * helps no one). Never throws: the outcome says what happened, without the URL (a secret).
 */
export class DiscordWebhook implements WebhookSend {
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: DiscordWebhookOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  async send(webhookUrl: string, message: DiscordMessage, signal?: AbortSignal): Promise<DeliveryOutcome> {
    const maxAttempts = this.opts.maxAttempts ?? 5;
    let last: DeliveryOutcome = { delivered: false, status: null, message: 'Not sent' };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (signal?.aborted) return { delivered: false, status: null, message: 'Cancelled: the manager is stopping' };
      const result = await this.attempt(webhookUrl, message, attempt, signal);
      if ('done' in result) return result.done;
      last = {
        delivered: false,
        status: result.status,
        message: `${result.message}; gave up after ${attempt} attempts`,
      };
      if (attempt === maxAttempts) break;
      if (result.retryInMs > (this.opts.maxRetryAfterMs ?? 60_000)) {
        return { delivered: false, status: result.status, message: `${result.message}; Discord asks to wait too long` };
      }
      try {
        await this.opts.clock.sleep(result.retryInMs, signal);
      } catch {
        return { delivered: false, status: null, message: 'Cancelled: the manager is stopping' };
      }
    }
    return last;
  }

  private async attempt(
    webhookUrl: string,
    message: DiscordMessage,
    attempt: number,
    signal?: AbortSignal,
  ): Promise<Attempt> {
    const backoff = (this.opts.backoffMs ?? 1000) * 2 ** (attempt - 1);
    let res: Response;
    try {
      const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 10_000);
      res = await this.fetch(this.target(webhookUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      // The error of a failed fetch can quote the URL; only its kind goes out.
      const kind = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
      return { retryInMs: backoff, status: null, message: `Discord ${kind}` };
    }
    const body = await res.text().catch(() => '');
    if (res.ok) return { done: { delivered: true, status: res.status, message: 'Delivered' } };
    if (res.status === 429)
      return {
        retryInMs: retryAfterMs(res, body),
        status: 429,
        message: 'Discord is rate-limiting this webhook (HTTP 429)',
      };
    if (res.status >= 500)
      return { retryInMs: backoff, status: res.status, message: `Discord failed (HTTP ${res.status})` };
    const refused = REFUSED[res.status] ?? `Discord refused the message (HTTP ${res.status})`;
    return { done: { delivered: false, status: res.status, message: withDiscordReason(refused, body) } };
  }

  private target(webhookUrl: string): string {
    if (!this.opts.origin) return webhookUrl;
    const url = new URL(webhookUrl);
    const origin = new URL(this.opts.origin);
    url.protocol = origin.protocol;
    url.host = origin.host;
    return url.toString();
  }
}

/** `retry_after` (seconds, fractional) of the JSON body, else the Retry-After header, else 1 s. */
export function retryAfterMs(res: Response, body: string): number {
  try {
    const parsed = JSON.parse(body) as { retry_after?: unknown };
    if (typeof parsed.retry_after === 'number' && parsed.retry_after >= 0) return Math.ceil(parsed.retry_after * 1000);
  } catch {
    // not JSON: fall back to the header
  }
  const header = Number(res.headers.get('retry-after'));
  return Number.isFinite(header) && header >= 0 ? Math.ceil(header * 1000) : 1000;
}

/** Discord explains a 400 in `message` (e.g. "Invalid Form Body"); that text holds no secret. */
function withDiscordReason(text: string, body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string' && parsed.message) return `${text}: ${parsed.message.slice(0, 200)}`;
  } catch {
    // no JSON body
  }
  return text;
}
