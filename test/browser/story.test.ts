/**
 * A security lead's story, in Chromium against the real server: an admin restricts a group to
 * read-only scopes with approval; a member of it asks for a token in the console; an approver
 * narrows and approves it; the member retrieves it once; a call with it through the gateway (in
 * process, in front of a stand-in Jira on loopback) shows in the token's activity chart; the admin
 * revokes it from the inventory; the next gateway call is refused and never reaches Jira.
 *
 * Every step of the people goes through the console, the restriction included (the policy editor,
 * with its impact preview).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayForCore } from '../../src/gateway/in-process.js';
import type { GatewayServer } from '../../src/gateway/proxy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertBrowserSetup, CHROMIUM, CHROMIUM_ARGS, expectAccessible, SCREENSHOTS, shootBothWidths, WIDE, signInWithPassword, signOut as signOutOf } from '../support/browser.js';
import { adminApi, createGroup } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

const PASSWORD = 'a long and proper password';

describe('a security lead\'s story in Chromium', () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let secret = '';
  let jira: Server;
  let gateway: GatewayServer;
  /** What the stand-in Jira received: the gateway's calls, with their headers. */
  const jiraCalls: IncomingHttpHeaders[] = [];

  /** A password for a person, through the one-time link API (the console's own pages are tested elsewhere). */
  async function setPassword(url: string) {
    const token = new URL(url).searchParams.get('token');
    const kind = new URL(url).pathname === '/setup' ? 'owner-setup' : 'invites/accept';
    const response = await t.app.http.inject({ method: 'POST', url: `/api/v1/auth/${kind}`, payload: { token, password: PASSWORD } });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  const signIn = (email: string) => signInWithPassword(page, email, PASSWORD);

  const signOut = () => signOutOf(page);

  /** A Jira search as an Atlassian script sends it: Basic e-mail:token, through the gateway. */
  async function searchJira(from = { ip: '198.51.100.20', agent: 'jira-reports/1.4' }): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${gateway.url()}/rest/api/3/search?jql=project%3DOPS`, {
      headers: { authorization: `Basic ${Buffer.from(`maya@acme.test:${secret}`).toString('base64')}`, 'x-forwarded-for': from.ip, 'user-agent': from.agent },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    assertBrowserSetup();
    t = await startTestApp('sqlite');
    await t.app.listen();
    if (!t.app.bootstrap.firstStart) throw new Error('expected a first start');
    await setPassword(t.app.bootstrap.ownerLink.url);
    const maya = await seedUser(t.app, t.orgId, { name: 'Maya Singh', email: 'maya@acme.test' });
    const invite = await adminApi(t)('POST', `/users/${maya.id}/invite`);
    expect(invite.statusCode, invite.body).toBe(201);
    await setPassword((invite.json() as { url: string }).url);
    await createGroup(t, 'Contractors', [maya.id]);
    // A stand-in Jira, and the gateway in front of it holding Jira's own credential.
    jira = createServer((request, response) => {
      jiraCalls.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issues: [{ key: 'OPS-1' }], total: 1 }));
    });
    await new Promise<void>((resolve) => jira.listen(0, '127.0.0.1', resolve));
    gateway = await startGatewayForCore(
      t.app.core,
      {
        listen: { host: '127.0.0.1', port: 0 },
        upstream: { url: `http://127.0.0.1:${(jira.address() as AddressInfo).port}`, credential: { header: 'Authorization', valueEnv: 'JIRA_AUTH' } },
        tokenward: { orgId: t.orgId },
        clientIp: { trustedProxyHops: 1 },
        routes: [{ method: 'GET', path: '/rest/api/3/search', scopes: ['read:jira-work'] }],
      },
      t.app.logger,
      { JIRA_AUTH: 'Basic jira-service-account-secret' },
    );

    userDataDir = mkdtempSync(join(tmpdir(), 'tokenward-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: WIDE, baseURL: t.app.baseUrl() });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await gateway?.close();
    await new Promise((resolve) => jira?.close(resolve));
    await context?.close();
    await t?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('an admin restricts the Contractors group to read-only scopes with approval, in the policy editor', async () => {
    await signIn('owner@acme.test');
    await page.getByRole('link', { name: 'Policies', exact: true }).click();
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Contractors: read-only, approved');
    await page.getByRole('spinbutton', { name: 'Priority' }).fill('50');
    await page.getByRole('radio', { name: /With approval/ }).check();
    await page.getByRole('spinbutton', { name: 'Longest lifetime (days)' }).fill('30');
    await page.getByRole('button', { name: 'Read-only' }).click();
    await page.getByRole('checkbox', { name: /Contractors/ }).check();
    await page.getByRole('button', { name: 'Preview impact and save' }).click();
    await page.getByRole('dialog').getByText('No existing token breaks these rules').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy Contractors: read-only, approved is saved.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'story-0-policy-1440.png'), fullPage: true });
    await signOut();
  });

  it('a member of the restricted group asks for a token', async () => {
    await signIn('maya@acme.test');
    await page.getByText(/"Contractors: read-only, approved"/).waitFor();
    await page.getByLabel('Label').fill('maya jira reports');
    await page.getByRole('checkbox', { name: 'read:jira-work' }).check();
    await page.getByRole('checkbox', { name: 'read:jira-user' }).check();
    await page.getByLabel(/Why you need it/).fill('Monthly delivery report for the client');
    await page.getByRole('button', { name: 'Ask for approval' }).click();
    await page.getByText('Your request for “maya jira reports” is filed.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'story-1-requested-1440.png'), fullPage: true });
    await signOut();
  });

  it('an approver narrows and approves it', async () => {
    await signIn('owner@acme.test');
    await page.getByRole('link', { name: 'Approvals', exact: true }).click();
    const request = page.getByRole('article', { name: 'maya jira reports' });
    await request.getByText('Monthly delivery report for the client').waitFor();
    await request.getByText('Maya Singh').waitFor();
    await request.getByRole('checkbox', { name: 'read:jira-user' }).uncheck();
    await request.getByLabel('Lifetime (days)').fill('14');
    await request.getByRole('button', { name: 'Narrow and approve' }).click();
    await page.getByText('Approved “maya jira reports” (narrowed).').waitFor();
    await signOut();
  });

  it('the member retrieves it exactly once', async () => {
    await signIn('maya@acme.test');
    await page.getByRole('button', { name: 'Retrieve token' }).click();
    const field = page.getByRole('dialog').getByLabel('Token');
    await field.waitFor();
    secret = await field.inputValue();
    expect(secret).toMatch(/^twu_/);
    await page.screenshot({ path: join(SCREENSHOTS, 'story-2-retrieved-1440.png') });
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('table', { name: 'My tokens' }).getByText('maya jira reports').waitFor();
    await page.getByRole('button', { name: 'Retrieve token' }).click();
    await page.getByRole('alert').waitFor();
    await signOut();
  });

  it("calls with it through the gateway show in the token's Activity tab, a new address marked, and the admin revokes it from the inventory", async () => {
    expect(await searchJira()).toEqual({ status: 200, body: { issues: [{ key: 'OPS-1' }], total: 1 } });
    // Jira saw its own credential, never the member's token.
    expect(jiraCalls.map((headers) => headers.authorization)).toEqual(['Basic jira-service-account-secret']);
    // Later, the same token from an address and a tool it never used before.
    await t.app.core.services.usageRecorder.flush();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await searchJira({ ip: '185.220.101.4', agent: 'python-requests/2.31' })).status).toBe(200);
    await t.app.core.services.usageRecorder.flush();
    await signIn('owner@acme.test');
    await page.getByRole('link', { name: 'Inventory', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('maya jira reports');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: 'maya jira reports' }).click();
    // Who made it, by name: the approver who approved the request.
    const createdBy = page.locator('dt:text-is("Created by") + dd');
    await expect.poll(() => createdBy.innerText()).toMatch(/person$/);
    expect(await createdBy.innerText()).not.toMatch(/_[0-9A-Za-z]{6,}/);
    await page.getByRole('tab', { name: 'Activity' }).click();
    const chart = page.getByRole('img', { name: 'Calls per day over the last 30 days' });
    await chart.waitFor();
    // Every call, newest first: the new address and the new tool are marked, the first call is not.
    const calls = page.getByRole('region', { name: 'Calls of this token' });
    const newest = calls.getByRole('row').nth(1);
    await newest.getByText('185.220.101.4').waitFor();
    await newest.getByText('first seen').waitFor();
    await newest.getByText('new user agent').waitFor();
    await newest.getByText('python-requests/2.31').waitFor();
    await newest.getByText('Allowed').waitFor();
    const first = calls.getByRole('row').nth(2);
    await first.getByText('198.51.100.20').waitFor();
    expect(await first.getByText('first seen').count()).toBe(0);
    expect(await calls.getByRole('row').count()).toBe(3);
    // Filtered by address, the URL keeps the view.
    await page.getByRole('textbox', { name: 'Address' }).fill('198.51.100.20');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => calls.getByRole('row').count()).toBe(2);
    expect(page.url()).toContain('ip=198.51.100.20');
    await shootBothWidths(page, 'story-3-token-activity');
    await expectAccessible(page, 'token activity');
    await page.getByRole('link', { name: 'Inventory', exact: true }).first().click();
    await page.getByRole('checkbox', { name: 'Select maya jira reports' }).check();
    await page.getByRole('button', { name: 'Revoke selected (1)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke 1 token' }).click();
    await page.getByText('Revoked 1 token.').waitFor();
  });

  it('the audit log names every actor and target of the story, never an id', async () => {
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    await table.getByText('revoked Maya Singh’s token ‘maya jira reports’').first().waitFor();
    await table.getByText(/approved the request ‘maya jira reports’ of Maya Singh/).first().waitFor();
    await table.getByText(/asked for a token ‘maya jira reports’/).first().waitFor();
    await table.getByText('created policy Contractors: read-only, approved').first().waitFor();
    await table.getByText('created group Contractors').first().waitFor();
    await table.getByText('bootstrap admin key').first().waitFor();
    const text = await table.innerText();
    expect(text).not.toMatch(/\b[a-z]{2,5}_[0-9A-Za-z]{12,}/);
    expect(text).not.toMatch(/\{|\}/);
    await shootBothWidths(page, 'story-4-audit-log');
    await expectAccessible(page, 'audit log');
  });

  it('the next gateway call is refused and never reaches Jira', async () => {
    const refused = await searchJira();
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: 'REVOKED' });
    expect(jiraCalls).toHaveLength(2);
  });
});
