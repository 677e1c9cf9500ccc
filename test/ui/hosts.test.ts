import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '@ark-asa/contracts';
import type { UiPage } from './browser.ts';
import { UiEnv } from './ui-env.ts';

/**
 * Adding and revoking a host on the Hosts page as a person does it (docs/agent-channel.md): opens
 * "Add host", tries a nameless host and reads why at the name field, gets the one-time
 * command with its token, sees the new host listed offline, and revokes it after confirming.
 */
let env: UiEnv;
let ui: UiPage;
const LONG = { timeout: 30_000 };

const agents = async () => (await env.h.api<{ items: Agent[] }>('GET', '/api/v1/agents')).body.items;

beforeAll(async () => {
  env = await UiEnv.start();
  ui = await env.open('/');
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await ui.failed(ctx.task.name);
});
afterAll(async () => {
  await ui?.close();
  await env?.close();
});

describe('the Hosts page in a browser', { timeout: 120_000 }, () => {
  it('adds a host, shows its one-time command, lists it offline and revokes it after confirmation', async () => {
    const { page } = ui;
    await page.getByLabel('Main navigation').getByRole('link', { name: 'Hosts', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Hosts' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'This PC' }).waitFor(LONG);

    await page.getByRole('button', { name: 'Add host' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a host' });
    const name = dialog.getByRole('textbox', { name: 'Name' });
    const add = dialog.getByRole('button', { name: 'Add host' });
    // A nameless host is not sent: pressing Add says why at the field, with or without blanks.
    await add.click();
    await dialog.getByText('Give the host a name').waitFor(LONG);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('   ');
    await add.click();
    await dialog.getByText('Give the host a name').waitFor(LONG);
    expect((await agents()).map((a) => a.kind)).toEqual(['local']);

    // Too long: the API's message appears at the field, and nothing is added.
    await name.fill('B'.repeat(65));
    await add.click();
    await dialog.getByText('Use at most 64 characters').waitFor(LONG);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await ui.shot('hosts-01-name-error');
    expect((await agents()).map((a) => a.kind)).toEqual(['local']);

    await name.fill('Basement');
    await add.click();
    await dialog.getByText('Copy the command now').waitFor(LONG);
    const command = (await dialog.locator('pre').first().textContent()) ?? '';
    const token = /ARK_AGENT_TOKEN='([^']+)' npm run agent -- --control-plane /.exec(command)?.[1] ?? '';
    expect(command).toContain("--name 'Basement'");
    expect(token.length).toBeGreaterThanOrEqual(20);
    await ui.shot('hosts-02-one-time-command');
    // Shown this once: the manager keeps a hash only, so the list never gives the token back.
    expect(JSON.stringify(await agents())).not.toContain(token);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('row').filter({ hasText: 'Basement' });
    await row.getByText('Offline', { exact: true }).waitFor(LONG);
    await row.getByText('Never connected').waitFor();
    await ui.shot('hosts-03-listed-offline');

    // A second host by the same name is refused, with the reason at the field.
    await page.getByRole('button', { name: 'Add host' }).click();
    await name.fill('basement');
    await add.click();
    await dialog.getByText('A host named "basement" already exists: choose another name').waitFor(LONG);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Changing one's mind at the confirmation keeps the host; confirming revokes it.
    page.once('dialog', (d) => void d.dismiss());
    await row.getByRole('button', { name: 'Revoke' }).click();
    const basement = async () => (await agents()).find((a) => a.name === 'Basement');
    expect((await basement())?.revokedAt).toBeNull();
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.accept();
      }),
    );
    await row.getByRole('button', { name: 'Revoke' }).click();
    expect(await asked).toBe('Revoke Basement? It is disconnected at once and its token stops working.');
    await row.getByText('Revoked', { exact: true }).waitFor(LONG);
    expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await ui.shot('hosts-04-revoked');
    expect((await basement())?.revokedAt).not.toBeNull();
    expect(ui.errors).toEqual([]);
  });
});
