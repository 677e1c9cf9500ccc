import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ErrorEnvelope, Instance } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../../../test/helpers/harness.ts';

/** The download route of a backup on a real control plane, with a backup file recorded in its store. */
const ZIP = randomBytes(200_003);
let h: Harness;
let route: string;

beforeAll(async () => {
  h = await Harness.start();
  const server = (
    await h.api<Instance>('POST', '/api/v1/instances', { name: 'Ranged', settings: { gamePort: 21_610 } })
  ).body;
  const file = path.join(h.dataDir, 'ranged.zip');
  fs.writeFileSync(file, ZIP);
  const id = randomUUID();
  const db = new Database(path.join(h.dataDir, 'manager.db'));
  db.pragma('busy_timeout = 5000');
  // As a finished backup job records it.
  db.prepare(
    `INSERT INTO backups (id, instance_id, file_name, file_path, size_bytes, created_at, kind, entries, map, verified, note)
     VALUES (?, ?, 'ranged.zip', ?, ?, ?, 'manual', 1, 'TheIsland_WP', 1, NULL)`,
  ).run(id, server.id, file, ZIP.length, new Date().toISOString());
  db.close();
  route = `${h.url}/api/v1/instances/${server.id}/backups/${id}/download`;
});

afterAll(() => h.stop());

const get = (headers: Record<string, string> = {}) => fetch(route, { headers });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('downloading a backup, whole or one byte range', () => {
  it('sends the whole file without Range, as before', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=ranged.zip');
    expect(res.headers.get('content-length')).toBe(String(ZIP.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBeNull();
    expect((await bytes(res)).equals(ZIP)).toBe(true);
  });

  it('answers one range with 206 and its Content-Range, including open and suffix ranges', async () => {
    const cases: [string, number, number][] = [
      ['bytes=10-99', 10, 99],
      ['bytes=0-0', 0, 0],
      [`bytes=199000-`, 199_000, ZIP.length - 1],
      ['bytes=-3', ZIP.length - 3, ZIP.length - 1],
      // Past the end: what there is.
      [`bytes=150000-999999`, 150_000, ZIP.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get({ range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${ZIP.length}`);
      expect(res.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename=ranged.zip');
      expect((await bytes(res)).equals(ZIP.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 naming the size for a range past the end', async () => {
    const res = await get({ range: `bytes=${ZIP.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${ZIP.length}`);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error.message).toContain(`${ZIP.length} bytes`);
  });

  it('sends the whole file for a Range it does not serve: several ranges, a malformed one, or with If-Range', async () => {
    const cases: Record<string, string>[] = [
      { range: 'bytes=0-9,100-199' },
      { range: 'bytes=abc' },
      { range: 'items=0-9' },
      { range: 'bytes=0-9', 'if-range': '"some-etag"' },
    ];
    for (const headers of cases) {
      const res = await get(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(ZIP.length));
      expect((await bytes(res)).equals(ZIP)).toBe(true);
    }
  });

  it('answers 404 for a Range on a backup that does not exist', async () => {
    const res = await fetch(route.replace(/backups\/[^/]+/, `backups/${randomUUID()}`), {
      headers: { range: 'bytes=0-9' },
    });
    expect(res.status).toBe(404);
  });
});
