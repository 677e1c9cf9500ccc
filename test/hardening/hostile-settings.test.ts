import http from 'node:http';
import {
  ErrorEnvelope,
  Instance,
  InstanceSettingsPatch,
  ManagerSettings,
  ManagerSettingsPatch,
} from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness.ts';
import { pool, send, type RawResponse } from './fuzz-inputs.ts';
import { CONTROL, HOSTILE_VALUES, POLLUTING_BODIES, type Hostile } from './hostile-values.ts';
import { Tally } from './tally.ts';

/**
 * Hostile values in every settings field (manager settings, instance create and instance PATCH):
 * each answer is a 400 naming the field or a 2xx whose stored value is valid and clean, never a
 * 5xx; after each field's round the stored settings still parse with the contract, the read routes
 * still answer, and nothing reached Object.prototype of this process (the control plane runs here).
 */
let h: Harness;
let base: URL;
let agent: http.Agent;
let target: Instance;

beforeAll(async () => {
  h = await Harness.start();
  base = new URL(h.url);
  agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const created = await h.api('POST', '/api/v1/instances', {
    name: 'Target',
    settings: { gamePort: 7801, rconPort: 27801 },
  });
  target = Instance.parse(created.body);
});
afterAll(async () => {
  agent.destroy();
  await h.stop();
});

