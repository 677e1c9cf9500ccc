import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Cluster, CreatedAgent, Instance } from '@ark-asa/contracts';
import type { Page } from 'playwright-core';
import type { UiPage } from './browser.ts';
import { tempDir } from '../helpers/harness.ts';
import { freePort, type Spawned } from '../helpers/processes.ts';
import { startAgent, waitUntil } from '../helpers/remote-agents.ts';
import { SimEnv } from '../helpers/sim-env.ts';
import { UiEnv } from './ui-env.ts';

/**
 * Picking the host of a new server as a person does, in a real Chromium (docs/agent-channel.md):
 * with a remote host added but never connected, the create form offers it marked offline, says at
 * the field why creating there will fail, and shows the manager's refusal naming the host; picking
 * this PC instead creates the server, and the Hosts page counts it and links to it. Then a real
 * agent (`npm run agent`'s entry, with a SteamCMD simulator of its own) connects: a build is
 * installed and a server created on it from the UI, and once the agent stops, the server's page
 * says its host is offline.
 */
let env: UiEnv;
let ui: UiPage;
let agent: Spawned | undefined;
const LONG = { timeout: 30_000 };
const INSTALL = { timeout: 120_000 };

const agents = async () => (await env.h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items;
const instances = async () => (await env.h.api<{ items: Instance[] }>('GET', '/api/v1/instances')).body.items;

beforeAll(async () => {
  env = await UiEnv.start();
  ui = await env.open('/');
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await ui.failed(ctx.task.name);
});
afterAll(async () => {
  if (agent?.child.exitCode === null) agent.child.kill('SIGTERM');
  await agent?.exited;
  await ui?.close();
  await env?.close();
});

describe('the host of a new server, in a browser', { timeout: 180_000 }, () => {
  /** Picks an option of the Host select as a person does: open it, click the host's name. */
  async function pickHost(page: Page, name: string): Promise<void> {
    const host = page.getByRole('combobox', { name: 'Host' });
    await host.click();
    await page.getByRole('option', { name }).click();
    await expect.poll(() => host.inputValue()).toBe(name);
  }

  it('refuses an offline host with the reason naming it, then creates the server on this PC', async () => {
    const { page } = ui;
    const added = await env.h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Basement' });
    expect(added.status).toBe(201);
    const local = (await agents()).find((a) => a.kind === 'local')!;

    await page.getByLabel('Main navigation').getByRole('link', { name: '+ New server', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'New server' }).waitFor();
    const host = page.getByRole('combobox', { name: 'Host' });
    await host.waitFor(LONG);
    expect(await host.inputValue()).toBe(local.name);
    await host.click();
    expect(await page.getByRole('option').allTextContents()).toEqual([local.name, 'Basement (offline)']);
    await page.getByRole('option', { name: 'Basement (offline)' }).click();
    await expect.poll(() => host.inputValue()).toBe('Basement (offline)');
    // Said before anything is sent: creating there fails, and its builds cannot be listed.
    await page.getByText('Basement is offline: creating a server there fails until it reconnects').waitFor(LONG);
    await page.getByText('The builds of Basement cannot be listed while it is offline').waitFor(LONG);
    await ui.shot('remote-hosts-01-offline-host-picked');

    await page.getByRole('textbox', { name: /^Name/ }).fill('Cellar');
    await page.getByLabel('Game port').fill(String(await freePort()));
    await page.getByLabel('RCON port').fill(String(await freePort()));
    await page.getByRole('button', { name: 'Create server' }).click();
    // The manager's answer, beside the button and at the host field, which gets the focus.
    await page.getByRole('alert').filter({ hasText: 'Host "Basement" is offline' }).waitFor(LONG);
    expect(await page.getByText('Host "Basement" is offline', { exact: true }).count()).toBe(2);
    expect(await host.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('form-problems').textContent()).toBe('1 field needs attention: Host');
    await ui.shot('remote-hosts-02-offline-host-refused');
    expect(await instances()).toEqual([]);

    await host.click();
    await page.getByRole('option', { name: local.name }).click();
    await expect.poll(() => host.inputValue()).toBe(local.name);
    expect(await page.getByText('Host "Basement" is offline', { exact: true }).count()).toBe(0);
    expect(await host.getAttribute('aria-invalid')).not.toBe('true');
    expect(await page.getByTestId('form-problems').count()).toBe(0);
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}/, LONG);
    const created = await instances();
    expect(created.map((i) => [i.name, i.agentId])).toEqual([['Cellar', local.id]]);
    // With two hosts, the server's page names its host.
    expect(await page.getByTestId('instance-host').textContent()).toBe(`Host: ${local.name}`);

    // The Hosts page counts the server on this PC and links to it; Basement runs none.
    await page.getByLabel('Main navigation').getByRole('link', { name: 'Hosts', exact: true }).click();
    const basement = page.getByRole('row').filter({ hasText: 'Basement' });
    await basement.getByText('None', { exact: true }).waitFor(LONG);
    await ui.shot('remote-hosts-03-hosts-count-servers');
    await page.getByRole('row').filter({ hasText: local.name }).getByRole('link', { name: '1 server' }).click();
    await page.getByTestId('host-filter').waitFor(LONG);
    expect(await page.getByTestId('host-filter').textContent()).toContain(`1 server on ${local.name}`);
    await page.locator('[data-instance="Cellar"]').first().waitFor(LONG);
    await ui.shot('remote-hosts-04-servers-of-this-pc');
    expect(ui.errors).toEqual([]);
  });

  it('installs a build and creates a server on a connected host', async () => {
    const { page } = ui;
    const sim = await SimEnv.create({ durationMs: 1500 });
    const { body } = await env.h.api<CreatedAgent>('POST', '/api/v1/agents', { name: 'Attic' });
    agent = startAgent(env.h.url, body.token, tempDir('ark-ui-agent-'), ['--steamcmd-path', sim.steamcmdPath]);
    await waitUntil('Attic online', async () => (await agents()).find((a) => a.name === 'Attic')?.status === 'ONLINE');

    await page.getByLabel('Main navigation').getByRole('link', { name: 'Server builds', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Server builds' }).waitFor();
    await pickHost(page, 'Attic');
    await page.getByText('No build installed yet').waitFor(LONG);
    await page.getByTestId('install-build').click();
    const row = page.getByTestId('build-row').first();
    await row.waitFor(INSTALL);
    const buildId = (await row.getAttribute('data-build-id')) ?? '';
    await ui.shot('remote-hosts-05-build-on-attic');

    await page.getByLabel('Main navigation').getByRole('link', { name: '+ New server', exact: true }).click();
    // Until the page (loaded on demand) is shown, the Host field on screen is the builds page's.
    await page.getByRole('heading', { level: 2, name: 'New server' }).waitFor(LONG);
    await pickHost(page, 'Attic');
    await page.getByRole('combobox', { name: 'Build' }).click();
    await page.getByRole('option', { name: `Build ${buildId}` }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Attic island');
    await page.getByLabel('Game port').fill(String(await freePort()));
    await page.getByLabel('RCON port').fill(String(await freePort()));
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}/, LONG);
    await page.getByTestId('instance-host').filter({ hasText: 'Host: Attic' }).waitFor(LONG);
    const attic = (await agents()).find((a) => a.name === 'Attic')!;
    const made = (await instances()).find((i) => i.name === 'Attic island');
    expect([made?.agentId, made?.buildId]).toEqual([attic.id, buildId]);
    expect(ui.errors).toEqual([]);
  });

  it('puts the servers of both hosts in one cluster and gives the host its shared folder', async () => {
    const { page } = ui;
    const attic = (await agents()).find((a) => a.name === 'Attic')!;
    const byName = async (name: string) => (await instances()).find((i) => i.name === name)!;
    const nav = (name: string) => page.getByLabel('Main navigation').getByRole('link', { name, exact: true }).click();
    await nav('Clusters');
    await page.getByLabel('New cluster').fill('Two houses');
    await page.getByTestId('cluster-create').click();
    await expect
      .poll(async () => (await env.h.api<{ items: Cluster[] }>('GET', '/api/v1/clusters')).body.items.length, LONG)
      .toBe(1);
    const cluster = (await env.h.api<{ items: Cluster[] }>('GET', '/api/v1/clusters')).body.items[0]!;
    // Attic island joins from its page, by picking the cluster from the list.
    await nav('Dashboard');
    await page
      .locator('[data-instance="Attic island"]')
      .first()
      .getByRole('link', { name: 'Attic island' })
      .first()
      .click();
    await page.getByTestId('instance-host').filter({ hasText: 'Host: Attic' }).waitFor(LONG);
    const picker = page.getByRole('combobox', { name: 'Cluster' });
    await picker.click();
    await page.getByRole('option', { name: 'Two houses' }).click();
    await expect.poll(() => picker.inputValue()).toBe('Two houses');
    await expect.poll(async () => (await byName('Attic island')).clusterId, LONG).toBe(cluster.id);
    const cellar = await byName('Cellar');
    await env.h.api('PATCH', `/api/v1/instances/${cellar.id}`, { clusterId: cluster.id });

    await nav('Clusters');
    const row = page.locator('[data-testid="cluster-folder-row"][data-host="Attic"]');
    await row.waitFor(LONG);
    const field = row.getByLabel('Cluster folder on Attic');
    await field.fill('D:\\My Cluster');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('ARK cannot read a cluster folder with spaces, ? or quotes').waitFor(LONG);
    await ui.shot('remote-hosts-06-cluster-folder-refused');
    await field.fill('/mnt/ark-cluster');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('In use: /mnt/ark-cluster').waitFor(LONG);
    const saved = (await env.h.api<Cluster>('GET', `/api/v1/clusters/${cluster.id}`)).body;
    expect(saved.folders).toEqual({ [attic.id]: '/mnt/ark-cluster' });
    expect(saved.members.sort()).toEqual([cellar.id, (await byName('Attic island')).id].sort());
    await ui.shot('remote-hosts-07-cluster-across-hosts');
    expect(ui.errors).toEqual([]);
  });

  it('says on the server page when its host goes offline', async () => {
    const { page } = ui;
    const made = (await instances()).find((i) => i.name === 'Attic island')!;
    await page.goto(`${env.h.url}/instances/${made.id}`);
    await page.getByTestId('instance-host').filter({ hasText: 'Host: Attic' }).waitFor(LONG);
    // The agent stops: the page keeps the last state it reported and says why actions fail.
    agent!.child.kill('SIGTERM');
    await agent!.exited;
    const banner = page.getByTestId('host-offline-banner');
    await banner.waitFor(LONG);
    expect(await banner.textContent()).toBe(
      'Host Attic is offlineShowing the last state it reported; actions will fail until it reconnects.',
    );
    await page.getByTestId('instance-host').getByText('Offline').waitFor();
    // From the top: a full-page picture of a scrolled page draws the fixed header over the banner.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await ui.shot('remote-hosts-08-host-offline-banner');
    expect(ui.errors).toEqual([]);
  });
});
