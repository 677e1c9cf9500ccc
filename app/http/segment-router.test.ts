import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentRouter } from './segment-router.ts';

/**
 * segmentRouter must answer every request as one express Router holding the same routes would: the
 * same handler, the same fall-through, the same case rules. Each case asks both.
 */
let server: http.Server;
let base = '';

function mountAll(router: express.Router): void {
  const say = (text: string) => (req: express.Request, res: express.Response) =>
    void res.json({ text, params: req.params });
  router.get('/api/v1/instances', say('list'));
  router.post('/api/v1/instances/import', say('import'));
  router.get('/api/v1/instances/import', say('import page'));
  router.get('/api/v1/instances/:id', say('one'));
  router.delete('/api/v1/instances/:id', say('delete'));
  router.get('/api/v1/instances/:id/logs', say('logs'));
  router.get('/api/v1/instances/:id/:part', say('part'));
  router.post('/api/v1/instances/:id/backups/:backupId/restore', say('restore'));
  router.get('/api/v1/jobs', say('jobs'));
  router.get('/api/v1/jobs/:id', say('job'));
  router.put('/api/v1/settings/:key', say('setting'));
  router.patch('/api/v1/agents/:id', say('agent'));
}

beforeAll(async () => {
  const app = express();
  const segmented = segmentRouter();
  mountAll(segmented);
  const plain = express.Router();
  mountAll(plain);
  app.use('/segmented', segmented);
  app.use('/plain', plain);
  app.use((_req, res) => void res.status(404).json({ text: 'not found' }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function ask(router: 'segmented' | 'plain', method: string, path: string) {
  const res = await fetch(`${base}/${router}${path}`, { method });
  return { status: res.status, allow: res.headers.get('allow'), body: method === 'HEAD' ? '' : await res.text() };
}

describe('segmentRouter', () => {
  it.each([
    ['GET', '/api/v1/instances'],
    ['GET', '/api/v1/instances/'],
    ['GET', '/api/v1/instances/import'],
    ['POST', '/api/v1/instances/import'],
    ['GET', '/api/v1/instances/abc'],
    ['GET', '/api/v1/instances/abc/logs'],
    ['GET', '/api/v1/instances/abc/logs/'],
    ['GET', '/api/v1/instances/abc/config'],
    ['GET', '/api/v1/instances/abc/logs/more'],
    ['GET', '/api/v1/instances//logs'],
    ['GET', '/api/v1/instances/a%2Fb/logs'],
    ['POST', '/api/v1/instances/abc/backups/b1/restore'],
    ['GET', '/API/V1/JOBS'],
    ['GET', '/api/v1/jobs//'],
    ['DELETE', '/api/v1/instances/abc'],
    ['HEAD', '/api/v1/instances/abc'],
    ['GET', '/api/v1/Instances/abc'],
    ['GET', '/api/v1/JOBS'],
    ['GET', '/api/v1/jobs/7?x=1'],
    ['PUT', '/api/v1/settings/port'],
    ['PATCH', '/api/v1/agents/a1'],
    ['POST', '/api/v1/jobs'],
    ['GET', '/api/v1/unknown'],
    ['GET', '/api/v1/'],
    ['GET', '/api/v2/jobs'],
    ['GET', '/'],
    ['OPTIONS', '/api/v1/instances/abc'],
  ])('answers %s %s as one Router with the same routes does', async (method, path) => {
    const plain = await ask('plain', method, path);
    expect(await ask('segmented', method, path)).toEqual(plain);
  });

  it('keeps the order of the routes of a segment: the literal route mounted first wins', async () => {
    expect(JSON.parse((await ask('segmented', 'GET', '/api/v1/instances/import')).body)).toMatchObject({
      text: 'import page',
    });
  });

  it('keeps the order of the routes of a group: a literal part mounted first wins over a parameter', async () => {
    expect(JSON.parse((await ask('segmented', 'GET', '/api/v1/instances/abc/logs')).body)).toMatchObject({
      text: 'logs',
    });
  });

  it('refuses a route without a literal first segment, outside the prefix, or with an optional or wildcard part', () => {
    const router = segmentRouter();
    const ok = () => undefined;
    for (const path of ['/api/v1/:kind/list', '/api/v1/', '/health', '/api/v1/files/*rest', '/api/v1/jobs{/:id}'])
      expect(() => router.get(path, ok), path).toThrow(/needs a literal first segment/);
  });
});
