import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { WSEventData, WSEventName } from '@ark-asa/contracts';
import { spawnTs, type Spawned } from './processes.ts';
import type { TestWsClient } from './ws-client.ts';

/** `npm run agent`'s entry as a real process. */
export function startAgent(controlPlane: string, token: string, dataDir: string, extra: string[] = []): Spawned {
  return spawnTs('app/agent-cli.ts', [
    '--control-plane',
    controlPlane,
    '--token',
    token,
    '--data-dir',
    dataDir,
    ...extra,
  ]);
}

/** Polls `probe` until it returns something other than undefined/false. */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first event of that name received after the client's `mark`-th event. */
export function eventAfter<N extends WSEventName>(
  ws: TestWsClient,
  mark: number,
  name: N,
  where: (d: WSEventData<N>) => boolean = () => true,
  timeoutMs = 120_000,
): Promise<WSEventData<N>> {
  return waitUntil(
    `${name} after event #${mark}`,
    () => {
      const found = ws.events.slice(mark).find((e) => e.event === name && where(e.data as WSEventData<N>));
      return found ? (found.data as WSEventData<N>) : undefined;
    },
    timeoutMs,
  );
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl. */
export function selfSignedCert(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** A JSON request over HTTPS trusting `ca` (fetch cannot be given a CA without another package). */
export function httpsJson<T>(
  url: string,
  method: string,
  ca: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, ca: fs.readFileSync(ca), headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
