/**
 * The overview's card of policy violations among connected tokens, in a real browser: a connector
 * synced from a second Tokenward playing "Atlassian", a policy for its owners not in the
 * directory, then the counts by reason as the violations API gives them, each leading to the
 * connector's live tokens in the inventory. Debian's Chromium against the real server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DAY } from '../support/automation.js';
import { assertBrowserSetup, axeViolations, CHROMIUM, CHROMIUM_ARGS, shootBothWidths, WIDE } from '../support/browser.js';
import { adminApi, policyBody } from '../support/policies.js';
import { startFilledUpstream } from '../support/upstream.js';

describe('overview: policy violations of connected tokens, in Chromium', () => {
  let upstream: TestApp;
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let connectorId: string;
  let report: { total: number; byKind: { lifetime: number; scopes: number; idle: number } };

  beforeAll(async () => {
    assertBrowserSetup();
    // 40 tokens of a year's lifetime, every 4th idle for 200 days.
    const started = await startFilledUpstream({ users: 10, userTokens: 40, serviceAccounts: 1, tokensPerAccount: 2, adminKeys: 1, idleEvery: 4, idleLastActiveMs: Date.now() - 200 * DAY });
    upstream = started.app;
    t = await startTestApp('sqlite');
    const baseUrl = await t.app.listen();
    const policy = await adminApi(t)('POST', '/policies', policyBody('Contractors', { tokenCreation: 'allowed', maxLifetimeDays: 30, idleRevokeAfterDays: 90 }));
    expect(policy.statusCode, policy.body).toBe(201);
    const created = await t.app.http.inject({
      method: 'POST',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/connectors`,
      headers: bearer(t.adminKey),
      payload: { type: 'atlassian', name: 'Acme Cloud', baseUrl: started.url, upstreamOrgId: upstream.orgId, credential: upstream.adminKey, unmatchedPolicyId: policy.json().data.id },
    });
    expect(created.statusCode, created.body).toBe(201);
    connectorId = created.json().id;
    const run = await t.app.core.services.connectorSync.syncAndWait((await t.app.core.services.connectors.get(t.orgId, connectorId)).connector);
    expect(run.state, run.error ?? '').toBe('succeeded');
    report = (await t.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${t.orgId}/connectors/${connectorId}/violations`, headers: bearer(t.adminKey) })).json();

    userDataDir = mkdtempSync(join(tmpdir(), 'tokenward-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: WIDE, baseURL: baseUrl });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Admin API key' }).click();
    await page.getByLabel('Admin API key').fill(t.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    await upstream?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('shows the counts by reason from the violations API, each leading to the connector\'s live tokens', async () => {
    // The upstream's tokens live a year (its own bootstrap key for ever) against a 30-day policy;
    // 10 of the 40 user tokens are idle; the bootstrap key holds admin scopes the policy leaves out.
    expect(report.byKind).toEqual({ lifetime: 40 + 2 + 2, scopes: 1, idle: 10 });
    const card = page.getByRole('region', { name: 'Policy violations of connected tokens' });
    await card.getByRole('rowheader', { name: /Acme Cloud/ }).waitFor();
    const lifetime = card.getByRole('link', { name: `Lifetime over the policy at Acme Cloud: ${report.byKind.lifetime}` });
    await lifetime.waitFor();
    await card.getByRole('link', { name: `Idle past the policy at Acme Cloud: ${report.byKind.idle}` }).waitFor();
    await card.getByRole('link', { name: `Tokens breaking a policy at Acme Cloud: ${report.total}` }).waitFor();
    expect(await card.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([String(report.byKind.lifetime), '1', String(report.byKind.idle), String(report.total)]);
    expect(await axeViolations(page)).toEqual([]);
    await shootBothWidths(page, 'overview-violations');

    await lifetime.click();
    await page.waitForURL((url) => url.pathname === '/tokens' && url.searchParams.get('source') === connectorId && url.searchParams.get('status') === 'active');
    await page.getByRole('heading', { name: 'Token inventory' }).waitFor();
    await page.getByRole('cell', { name: 'Atlassian', exact: true }).first().waitFor();
  }, 60_000);

  it("adds every source's tokens in the table by owner and status", async () => {
    const counts = (await t.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/counts`, headers: bearer(t.adminKey) })).json();
    // Admin keys: this server's own and the upstream's two (its bootstrap key and one more), one cell per source.
    expect(counts.cells.filter((c: { ownerKind: string; status: string }) => c.ownerKind === 'admin-key' && c.status === 'active')).toHaveLength(2);
    expect(counts.byOwnerKind['admin-key']).toBe(3);
    await page.goto('/');
    const table = page.getByRole('region', { name: 'Tokens by owner and status' });
    for (const [kind, words] of [['user', 'Member'], ['service-account', 'Service account'], ['admin-key', 'Admin API key']] as const) {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: words, exact: true }) });
      await row.waitFor();
      // Columns: active, suspended, expired, revoked; only active tokens exist here.
      expect((await row.getByRole('cell').first().textContent())?.trim()).toBe(String(counts.byOwnerKind[kind]));
    }
  }, 60_000);
});
