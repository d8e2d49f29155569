/**
 * The console in a real browser: Debian's Chromium driven by playwright-core against the
 * real server on 127.0.0.1. Signs in, walks every page at 1440 px and at a phone width writing a
 * screenshot of each into screenshots/, and does the things an admin does: filter, bulk revoke with
 * its confirmation, deactivate a person, sign out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertBrowserSetup, CHROMIUM, CHROMIUM_ARGS, expectAccessible, PHONE, resize, SCREENSHOTS, shootBothWidths, WIDE } from '../support/browser.js';
import { adminApi, createGroup, policyBody } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const DAY = 86_400_000;
const OWNER_PASSWORD = 'correct horse battery staple';

describe('web console in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const ids: Record<string, string> = {};
  let aliceSecret = '';
  /** An admin key holding verify:tokens, as a gateway or a service has (made in the activity test). */
  let verifierSecret = '';

  beforeAll(async () => {
    assertBrowserSetup();
    t = await startTestApp('sqlite');
    baseUrl = await t.app.listen();
    const now = Date.now();
    const alice = await seedUser(t.app, t.orgId, { name: 'Alice Martin', email: 'alice@acme.test', role: 'admin' });
    const bob = await seedUser(t.app, t.orgId, { name: 'Bob Okafor', email: 'bob@acme.test' });
    const carol = await seedUser(t.app, t.orgId, { name: 'Carol Diaz', email: 'carol@acme.test', role: 'approver' });
    const bot = await seedServiceAccount(t.app, t.orgId, { displayName: 'Deploy pipeline', description: 'Production deploys' });
    ids.bot = bot.id;
    ids.bob = bob.id;
    const user = (id: string) => ({ type: 'user' as const, id });
    const aliceCli = await seedToken(t.app, t.orgId, user(alice.id), { label: 'alice jira cli', expiresAt: new Date(now + 12 * DAY) });
    ids.aliceCli = aliceCli.token.id;
    aliceSecret = aliceCli.secret;
    ids.bobScript = (await seedToken(t.app, t.orgId, user(bob.id), { label: 'bob reporting script', expiresAt: new Date(now + 40 * DAY) })).token.id;
    ids.bobOld = (await seedToken(t.app, t.orgId, user(bob.id), { label: 'bob old laptop', scopes: ['write:jira-work'] })).token.id;
    ids.carol = (await seedToken(t.app, t.orgId, user(carol.id), { label: 'carol confluence', expiresAt: new Date(now + 5 * DAY) })).token.id;
    ids.deploy = (await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id }, { label: 'deploy prod', scopes: ['read:jira-work', 'write:jira-work'] })).token.id;
    await t.app.core.database.db.updateTable('tokens').set({ last_active_at: now - 2 * DAY }).where('id', 'in', [ids.aliceCli, ids.deploy]).execute();
    // Bob's group needs an approver for read-only tokens; Bob asks for one.
    const readers = await createGroup(t, 'Readers', [bob.id]);
    const restricted = await adminApi(t)('POST', '/policies', policyBody('Read-only with approval', { tokenCreation: 'approval', maxLifetimeDays: 90, allowedScopes: ['class:read'], requireJustification: true }, { priority: 10, groupIds: [readers] }));
    expect(restricted.statusCode, restricted.body).toBe(201);
    await t.app.core.services.selfService.fileRequest(t.orgId, bob.id, { label: 'bob jira reports', scopes: ['read:jira-work', 'read:jira-user'], lifetimeDays: 60, justification: 'Weekly report export for the PMO' }, null);

    userDataDir = mkdtempSync(join(tmpdir(), 'tokenward-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: WIDE, baseURL: baseUrl });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('sends a visitor to sign-in; the owner sets a password through the first-start link and signs in', async () => {
    await page.goto('/tokens');
    await expect.poll(() => page.url()).toContain('/sign-in?next=%2Ftokens');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shootBothWidths(page, 'sign-in');
    await page.getByLabel('E-mail').fill('owner@acme.test');
    await page.getByLabel('Password').fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The e-mail or the password is not right.').waitFor();

    // The link printed at first start, opened on this server.
    if (!t.app.bootstrap.firstStart) throw new Error('expected a first start');
    const linkToken = new URL(t.app.bootstrap.ownerLink.url).searchParams.get('token') ?? '';
    await page.goto(`/setup?token=${encodeURIComponent(linkToken)}`);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await shootBothWidths(page, 'set-password');
    await page.getByLabel('New password').fill(OWNER_PASSWORD);
    await page.getByLabel('The same password again').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your password is set.').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('E-mail').fill('owner@acme.test');
    await page.getByLabel('Password').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('.role-chip', { hasText: 'Owner' }).waitFor();
  });

  it('shows the overview', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('heading', { name: 'Expiring next' }).waitFor();
    await page.getByRole('table', { name: 'Tokens expiring next' }).getByRole('link', { name: 'carol confluence' }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
    // Idle past each owner's policy (the idle-revoke job's plan): none here, no idle limit is set.
    await page.getByRole('link', { name: /^0\s*Idle past policy\s*Revoked at the next idle-revoke run; 0 warned$/ }).waitFor();
    await shootBothWidths(page, 'overview');
    await expectAccessible(page, 'overview');
  });

  it('filters the inventory, sorts it and revokes two tokens after saying how many', async () => {
    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('link', { name: 'deploy prod' }).waitFor();
    await shootBothWidths(page, 'inventory');
    await expectAccessible(page, 'inventory');
    await page.getByRole('searchbox', { name: 'Search' }).fill('bob');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: /Expires/ }).click();
    await expect.poll(() => page.url()).toContain('sort=%2BexpiresAt');
    await page.getByRole('checkbox', { name: 'Select every token on this page' }).check();
    await page.getByRole('button', { name: 'Revoke selected (2)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Revoke 2 tokens?' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'inventory-confirm-1440.png') });
    await dialog.getByRole('button', { name: 'Revoke 2 tokens' }).click();
    await page.getByText('Revoked 2 tokens.').waitFor();
    await page.getByText('No token matches these filters').waitFor();
    const tokens = await t.app.core.database.db.selectFrom('tokens').select(['id', 'status']).where('id', 'in', [ids.bobScript!, ids.bobOld!]).execute();
    expect(tokens.map((row) => row.status)).toEqual(['revoked', 'revoked']);
    await page.getByRole('button', { name: /^Revoked/ }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await shootBothWidths(page, 'inventory-revoked');
  });

  it('opens a token', async () => {
    await page.goto(`/tokens/${ids.deploy}`);
    await page.getByRole('heading', { name: /deploy prod/ }).waitFor();
    await page.getByText('write:jira-work').waitFor();
    await shootBothWidths(page, 'token-detail');
    await page.getByRole('button', { name: 'Rotate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click();
    const secret = page.getByRole('dialog').getByLabel('Token');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^tws_[0-9A-Za-z]{49}$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'token-rotated-1440.png') });
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(() => secret.isVisible()).toBe(false);
  });

  it("charts a token's activity after a service verified it", async () => {
    const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
    const verifier = await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'jira proxy', scopes: ['verify:tokens'], createdBy: null, audit });
    verifierSecret = verifier.secret;
    for (const route of ['/rest/api/3/search', '/rest/api/3/search', '/rest/api/3/issue/{key}']) {
      const verified = await t.app.http.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${verifier.secret}` },
        payload: { token: aliceSecret, method: 'GET', route, ip: '203.0.113.7' },
      });
      expect(verified.statusCode, verified.body).toBe(200);
    }
    const summaryUrl = `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${ids.aliceCli}/usage/summary`;
    await expect
      .poll(async () => (await t.app.http.inject({ url: summaryUrl, headers: { authorization: `Bearer ${t.adminKey}` } })).json().totals?.calls, { timeout: 10_000 })
      .toBe(3);
    await page.goto(`/tokens/${ids.aliceCli}?tab=activity`);
    await page.getByRole('tab', { name: 'Activity', selected: true }).waitFor();
    await page.getByRole('img', { name: 'Calls per day over the last 30 days' }).locator('canvas').first().waitFor();
    await page.getByRole('table', { name: 'Routes' }).getByRole('cell', { name: 'GET /rest/api/3/search' }).waitFor();
    await page.getByRole('table', { name: 'Addresses' }).getByRole('cell', { name: '203.0.113.7' }).waitFor();
    // The calls in the stream, with their answer (identical ones within a second may share a row, ×2).
    const stream = page.getByRole('region', { name: 'Calls of this token' });
    await stream.getByText('GET /rest/api/3/issue/{key}').waitFor();
    expect(await stream.getByText('Allowed').count()).toBeGreaterThanOrEqual(2);
    expect(await stream.getByText('Refused', { exact: false }).count()).toBe(0);
    await shootBothWidths(page, 'token-activity');
    // The same calls in the org's calls per day on the overview.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByText('3 calls, 0 refusals in 30 days').waitFor();
    await page.getByRole('img', { name: /^Calls per day over the last 30 days, every token/ }).locator('canvas').first().waitFor();
    await shootBothWidths(page, 'overview-calls');
  });

  it('lists people, deactivates one and shows groups', async () => {
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Carol Diaz' }).waitFor();
    await shootBothWidths(page, 'people');
    await expectAccessible(page, 'people');
    // A keystroke on a focused role never changes it: it only asks.
    const carolRole = async () => (await t.app.core.database.db.selectFrom('users').select('role').where('email', '=', 'carol@acme.test').executeTakeFirstOrThrow()).role;
    const roleSelect = page.getByRole('combobox', { name: 'Role of Carol Diaz' });
    await roleSelect.focus();
    await page.keyboard.press('ArrowDown');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Change the role of Carol Diaz?' }).waitFor();
    expect(await carolRole()).toBe('approver');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await roleSelect.inputValue()).toBe('approver');
    expect(await carolRole()).toBe('approver');
    // Chosen on purpose, it names the person and both roles, and changes on the confirmation only.
    await roleSelect.selectOption('admin');
    await dialog.getByText('Carol Diaz (carol@acme.test) goes from Approver to Admin.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'people-role-confirm-1440.png') });
    expect(await carolRole()).toBe('approver');
    await dialog.getByRole('button', { name: 'Make Carol Diaz admin' }).click();
    await page.getByText('Carol Diaz is now admin (was approver).').waitFor();
    expect(await carolRole()).toBe('admin');
    await page.getByRole('row', { name: /Carol Diaz/ }).getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Carol Diaz is deactivated; 1 token suspended.').waitFor();
    await page.getByRole('tab', { name: 'Groups' }).click();
    await page.getByRole('cell', { name: 'Readers' }).waitFor();
    await shootBothWidths(page, 'groups');
  });

  it('lists service accounts and opens one with its tokens', async () => {
    await page.getByRole('link', { name: 'Service accounts' }).click();
    await page.getByRole('link', { name: 'Deploy pipeline' }).waitFor();
    await shootBothWidths(page, 'service-accounts');
    await page.getByRole('link', { name: 'Deploy pipeline' }).click();
    await page.getByRole('link', { name: 'deploy prod' }).waitFor();
    await shootBothWidths(page, 'service-account');
    await page.getByText('Issue a token').click();
    await page.getByLabel('Label').fill('nightly backup');
    await page.getByRole('checkbox', { name: 'read:jira-work' }).check();
    await page.getByRole('button', { name: 'Issue token' }).click();
    const secret = page.getByRole('dialog').getByLabel('Token');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^tws_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('link', { name: 'nightly backup' }).waitFor();
  });

  it('shows policies, narrows and approves a request, and finds it in the audit log', async () => {
    await page.getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('heading', { name: 'Read-only with approval' }).waitFor();
    await shootBothWidths(page, 'policies');
    await expectAccessible(page, 'policies');
    await page.getByRole('link', { name: 'Approvals' }).click();
    const request = page.getByRole('article', { name: 'bob jira reports' });
    await request.getByText('Weekly report export for the PMO').waitFor();
    await shootBothWidths(page, 'approvals');
    await expectAccessible(page, 'approvals');
    await request.getByRole('checkbox', { name: 'read:jira-user' }).uncheck();
    await request.getByLabel('Lifetime (days)').fill('30');
    await request.getByRole('button', { name: 'Narrow and approve' }).click();
    await page.getByText('Approved “bob jira reports” (narrowed).').waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    const audit = page.getByRole('table', { name: 'Audit log entries' });
    await audit.getByText('approved the request ‘bob jira reports’ of Bob Okafor').first().waitFor();
    // The role change names both roles; who did it is a person, by name.
    const roleRow = audit.getByRole('row').filter({ hasText: 'changed the role of Carol Diaz from approver to admin' });
    await roleRow.getByText('person').waitFor();
    await audit.getByText('deactivated Carol Diaz').first().waitFor();
    expect(await audit.innerText()).not.toMatch(/\b[a-z]{2,5}_[0-9A-Za-z]{12,}/);
    await shootBothWidths(page, 'audit-log');
  });

  it('uses the phone menu, signs out, and signs in again with an admin API key', async () => {
    await resize(page, PHONE);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('heading', { name: 'Token inventory' }).waitFor();
    await resize(page, WIDE);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The session is gone on the server too: the API refuses the old cookie.
    expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);
    await page.getByRole('button', { name: 'Admin API key' }).click();
    await page.getByLabel('Admin API key').fill('twa_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This key is not valid').waitFor();
    await page.getByLabel('Admin API key').fill(t.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Token inventory' }).waitFor();
    await page.locator('.role-chip', { hasText: 'API key' }).waitFor();
  });

  it('lets a member accept an invitation and land on their own tokens', async () => {
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Invite link for Bob Okafor' }).click();
    const link = page.getByRole('dialog').getByLabel('Link (valid once)');
    await link.waitFor();
    const url = new URL(await link.inputValue());
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(url.pathname + url.search);
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await page.getByLabel('New password').fill(OWNER_PASSWORD);
    await page.getByLabel('The same password again').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('E-mail').fill('bob@acme.test');
    await page.getByLabel('Password').fill(OWNER_PASSWORD);
    // From the member's sign-in on, the browser calls no admin route at all.
    const adminCalls: string[] = [];
    const recordAdminCalls = (request: { url(): string }) => {
      if (new URL(request.url()).pathname.startsWith('/admin/')) adminCalls.push(request.url());
    };
    page.on('request', recordAdminCalls);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My tokens', level: 1 }).waitFor();
    await page.goto('/tokens');
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
    expect(await page.getByRole('button', { name: /Export|Revoke/ }).count()).toBe(0);
    await shootBothWidths(page, 'not-for-your-role');
    await page.getByRole('link', { name: 'Go to your pages' }).click();
    await page.getByRole('heading', { name: 'My tokens', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Bob Okafor' }).waitFor();
    await page.getByText('Readers', { exact: true }).waitFor();
    await page.getByText(/"Read-only with approval"/).waitFor();
    await page.getByRole('button', { name: 'Ask for approval' }).waitFor();
    // Bob's own token's activity, through the member's own usage route.
    const dashboard = await seedToken(t.app, t.orgId, { type: 'user', id: ids.bob! }, { label: 'bob dashboard', scopes: ['read:jira-work'] });
    const verified = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: { authorization: `Bearer ${verifierSecret}` }, payload: { token: dashboard.secret, method: 'GET', route: '/rest/api/3/dashboard', ip: '203.0.113.8' } });
    expect(verified.statusCode, verified.body).toBe(200);
    await t.app.core.services.usageRecorder.flush();
    await page.reload();
    await page.getByRole('button', { name: 'Activity of bob dashboard' }).click();
    await page.getByRole('heading', { name: 'Activity of “bob dashboard”' }).waitFor();
    await page.getByRole('img', { name: 'Calls per day over the last 30 days' }).locator('canvas').first().waitFor();
    await page.getByRole('cell', { name: '203.0.113.8' }).waitFor();
    await shootBothWidths(page, 'my-activity');
    // A member's navigation holds only what a member may open.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['My tokens', 'API reference']);
    await shootBothWidths(page, 'my-account');
    await expectAccessible(page, 'my tokens');
    page.off('request', recordAdminCalls);
    expect(adminCalls).toEqual([]);
  });
});
