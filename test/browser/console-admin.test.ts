/**
 * The console's admin pages in a real browser, after console.test.ts: the policy editor
 * (scopes by class, IP allowlist in words, assignment, impact preview, then save), automation (run
 * now, dry-run preview, runs), settings (SSO, SMTP, webhooks with the secret shown once, deliveries,
 * rate limits). Debian's Chromium against the real server; screenshots at 1440 and 390 px.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertBrowserSetup, CHROMIUM, CHROMIUM_ARGS, PHONE, resize, SCREENSHOTS, shootBothWidths, WIDE } from '../support/browser.js';
import { adminApi, createGroup } from '../support/policies.js';
import { startTestProvider, type TestProvider } from '../support/oidc.js';
import { seedToken, seedUser } from '../support/seed.js';

const DAY = 86_400_000;

describe('web console admin pages in Chromium', () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let idp: TestProvider;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    assertBrowserSetup();
    t = await startTestApp('sqlite');
    const baseUrl = await t.app.listen();
    idp = await startTestProvider(`${baseUrl}/api/v1/auth/sso/callback`);
    const now = Date.now();
    const dana = await seedUser(t.app, t.orgId, { name: 'Dana Reyes', email: 'dana@acme.test' });
    const erik = await seedUser(t.app, t.orgId, { name: 'Erik Lund', email: 'erik@acme.test' });
    ids.dana = dana.id;
    ids.erik = erik.id;
    ids.contractors = await createGroup(t, 'Contractors', [dana.id]);
    const user = (id: string) => ({ type: 'user' as const, id });
    // Dana's write token breaks a read-only rule: the preview names it and clamp drops the write scope.
    ids.danaMixed = (await seedToken(t.app, t.orgId, user(dana.id), { label: 'dana sync', scopes: ['read:jira-work', 'write:jira-work'], expiresAt: new Date(now + 200 * DAY) })).token.id;
    ids.danaRead = (await seedToken(t.app, t.orgId, user(dana.id), { label: 'dana reader', scopes: ['read:jira-work'], expiresAt: new Date(now + 10 * DAY) })).token.id;
    // Idle for 400 days: the idle-revoke job's dry run lists it.
    ids.erikIdle = (await seedToken(t.app, t.orgId, user(erik.id), { label: 'erik forgotten script', scopes: ['read:jira-work'] })).token.id;
    await t.app.core.database.db.updateTable('tokens').set({ last_active_at: now - 400 * DAY, created_at: now - 500 * DAY }).where('id', '=', ids.erikIdle).execute();

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
    await idp?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('writes a policy: read-only scopes by class, an IP allowlist checked in words, a group and a person, the impact previewed, then saved', async () => {
    await page.getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('heading', { name: 'New policy' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Contractors read-only');
    await page.getByRole('spinbutton', { name: 'Priority' }).fill('20');
    await page.getByRole('radio', { name: /With approval/ }).check();
    await page.getByRole('spinbutton', { name: 'Longest lifetime (days)' }).fill('30');
    await page.getByRole('spinbutton', { name: 'Revoke after idle (days)' }).fill('60');
    await page.getByRole('button', { name: 'Read and write' }).click();
    expect(await page.getByRole('checkbox', { name: /Every write scope/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Read-only' }).click();
    expect(await page.getByRole('checkbox', { name: /Every write scope/ }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: /Every read scope/ }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'IP allowlist' }).fill('203.0.113.0/24\n10.0.0.300');
    await page.getByText('"10.0.0.300" is not an IP address or a CIDR block').waitFor();
    await page.getByRole('button', { name: 'Preview impact and save' }).click();
    await page.getByRole('alert').getByText('Fix these before saving').waitFor();
    await page.getByRole('textbox', { name: 'IP allowlist' }).fill('203.0.113.0/24\n2001:db8::/32');
    await page.getByRole('checkbox', { name: /Contractors/ }).check();
    await page.getByRole('searchbox', { name: 'Add a person' }).fill('erik');
    await page.getByRole('button', { name: 'Add Erik Lund' }).click();
    await page.getByRole('button', { name: 'Remove Erik Lund' }).waitFor();
    await shootBothWidths(page, 'policy-editor');

    // Keyboard: the save button is reached and pressed without the mouse.
    await page.getByRole('button', { name: 'Preview impact and save' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('2 existing tokens of 3 would break the new rules.').waitFor();
    await dialog.getByText(/dana sync/).waitFor();
    await dialog.getByRole('radio', { name: /Clamp them/ }).check();
    await dialog.getByText('With this choice: 0 left as they are, 2 clamped, 0 revoked.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'policy-impact-1440.png') });
    await resize(page, PHONE);
    await page.screenshot({ path: join(SCREENSHOTS, 'policy-impact-phone.png') });
    await resize(page, WIDE);
    await dialog.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Policy Contractors read-only is saved\. Existing tokens: 0 left, 2 clamped, 0 revoked\./).waitFor();
    await page.getByRole('heading', { name: 'Contractors read-only' }).waitFor();
    await shootBothWidths(page, 'policies-after-edit');

    const token = await t.app.core.database.db.selectFrom('tokens').select(['scopes', 'expires_at']).where('id', '=', ids.danaMixed!).executeTakeFirstOrThrow();
    expect(JSON.parse(String(token.scopes))).toEqual(['read:jira-work']);
    expect(Number(token.expires_at)).toBeLessThanOrEqual(Date.now() + 30 * DAY);
    const effective = await adminApi(t)('GET', `/users/${ids.erik}/effective-policy`);
    expect(effective.json().data.policy.name).toBe('Contractors read-only');
  });

  it('previews a job with a dry run that lists what it would do, runs it, and shows its runs', async () => {
    await page.getByRole('link', { name: 'Automation' }).click();
    await page.getByRole('heading', { name: 'idle-revoke' }).waitFor();
    await page.getByText('Every day at 02:30 UTC').waitFor();
    await page.getByRole('button', { name: 'Dry run idle-revoke' }).click();
    await page.getByRole('heading', { name: 'Dry run of idle-revoke: 1 action' }).waitFor();
    const planned = page.locator('.action-list li');
    await expect.poll(() => planned.allTextContents()).toEqual([expect.stringMatching(/^Revoke erik forgotten script: idle 40\d days \(limit 60 days/)]);
    await shootBothWidths(page, 'automation-dry-run');
    // Nothing changed yet.
    const before = await t.app.core.database.db.selectFrom('tokens').select('status').where('id', '=', ids.erikIdle!).executeTakeFirstOrThrow();
    expect(before.status).toBe('active');

    await page.getByRole('button', { name: 'Run idle-revoke now' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Run now' }).click();
    await page.getByText('idle-revoke ran: 1 action done.').waitFor();
    const after = await t.app.core.database.db.selectFrom('tokens').select('status').where('id', '=', ids.erikIdle!).executeTakeFirstOrThrow();
    expect(after.status).toBe('revoked');
    const card = page.getByRole('article', { name: 'idle-revoke' });
    await card.getByRole('button', { name: 'Show runs' }).click();
    await card.getByRole('list', { name: 'Runs of idle-revoke' }).getByText('run by hand').waitFor();
    await shootBothWidths(page, 'automation');
  });

  it('sets up single sign-on: a provider that does not answer is refused in words, a real one is saved', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Single sign-on is not set up' }).waitFor();
    await page.getByLabel('Issuer URL').fill('http://127.0.0.1:9');
    await page.getByLabel('Client ID').fill(idp.clientId);
    await page.getByLabel('Client secret').fill(idp.clientSecret);
    await page.getByLabel('Allowed e-mail domains').fill('acme.test');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').getByText('Could not save single sign-on.').waitFor();
    await page.getByLabel('Issuer URL').fill(idp.issuer);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Single sign-on is saved: the provider answered discovery.').waitFor();
    await page.getByRole('heading', { name: 'Single sign-on is on' }).waitFor();
    await page.getByText('/api/v1/auth/sso/callback').waitFor();
    await shootBothWidths(page, 'settings-sso');
  });

  it('saves the e-mail settings and shows the rate limits the server enforces', async () => {
    await page.getByRole('tab', { name: 'E-mail' }).click();
    await page.getByRole('heading', { name: 'E-mail is not set up' }).waitFor();
    await page.getByLabel('SMTP host').fill('smtp.acme.test');
    await page.getByLabel('Port', { exact: true }).fill('587');
    await page.getByLabel('User name').fill('tokenward');
    await page.getByLabel('Password', { exact: true }).fill('smtp-password-not-shown');
    await page.getByLabel('From address').fill('tokenward@acme.test');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('E-mail settings are saved.').waitFor();
    await page.getByRole('heading', { name: 'E-mail is on' }).waitFor();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('placeholder')).toBe('Stored: leave empty to keep it');
    await shootBothWidths(page, 'settings-email');

    await page.getByRole('tab', { name: 'Rate limits' }).click();
    await page.getByText('1,000 requests per minute').waitFor();
    await page.getByText('10 attempts per e-mail address').waitFor();
    await shootBothWidths(page, 'settings-rate-limits');
  });

  it('adds a webhook and shows its secret once, then lists its deliveries with the dead letters and redelivers one', async () => {
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByText('No webhooks yet').waitFor();
    await page.getByText('Add a webhook').click();
    await page.getByLabel('Endpoint URL').fill('https://hooks.example.com/tokenward');
    await page.getByLabel('Description').fill('SIEM');
    await page.getByRole('checkbox', { name: 'token.revoked' }).check();
    await page.getByRole('checkbox', { name: 'token.leaked' }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = page.getByRole('dialog').getByLabel('Signing secret');
    await secret.waitFor();
    const shown = await secret.inputValue();
    expect(shown).toMatch(/^whsec_/);
    await page.getByRole('dialog').getByText('it is shown only this once').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-webhook-secret-1440.png') });
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(() => secret.isVisible()).toBe(false);
    await page.getByText('token.revoked, token.leaked').waitFor();
    // Shown once: nothing on the page, nor in the list the API gives, holds it any more.
    expect(await page.content()).not.toContain(shown);

    // A dead letter, as the delivery worker leaves one after its last retry.
    const { db } = t.app.core.database;
    const webhook = await db.selectFrom('webhook_endpoints').select('id').executeTakeFirstOrThrow();
    const now = Date.now();
    await db.insertInto('events').values({ id: 'evt_console_dead', org_id: t.orgId, type: 'token.revoked', payload: '{}', occurred_at: now - 3_600_000, dispatched_at: now - 3_600_000 }).execute();
    await db
      .insertInto('deliveries')
      .values({ id: 'dlv_console_dead', org_id: t.orgId, event_id: 'evt_console_dead', channel: 'webhook', target: webhook.id, status: 'dead', attempts: 8, next_attempt_at: now, lease_until: null, last_error: 'connect ECONNREFUSED', last_status_code: null, created_at: now - 3_600_000, updated_at: now, completed_at: now })
      .execute();
    await page.getByRole('button', { name: 'Deliveries of SIEM' }).click();
    await page.getByRole('button', { name: 'Dead letters' }).click();
    await page.getByRole('cell', { name: 'evt_console_dead', exact: true }).waitFor();
    await page.getByText('connect ECONNREFUSED').waitFor();
    await shootBothWidths(page, 'settings-webhooks');
    await page.getByRole('button', { name: 'Redeliver evt_console_dead' }).click();
    await page.getByText('Delivery of event evt_console_dead is queued again.').waitFor();
    await page.getByText('No dead letters').waitFor();
    const delivery = await db.selectFrom('deliveries').select(['status', 'attempts']).where('id', '=', 'dlv_console_dead').executeTakeFirstOrThrow();
    expect(delivery).toEqual({ status: 'pending', attempts: 0 });
  });
});
