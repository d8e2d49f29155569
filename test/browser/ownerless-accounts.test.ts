/**
 * Service accounts nobody answers for, in a real browser: the overview counts them (none named, an
 * owning person deactivated, an owning group deleted; not an account whose owner is active) and
 * links to the service accounts list filtered to them, each with the reason in words; naming an
 * owner takes an account off the count. Debian's Chromium against the real server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertBrowserSetup, CHROMIUM, CHROMIUM_ARGS, expectAccessible, shootBothWidths, WIDE } from '../support/browser.js';
import { adminApi, createGroup } from '../support/policies.js';
import { seedServiceAccount, seedUser } from '../support/seed.js';

describe('service accounts without an owner on the console overview, in Chromium', () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    assertBrowserSetup();
    t = await startTestApp('sqlite');
    const baseUrl = await t.app.listen();
    const admin = adminApi(t);
    const account = async (key: string, displayName: string) => (ids[key] = (await seedServiceAccount(t.app, t.orgId, { displayName })).id);
    const dana = await seedUser(t.app, t.orgId, { name: 'Dana Reyes', email: 'dana@acme.test' });
    const erik = await seedUser(t.app, t.orgId, { name: 'Erik Lund', email: 'erik@acme.test' });
    const temp = await createGroup(t, 'Temporary crew', [erik.id]);
    await account('nobody', 'Nightly exporter');
    await account('danas', 'Release bot');
    await account('eriks', 'Backup runner');
    await account('crews', 'Crew sync');
    const own = async (key: string, owner: { type: 'user' | 'group'; id: string }) =>
      expect((await admin('PUT', `/service-accounts/${ids[key]}/owner`, owner)).statusCode).toBe(200);
    await own('danas', { type: 'user', id: dana.id });
    await own('eriks', { type: 'user', id: erik.id });
    await own('crews', { type: 'group', id: temp });
    expect((await admin('POST', `/users/${dana.id}/deactivate`)).statusCode).toBe(200);
    expect((await admin('DELETE', `/groups/${temp}`)).statusCode).toBeLessThan(300);

    userDataDir = mkdtempSync(join(tmpdir(), 'tokenward-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: WIDE, baseURL: baseUrl });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Admin API key' }).click();
    await page.getByLabel('Admin API key').fill(t.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const flag = () => page.getByRole('link', { name: /Service accounts without an owner/ });

  it('counts them on the overview and lists them, with the reason, behind the link', async () => {
    await expect.poll(async () => (await flag().locator('.stat-value').textContent())?.trim()).toBe('3');
    expect(await flag().textContent()).toContain("Nobody answers for their tokens' notices");
    await flag().click();
    await page.getByRole('heading', { name: 'Service accounts without an owner' }).waitFor();
    expect(new URL(page.url()).search).toBe('?owner=none');
    const table = page.getByRole('table', { name: 'Service accounts without an owner' });
    const rows = table.getByRole('row');
    await expect.poll(() => rows.count()).toBe(4); // the header and three accounts
    const rowOf = (name: string) => table.getByRole('row', { name: new RegExp(name) });
    expect(await rowOf('Nightly exporter').textContent()).toContain('No owner named');
    expect(await rowOf('Release bot').textContent()).toContain('Its owner was deactivated');
    expect(await rowOf('Crew sync').textContent()).toContain('Its owner no longer exists');
    expect(await table.getByText('Backup runner').count()).toBe(0);
    await expectAccessible(page, 'service-accounts-without-owner');
    await shootBothWidths(page, 'service-accounts-without-owner');

    // Every account is in the unfiltered list.
    await page.getByRole('link', { name: 'All service accounts' }).click();
    await page.getByRole('heading', { name: 'Service accounts', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Service accounts' }).getByText('Backup runner').waitFor();
    expect(new URL(page.url()).search).toBe('');
  });

  it('takes an account off the count once someone answers for it', async () => {
    const erik = await seedUser(t.app, t.orgId, { name: 'Fay Kim', email: 'fay@acme.test' });
    expect((await adminApi(t)('PUT', `/service-accounts/${ids.nobody}/owner`, { type: 'user', id: erik.id })).statusCode).toBe(200);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect.poll(async () => (await flag().locator('.stat-value').textContent())?.trim()).toBe('2');
    await shootBothWidths(page, 'overview-ownerless');
    await flag().click();
    const table = page.getByRole('table', { name: 'Service accounts without an owner' });
    await table.getByText('Release bot').waitFor();
    expect(await table.getByText('Nightly exporter').count()).toBe(0);
  });
});
