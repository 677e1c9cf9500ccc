import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { UiPage } from './browser.ts';

/**
 * The screen tour of ui.test.ts: every page of the navigation and every tab of a server page,
 * reached by clicking as a person does, each checked for its own heading and main content and
 * for console errors, and photographed as `screen-<theme>-<name>.png` (test-results/screenshots).
 * The navigation and the tab list are compared with the lists below, so a screen added to the app
 * without being added here fails the tour instead of going unseen.
 */

type Content = (scope: Page | Locator) => Locator[];

interface NavScreen {
  name: string;
  link: string;
  content: Content;
}

interface TabScreen {
  value: string;
  label: string;
  content: Content;
}

const h2 = (scope: Page | Locator, name: string) => scope.getByRole('heading', { level: 2, name, exact: true });

/** The main navigation's pages, in the order the navigation lists them. */
const NAV_SCREENS: NavScreen[] = [
  { name: 'dashboard', link: 'Dashboard', content: (p) => [h2(p, 'Dashboard'), p.getByTestId('history-panel')] },
  { name: 'builds', link: 'Server builds', content: (p) => [h2(p, 'Server builds')] },
  { name: 'clusters', link: 'Clusters', content: (p) => [h2(p, 'Clusters'), p.getByText('The Ark Isles')] },
  {
    name: 'hosts',
    link: 'Hosts',
    content: (p) => [h2(p, 'Hosts'), p.getByRole('row').filter({ hasText: 'This PC' })],
  },
  { name: 'jobs', link: 'Jobs', content: (p) => [h2(p, 'Jobs'), p.getByTestId('jobs-table')] },
  {
    name: 'notifications',
    link: 'Notifications',
    content: (p) => [h2(p, 'Notifications'), p.getByTestId('webhook-add')],
  },
  {
    name: 'settings',
    link: 'Settings',
    content: (p) => [h2(p, 'Settings'), p.getByRole('heading', { name: 'Host prerequisites' })],
  },
];

/** The server page's tabs, in the order the page shows them; each is checked inside its panel. */
const TAB_SCREENS: TabScreen[] = [
  { value: 'overview', label: 'Overview', content: (t) => [t.getByTestId('history-panel')] },
  { value: 'console', label: 'Console', content: (t) => [t.getByTestId('rcon-input')] },
  { value: 'players', label: 'Players', content: (t) => [t.getByText('Players online')] },
  { value: 'settings', label: 'Settings', content: (t) => [t.getByLabel('Session name')] },
  { value: 'game-settings', label: 'Game settings', content: (t) => [t.getByLabel('Search settings')] },
  { value: 'config', label: 'Config files', content: (t) => [t.getByTestId('config-file-switch')] },
  { value: 'mods', label: 'Mods', content: (t) => [t.getByRole('heading', { name: 'Mods', exact: true })] },
  {
    value: 'network',
    label: 'Network',
    content: (t) => [
      t.getByRole('heading', { name: 'Is my server visible?' }),
      t.getByRole('heading', { name: 'Firewall' }),
    ],
  },
  { value: 'asaapi', label: 'AsaApi', content: (t) => [t.getByTestId('asaapi-card')] },
  { value: 'backups', label: 'Backups', content: (t) => [t.getByRole('heading', { name: 'Backups', exact: true })] },
  {
    value: 'schedules',
    label: 'Schedules',
    content: (t) => [t.getByRole('heading', { name: 'Schedules', exact: true })],
  },
  { value: 'jobs', label: 'Jobs', content: (t) => [t.getByRole('heading', { name: /^Jobs of / })] },
];

/** Every `screen-<theme>-<name>` one theme's tour photographs, in tour order. */
export function tourScreenNames(): string[] {
  return [...NAV_SCREENS.map((s) => s.name), 'new-server', 'import', ...TAB_SCREENS.map((t) => `instance-${t.value}`)];
}

async function check(ui: UiPage, theme: string, name: string, content: Locator[]): Promise<void> {
  for (const part of content) await part.first().waitFor({ timeout: 30_000 });
  await ui.page.getByTestId('page-loading').waitFor({ state: 'detached' });
  await ui.page.waitForTimeout(400); // let live data arrive before the picture
  await ui.shot(`screen-${theme}-${name}`);
  expect(ui.errors, `console errors on ${name} (${theme})`).toEqual([]);
}

async function tourNavigation(ui: UiPage, theme: string, nav: Locator): Promise<void> {
  const { page } = ui;
  for (const screen of NAV_SCREENS) {
    await nav.getByRole('link', { name: screen.link, exact: true }).click();
    await check(ui, theme, screen.name, screen.content(page));
  }
  await nav.getByRole('link', { name: '+ New server', exact: true }).click();
  await check(ui, theme, 'new-server', [h2(page, 'New server'), page.getByLabel('Session name')]);
  await page.getByRole('link', { name: 'Import an existing server' }).click();
  await check(ui, theme, 'import', [
    h2(page, 'Import an existing server'),
    page.getByRole('textbox', { name: /Server folder/ }),
  ]);
}

async function tourServerTabs(ui: UiPage, theme: string, nav: Locator, server: { id: string; name: string }) {
  const { page } = ui;
  // Its link's name also carries the status dot's label ("Running The Island").
  await nav.getByRole('link', { name: server.name }).click();
  await h2(page, server.name).waitFor();
  expect(await page.getByRole('tab').allTextContents()).toEqual(TAB_SCREENS.map((t) => t.label));
  for (const tab of TAB_SCREENS) {
    await page.getByRole('tab', { name: tab.label, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/instances/${server.id}/${tab.value}`);
    await page.getByRole('tab', { name: tab.label, exact: true, selected: true }).waitFor();
    await check(ui, theme, `instance-${tab.value}`, [
      h2(page, server.name),
      ...tab.content(page.getByRole('tabpanel')),
    ]);
  }
}

/** One theme's tour, from the dashboard: the navigation's pages, new server, import, the server's tabs. */
export async function tourScreens(ui: UiPage, theme: string, server: { id: string; name: string }): Promise<void> {
  const nav = ui.page.getByLabel('Main navigation');
  const pages = await nav.getByRole('link').allTextContents();
  expect(pages.slice(0, NAV_SCREENS.length)).toEqual(NAV_SCREENS.map((s) => s.link));
  await tourNavigation(ui, theme, nav);
  await tourServerTabs(ui, theme, nav, server);
}
