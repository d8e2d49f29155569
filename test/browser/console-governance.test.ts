/**
 * Who governs what, in Chromium against the real server: each policy says how many people and
 * live tokens it governs; the inventory names each token's governing policy and keeps named
 * views; people and service accounts show their extra columns. The figures are the story's.
 * Screenshots at 1440 and 390 px, light and dark; axe-core finds no serious problem.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertBrowserSetup, CHROMIUM, CHROMIUM_ARGS, expectAccessible, shootBothWidths, WIDE } from '../support/browser.js';
import { seedGovernanceStory, type GovernanceStory } from '../support/governance-story.js';

describe('who governs what, in Chromium', () => {
  let t: TestApp;
  let story: GovernanceStory;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  // Three hours back: the story's last sign-in (two hours after its first) is an hour before the browser's now.
  let nowMs = Date.now() - 3 * 3_600_000;

  beforeAll(async () => {
    assertBrowserSetup();
    t = await startTestApp('sqlite', { clock: () => new Date(nowMs) });
    story = await seedGovernanceStory(t, (ms) => (nowMs += ms));
    const baseUrl = await t.app.listen();
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

  it('says on each policy how many people and live tokens it governs', async () => {
    await page.goto('/policies');
    for (const [name, expected] of Object.entries(story.coverage)) {
      const card = page.getByRole('article', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });
      const text = card.locator('.facts dd').last();
      if (expected.people + expected.serviceAccounts === 0) {
        await expect.poll(() => text.textContent()).toMatch(/^Governs nobody now/);
        continue;
      }
      const people = expected.people > 0 ? [`${expected.people} ${expected.people === 1 ? 'person' : 'people'}`] : [];
      const accounts = expected.serviceAccounts > 0 ? [`${expected.serviceAccounts} service account${expected.serviceAccounts === 1 ? '' : 's'}`] : [];
      const tokens = `${expected.liveTokens} live token${expected.liveTokens === 1 ? '' : 's'}`;
      await expect.poll(() => text.textContent(), { message: name }).toBe(`Governs ${[...people, ...accounts].join(', ')}, ${tokens}`);
    }
    await shootBothWidths(page, 'governance-policies');
    await expectAccessible(page, 'policies');
  });

  it("names each token's governing policy in the inventory, linked to the policy", async () => {
    await page.goto('/tokens?pageSize=100');
    await page.getByRole('table', { name: 'Tokens' }).waitFor();
    for (const [label, policy] of Object.entries(story.governing)) {
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: label, exact: true }) });
      await expect.poll(() => row.getByRole('cell').nth(3).textContent(), { message: label }).toBe(policy);
    }
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'bob deploy', exact: true }) });
    expect(await row.getByRole('link', { name: 'Operations tight' }).getAttribute('href')).toBe(`/policies/${story.ids.operationsPolicy}`);
    await shootBothWidths(page, 'governance-inventory');
    await expectAccessible(page, 'inventory');
  });

  it('saves a named view of the inventory, applies it and deletes it', async () => {
    await page.goto('/tokens?q=ada&hide=source,scopes');
    await page.getByRole('table', { name: 'Tokens' }).waitFor();
    await page.getByText('Saved views').click();
    await page.getByText('No saved view yet').waitFor();
    await page.getByLabel('Name of this view').fill("Ada's tokens");
    await page.getByRole('button', { name: 'Save this view' }).click();
    await page.getByRole('status').filter({ hasText: '"Ada\'s tokens" is saved.' }).waitFor();
    await shootBothWidths(page, 'governance-saved-views');
    await expectAccessible(page, 'saved views');

    // Elsewhere, then back through the view: the same filter and hidden columns.
    await page.goto('/tokens');
    await page.getByRole('table', { name: 'Tokens' }).waitFor();
    await page.getByText('Saved views (1)').click();
    await page.getByRole('button', { name: "Ada's tokens", exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('ada');
    expect(new URL(page.url()).searchParams.get('hide')).toBe('source,scopes');
    await expect.poll(() => page.getByRole('columnheader', { name: 'Source' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'bob deploy' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'ada cli', exact: true }).count()).toBe(1);

    // Kept in the browser: still there after a reload, gone once deleted.
    await page.reload();
    await page.getByText('Saved views (1)').click();
    await page.getByRole('button', { name: "Delete the view Ada's tokens" }).click();
    await page.getByText('No saved view yet').waitFor();
    await page.reload();
    await page.getByText('Saved views', { exact: true }).waitFor();
  });

  it('shows people their groups, live tokens and last sign-in', async () => {
    await page.goto('/people');
    await page.getByRole('table', { name: 'People' }).waitFor();
    const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    const cells = async (name: string) => (await rowOf(name).getByRole('cell').allTextContents()).map((text) => text.trim());
    await expect.poll(async () => (await cells('Bob Okafor'))[2]).toBe('Engineering, Operations');
    expect((await cells('Bob Okafor'))[3]).toBe('1');
    expect((await cells('Ada Lovelace')).slice(2, 5)).toEqual(['Engineering', '2', '1 h ago']);
    expect((await cells('Dee Moreau')).slice(2, 5)).toEqual(['None', '1', 'Never']);
    expect((await cells('Eve Quist'))[3]).toBe('0');
    await shootBothWidths(page, 'governance-people');
    await expectAccessible(page, 'people');
  });

  it('shows service accounts their live tokens, last use and accountable owner', async () => {
    await page.goto('/service-accounts');
    await page.getByRole('table', { name: 'Service accounts' }).waitFor();
    const cells = async (name: string) => (await page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) }).getByRole('cell').allTextContents()).map((text) => text.trim());
    await expect.poll(async () => (await cells('Build robot'))[3]).toBe('2');
    expect((await cells('Build robot')).slice(4, 6)).toEqual(['Never', 'Bob OkaforPerson']);
    expect((await cells('Wiki syncer')).slice(3, 6)).toEqual(['1', 'Never', 'Nobody']);
    await shootBothWidths(page, 'governance-service-accounts');
    await expectAccessible(page, 'service accounts');
  });
});
