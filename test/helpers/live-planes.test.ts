import { expect, it } from 'vitest';
import { Harness } from './harness.ts';
import { livePlanes } from './live-planes.ts';

it('stops the control planes a file left running, and only those', async () => {
  const stopped = await Harness.start();
  await stopped.stop();
  const forgotten = await Harness.start();
  expect((await fetch(`${forgotten.url}/api/v1/health`)).status).toBe(200);
  expect(await livePlanes.stopLeftovers()).toBe(1);
  await expect(fetch(`${forgotten.url}/api/v1/health`)).rejects.toThrow();
  expect(await livePlanes.stopLeftovers()).toBe(0);
});
