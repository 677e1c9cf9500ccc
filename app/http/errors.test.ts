import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ErrorCode, ErrorEnvelope } from '@ark-asa/contracts';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../domain/app-error.ts';
import { pino } from 'pino';
import type { Logger } from '../logger.ts';
import { errorHandler, statusOf } from './errors.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** An app whose only route throws `err`, behind the real error handler. */
async function serve(err: unknown, logger: Logger): Promise<string> {
  const app = express();
  app.get('/boom', () => {
    throw err;
  });
  app.use(errorHandler(logger));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`;
}

/** A logger whose lines land in `lines` (JSON), or whose every write fails like a full disk. */
function memoryLogger(lines: string[], failing = false): Logger {
  return pino(
    { level: 'info' },
    {
      write(line: string) {
        if (failing) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        lines.push(line);
      },
    },
  );
}

describe('the error translator', () => {
  it('maps every ErrorCode to a status (the map is total)', () => {
    for (const code of Object.values(ErrorCode)) {
      const status = statusOf(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
    expect(statusOf(ErrorCode.BAD_REQUEST)).toBe(400);
    expect(statusOf(ErrorCode.PORT_IN_USE)).toBe(409);
  });

  it('gives a 500 an errorId that is in the log line, and no stack or path in the answer', async () => {
    const lines: string[] = [];
    const url = await serve(new Error(`disk exploded at ${import.meta.dirname}`), memoryLogger(lines));
    const res = await fetch(url);
    expect(res.status).toBe(500);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe('internal-error');
    expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toContain(import.meta.dirname);
    expect(lines.some((l) => l.includes(body.error.errorId!))).toBe(true);
  });

  it('answers 4xx without logging, and the JSON envelope even when the log cannot be written', async () => {
    const lines: string[] = [];
    const url = await serve(new AppError(ErrorCode.CONFLICT, 'busy'), memoryLogger(lines));
    expect((await fetch(url)).status).toBe(409);
    expect(lines).toEqual([]);
    server!.close();
    const failingUrl = await serve(new Error('boom'), memoryLogger([], true));
    const res = await fetch(failingUrl);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(ErrorEnvelope.parse(await res.json()).error.code).toBe('internal-error');
  });

  it('turns the HTTP libraries’ client errors into 4xx envelopes without echoing the request', async () => {
    const uriError = Object.assign(new URIError("Failed to decode param '%zz-secret'"), { status: 400 });
    const res = await fetch(await serve(uriError, memoryLogger([])));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('bad-request');
    expect(text).not.toContain('secret');
  });
});