const json = (method: string, path: string, body: unknown) =>
  send(
    base,
    agent,
    { method, path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    null,
  );

/** Cross-field rules name the other field of the pair (docs/api.md#errors). */
const RELATED: Record<string, string[]> = {
  clusterDir: ['clusterId'],
  gamePort: ['rconPort'],
  rconPort: ['gamePort'],
  useDynamicConfig: ['dynamicConfigUrl'],
  mods: ['passiveMods'],
};
/**
 * Every instance setting ends up on the server's command line, which Windows caps at 32,767
 * characters (CreateProcessW, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw):
 * a stored value longer than that can never start.
 */
const COMMAND_LINE_MAX = 32_767;

function named(text: string, field: string): boolean {
  const parsed = ErrorEnvelope.safeParse(JSON.parse(text));
  if (!parsed.success || parsed.data.error.code !== 'validation-failed') return false;
  const details = parsed.data.error.details as { fields?: { field: string }[] } | undefined;
  const names = (details?.fields ?? []).flatMap((f) => f.field.split(/[.[\]]/));
  return [field, ...(RELATED[field] ?? [])].some((f) => names.includes(f));
}

/** What is wrong with one answer to a hostile value in `field`, or null when it held. */
function verdict(res: RawResponse, field: string, stored: (body: unknown) => unknown): string | null {
  if (res.status >= 500 || res.status === 0) return `answered ${res.status}: ${res.text.slice(0, 160)}`;
  if (res.status === 400) return named(res.text, field) ? null : `400 not naming ${field}: ${res.text.slice(0, 160)}`;
  if (res.status === 409 || res.status === 413) {
    return ErrorEnvelope.safeParse(JSON.parse(res.text)).success ? null : `${res.status} without the envelope`;
  }
  if (res.status !== 200 && res.status !== 201) return `unexpected ${res.status}`;
  const value = stored(JSON.parse(res.text));
  const strings = [value].flat(2).filter((v): v is string => typeof v === 'string');
  if (strings.some((s) => CONTROL.test(s))) return `stored a control character: ${JSON.stringify(value).slice(0, 80)}`;
  const chars = strings.reduce((n, s) => n + s.length, 0);
  return chars > COMMAND_LINE_MAX ? `stored ${chars} characters, more than a command line holds` : null;
}

const labelled = (v: Hostile, problem: string | null) => (problem ? `${v.label} -> ${problem}` : null);

const polluted = () => 'polluted' in Object.prototype || 'polluted' in {};

async function readRoutesHold(): Promise<string | null> {
  for (const route of ['/api/v1/settings', '/api/v1/instances', `/api/v1/instances/${target.id}`, '/api/v1/health']) {
    const res = await h.api('GET', route);
    if (res.status !== 200) return `GET ${route} answered ${res.status} after the round`;
  }
  if (!ManagerSettings.safeParse((await h.api('GET', '/api/v1/settings')).body).success) return 'settings invalid';
  if (!Instance.safeParse((await h.api('GET', `/api/v1/instances/${target.id}`)).body).success)
    return 'instance invalid';
  return polluted() ? 'Object.prototype was polluted' : null;
}

describe('hostile settings values', () => {
  it('PATCH /api/v1/settings: 400 naming the field or a clean stored value, never a 5xx', async () => {
    const tally = new Tally('hostile manager settings');
    const baseline = ManagerSettings.parse((await h.api('GET', '/api/v1/settings')).body);
    const restore = { steamcmdPath: baseline.steamcmdPath, dataRoot: baseline.dataRoot, accessToken: null };
    for (const field of Object.keys(ManagerSettingsPatch.shape)) {
      const answers = await pool(
        HOSTILE_VALUES.map((v: Hostile) => () => json('PATCH', '/api/v1/settings', { [field]: v.value })),
        16,
      );
      answers.forEach((res, i) =>
        tally.add(
          field,
          labelled(
            HOSTILE_VALUES[i]!,
            verdict(res, field, (b) => (b as Record<string, unknown>)[field]),
          ),
        ),
      );
      tally.add('stored settings valid after the round', await readRoutesHold());
      expect((await h.api('PATCH', '/api/v1/settings', restore)).status).toBe(200);
    }
    for (const body of POLLUTING_BODIES) {
      const res = await send(
        base,
        agent,
        { method: 'PATCH', path: '/api/v1/settings', body, headers: { 'content-type': 'application/json' } },
        null,
      );
      tally.add('polluting body', res.status >= 500 || polluted() ? `${res.status} ${body}` : null);
    }
    tally.print();
    expect(tally.failures()).toEqual([]);
  });

  it('PATCH /api/v1/instances/:id: 400 naming the field or a clean stored value, never a 5xx', async () => {
    const tally = new Tally('hostile instance settings (PATCH)');
    const route = `/api/v1/instances/${target.id}`;
    const fields = ['name', ...Object.keys(InstanceSettingsPatch.shape)];
    for (const field of fields) {
      const body = (value: unknown) => (field === 'name' ? { name: value } : { settings: { [field]: value } });
      const answers = await pool(
        HOSTILE_VALUES.map((v) => () => json('PATCH', route, body(v.value))),
        16,
      );
      const stored = (b: unknown) =>
        field === 'name' ? (b as Instance).name : (b as Instance).settings[field as 'map'];
      answers.forEach((res, i) => tally.add(field, labelled(HOSTILE_VALUES[i]!, verdict(res, field, stored))));
      tally.add('stored instance valid after the round', await readRoutesHold());
    }
    for (const raw of POLLUTING_BODIES) {
      const res = await send(
        base,
        agent,
        { method: 'PATCH', path: route, body: raw, headers: { 'content-type': 'application/json' } },
        null,
      );
      tally.add('polluting body', res.status >= 500 || polluted() ? `${res.status} ${raw}` : null);
    }
    tally.print();
    expect(tally.failures()).toEqual([]);
  });

  it('POST /api/v1/instances: 400 naming the field or a clean created instance, never a 5xx', async () => {
    const tally = new Tally('hostile instance settings (create)');
    const fields = ['name', ...Object.keys(InstanceSettingsPatch.shape)];
    // Every value once, spread over the fields (all pairs would be ~4,000 creations).
    const tries = HOSTILE_VALUES.flatMap((v, i) =>
      [0, 1, 2].map((k) => ({ v, field: fields[(i * 3 + k) % fields.length]! })),
    );
    const answers = await pool(
      tries.map(({ v, field }, i) => () => {
        const settings = { gamePort: 9000 + i, rconPort: 29000 + i };
        const body =
          field === 'name'
            ? { name: v.value, settings }
            : { name: `Create ${i}`, settings: { ...settings, [field]: v.value } };
        return json('POST', '/api/v1/instances', body);
      }),
      16,
    );
    answers.forEach((res, i) => {
      const { v, field } = tries[i]!;
      const stored = (b: unknown) =>
        field === 'name' ? (b as Instance).name : (b as Instance).settings[field as 'map'];
      const created =
        res.status === 201 && !Instance.safeParse(JSON.parse(res.text)).success ? 'created instance invalid' : null;
      tally.add(field, labelled(v, verdict(res, field, stored) ?? created));
    });
    for (const raw of POLLUTING_BODIES) {
      const res = await send(
        base,
        agent,
        { method: 'POST', path: '/api/v1/instances', body: raw, headers: { 'content-type': 'application/json' } },
        null,
      );
      tally.add('polluting body', res.status >= 500 || polluted() ? `${res.status} ${raw}` : null);
    }
    tally.add('instances valid after the round', await readRoutesHold());
    tally.print();
    expect(tally.failures()).toEqual([]);
  });
});
