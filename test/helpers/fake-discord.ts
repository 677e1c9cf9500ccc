import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the manager posted, as the fake received it. */
export interface DiscordPost {
  path: string;
  body: {
    username?: string;
    content?: string;
    embeds?: {
      title: string;
      description?: string;
      color: number;
      timestamp: string;
      fields?: { name: string; value: string }[];
    }[];
    allowed_mentions?: { parse: string[] };
  };
  /** The status the fake answered with. */
  status: number;
}

/** A scripted answer for the next request: Discord's rate limit (429 + retry_after) or any other status. */
export type DiscordReply = { status: 429; retryAfterSec: number } | { status: number; message?: string };

/**
 * A local stand-in for Discord's webhook endpoint (`POST /api/webhooks/<id>/<token>`): records
 * every request, answers 204 like Discord does without `?wait=true`, or what a test scripted.
 */
export class FakeDiscord {
  readonly posts: DiscordPost[] = [];
  private readonly replies: DiscordReply[] = [];
  private waiters: { match: (p: DiscordPost) => boolean; resolve: (p: DiscordPost) => void }[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeDiscord> {
    let fake: FakeDiscord | null = null;
    const server = http.createServer((req, res) => void fake?.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    fake = new FakeDiscord(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The next requests get these answers, in order; after them, 204 again. */
  reply(...replies: DiscordReply[]): void {
    this.replies.push(...replies);
  }

  /** Accepted posts only (2xx). */
  delivered(): DiscordPost[] {
    return this.posts.filter((p) => p.status < 300);
  }

  /** Embed titles of accepted posts, in order of arrival. */
  titles(): string[] {
    return this.delivered().flatMap((p) => (p.body.embeds ?? []).map((e) => e.title));
  }

  /** Resolves with the first accepted post (already received or future) that matches. */
  waitFor(match: (p: DiscordPost) => boolean, timeoutMs = 15_000): Promise<DiscordPost> {
    const seen = this.delivered().find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Fake Discord: no matching post within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST' || !/^\/api\/(v\d+\/)?webhooks\/\d+\/[\w-]+/.test(req.url ?? '')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'Unknown Webhook', code: 10015 }));
      return;
    }
    const reply = this.replies.shift() ?? { status: 204 };
    const post: DiscordPost = {
      path: req.url ?? '',
      body: JSON.parse(text || '{}') as DiscordPost['body'],
      status: reply.status,
    };
    this.posts.push(post);
    this.answer(res, reply);
    if (post.status < 300) this.notify(post);
  }

  private answer(res: http.ServerResponse, reply: DiscordReply): void {
    if (reply.status === 204) return void res.writeHead(204).end();
    if ('retryAfterSec' in reply) {
      const body = { message: 'You are being rate limited.', retry_after: reply.retryAfterSec, global: false };
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(reply.retryAfterSec)) });
      return void res.end(JSON.stringify(body));
    }
    res
      .writeHead(reply.status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ message: reply.message ?? 'scripted', code: 0 }));
  }

  private notify(post: DiscordPost): void {
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.match(post)) w.resolve(post);
      else still.push(w);
    }
    this.waiters = still;
  }
}
