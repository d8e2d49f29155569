/**
 * The one-time links an admin sends a person, opened in a real browser: a centrally issued token
 * (`twl_…`) and the rotation of their GitLab token (`twr_…`). The link rides in the address's
 * fragment, survives the sign-in it may need, is spent by one press of a button, shows the value
 * once, and never appears in an address the browser requests. Debian's Chromium against the real
 * server and the GitLab stand-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { assertBrowserSetup, CHROMIUM, CHROMIUM_ARGS, expectAccessible, shootBothWidths, WIDE } from '../support/browser.js';
import { connectGitlab } from '../support/connectors.js';
import { startGitlabStandin, type GitlabStandin, type StandinToken } from '../support/gitlab-standin.js';
import { adminApi } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

const PASSWORD = 'a long and proper password';

describe('one-time token links in Chromium', () => {
  let t: TestApp;
  let standin: GitlabStandin;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let adaId = '';
  let connectorId = '';
  let gitlabToken: StandinToken;
  let baseUrl = '';
  /** Every address the browser asked for, to show a link never travels in one. */
  const requested: string[] = [];

  const verify = async (token: string) =>
    (await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(t.adminKey), payload: { token } })).json() as { valid: boolean; code: string };

  beforeAll(async () => {
    assertBrowserSetup();
    standin = await startGitlabStandin();
    const person = standin.addUser({ username: 'ada', name: 'Ada Lovelace', email: 'ada@acme.test', bot: false });
    gitlabToken = standin.addToken({ name: 'ada laptop', user_id: person.id, scopes: ['read_api'] });

    t = await startTestApp('sqlite');
    baseUrl = await t.app.listen();
    const ada = await seedUser(t.app, t.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    adaId = ada.id;
    const invite = await adminApi(t)('POST', `/users/${ada.id}/invite`);
    expect(invite.statusCode, invite.body).toBe(201);
    const inviteToken = new URL((invite.json() as { url: string }).url).searchParams.get('token');
    const accepted = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/invites/accept', payload: { token: inviteToken, password: PASSWORD } });
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);

    connectorId = (await connectGitlab(t, standin)).id;

    userDataDir = mkdtempSync(join(tmpdir(), 'tokenward-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: WIDE, baseURL: baseUrl });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('request', (request) => requested.push(request.url()));
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    await standin?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('keeps an issued token link through sign-in, shows the token once, and refuses the link a second time', async () => {
    const issued = await adminApi(t)('POST', '/tokens', { owner: { type: 'user', id: adaId }, label: 'ada reports', scopes: ['read:jira-work'], delivery: 'link' });
    expect(issued.statusCode, issued.body).toBe(201);
    const { link, url } = (issued.json() as { delivery: { link: string; url: string } }).delivery;
    // The answer gives the address to send: the console page, with the link after '#'.
    expect(url).toBe(`${baseUrl}/me/retrieve#${link}`);

    await page.goto(url);
    // Not signed in: the sign-in page, and back to the link after it.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill('ada@acme.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Open a one-time link' }).waitFor();
    expect(await page.getByLabel('One-time link').inputValue()).toBe(link);
    await shootBothWidths(page, 'retrieve-token');
    await expectAccessible(page, 'retrieve-token');

    await page.getByRole('button', { name: 'Show my token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your new token' });
    await dialog.waitFor();
    const secret = await dialog.getByLabel('Token').inputValue();
    expect(await verify(secret)).toMatchObject({ valid: true });
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('heading', { name: '“ada reports” is yours' }).waitFor();
    await shootBothWidths(page, 'retrieve-token-done');

    // Spent: the same link, opened again later, is refused in words and the value is not shown again.
    await page.goto('/me');
    await page.goto(`/me/retrieve#${link}`);
    await page.getByRole('button', { name: 'Show my token' }).click();
    await page.getByText('The link did not open').waitFor();
    expect(await page.locator('dialog[open]').count()).toBe(0);
  });

  it('rotates a GitLab token when its owner opens the rotation link, and shows the new value once', async () => {
    const externalTokenId = (
      await t.app.core.database.db.selectFrom('external_tokens').select('id').where('external_id', '=', String(gitlabToken.id)).executeTakeFirstOrThrow()
    ).id;
    const asked = await t.app.http.inject({
      method: 'POST',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/connectors/${connectorId}/tokens/${externalTokenId}/rotate`,
      headers: bearer(t.adminKey),
      payload: { expiresInDays: 30 },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const { link, url } = asked.json() as { link: string; url: string };
    expect(url).toBe(`${baseUrl}/me/retrieve#${link}`);
    expect(standin.stats.rotations.get(gitlabToken.id)).toBeUndefined();

    await page.goto('/me/retrieve');
    await page.getByLabel('One-time link').fill(link);
    await page.getByRole('button', { name: 'Show my token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your rotated token' });
    await dialog.waitFor();
    const fresh = [...standin.tokens.values()].find((token) => token.family === gitlabToken.id && token.id !== gitlabToken.id)!;
    expect(await dialog.getByLabel('Token').inputValue()).toBe(fresh.value);
    expect(gitlabToken).toMatchObject({ active: false, revoked: true });
    expect(standin.stats.rotations.get(gitlabToken.id)).toBe(1);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('heading', { name: '“ada laptop” was rotated' }).waitFor();
  });

  it('refuses, in words, something that is not a one-time link, without asking the server', async () => {
    await page.goto('/me/retrieve');
    const before = requested.length;
    await page.getByLabel('One-time link').fill('https://example.com/not-a-link');
    await page.getByRole('button', { name: 'Show my token' }).click();
    await page.getByText('This is not a Tokenward one-time link').waitFor();
    expect(requested.slice(before).filter((url) => url.includes('/redeem'))).toEqual([]);
  });

  it('never put a link in an address the browser requested', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => /tw[lr]_/.test(url))).toEqual([]);
  });
});
