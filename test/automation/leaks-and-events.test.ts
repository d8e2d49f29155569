/**
 * The leak response end to end, on both dialects: a leaked token reported by GitHub secret scanning tells its
 * owner and the org's admins by e-mail (real SMTP server on loopback) and webhook (real receiver,
 * signature checked); a leaked SCIM token (`twp_`) is recognised and revoked too; rotation and a
 * policy clamp raise their events; the admin's event list shows all of it with delivery counts.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_OFF } from '../../src/config.js';
import { tokenSha256Hex } from '../../src/domain/secret-scanning.js';
import { GITHUB_SECRET_SCANNING_PATH } from '../../src/http/routes/secret-scanning.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg } from '../support/http.js';
import { adminApi, createGroup, policyBody } from '../support/policies.js';
import { createScimToken, scimClient } from '../support/scim.js';
import { seedToken, seedUser } from '../support/seed.js';
import { startSmtp } from '../support/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const DAY_MS = 86_400_000;

interface ListedEvent {
  id: string;
  type: string;
  occurredAt: string;
  dispatchedAt: string | null;
  data: Record<string, any>;
  deliveries: { pending: number; delivering: number; succeeded: number; dead: number };
}

describe.each(DIALECTS)('leaks, events and their notifications on %s', (dialect) => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyDir = mkdtempSync(join(tmpdir(), 'tw-gh-keys-'));
  const keysFile = join(keyDir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify({ public_keys: [{ key_identifier: 'k1', key: publicKey.export({ type: 'spki', format: 'pem' }).toString(), is_current: true }] }));
  let t: TestApp;
  let baseUrl: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: WebhookReceiver;
  let webhookSecret: string;
  const api = () => adminApi(t);

  const report = (matches: Array<{ token: string; url?: string }>) => {
    const body = JSON.stringify(matches.map((m) => ({ token: m.token, type: 'tokenward_token', url: m.url ?? '', source: 'commit' })));
    return fetch(`${baseUrl}${GITHUB_SECRET_SCANNING_PATH}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'Github-Public-Key-Identifier': 'k1', 'Github-Public-Key-Signature': sign('sha256', Buffer.from(body), privateKey).toString('base64') },
    });
  };
  const events = async (query = ''): Promise<{ data: ListedEvent[]; links: { next: string | null; prev: string | null } }> => {
    const response = await api()('GET', `/events${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const webhooksOfType = (type: string) =>
    receiver.received
      .map((r) => ({ headers: r.headers, body: new Webhook(webhookSecret).verify(r.body, r.headers as Record<string, string>) as Record<string, any> }))
      .filter((r) => r.body.type === type);

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startWebhookReceiver();
    t = await startTestApp(dialect, { config: { automation: { ...AUTOMATION_OFF }, secretScanning: { keysUrl: 'http://127.0.0.1:9/unused', keysFile, githubToken: undefined } } });
    baseUrl = await t.app.listen();
    const smtpSet = await api()('PUT', '/notifications/smtp', { host: '127.0.0.1', port: smtp.port, secure: false, username: 'mailer', password: 's3cret-smtp', fromAddress: 'tokenward@acme.test' });
    expect(smtpSet.statusCode, smtpSet.body).toBe(200);
    const hook = await api()('POST', '/webhooks', { url: receiver.url });
    expect(hook.statusCode, hook.body).toBe(201);
    webhookSecret = hook.json().secret;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await receiver.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it("tells a leaked token's owner and the admins, by e-mail and by a signed webhook", async () => {
    const ada = await seedUser(t.app, t.orgId, { email: 'ada@acme.test', name: 'Ada' });
    const leaked = await seedToken(t.app, t.orgId, { type: 'user', id: ada.id }, { label: 'deploy script' });
    const answer = await report([{ token: leaked.secret, url: 'https://github.com/acme/app/blob/abc/.env' }]);
    expect(await answer.json()).toEqual([{ token_hash: tokenSha256Hex(leaked.secret), token_type: 'tokenward_token', label: 'true_positive' }]);
    await t.app.worker.runPass();

    const mails = smtp.mails.filter((m) => m.raw.includes('leaked'));
    expect(mails.map((m) => m.to).flat().sort()).toEqual(['ada@acme.test', 'owner@acme.test']);
    for (const mail of mails) {
      expect(mail.raw).toContain('https://github.com/acme/app/blob/abc/.env');
      expect(mail.raw).not.toContain(leaked.secret);
    }
    const [hook, ...more] = webhooksOfType('token.leaked');
    expect(more).toEqual([]);
    expect(hook!.body.data).toMatchObject({ token: { id: leaked.token.id, owner: { type: 'user', id: ada.id } }, url: 'https://github.com/acme/app/blob/abc/.env' });
    expect(JSON.stringify(hook!.body)).not.toContain(leaked.secret);

    // The admin's event list shows it, with its three deliveries done (two e-mails, one webhook).
    const listed = (await events('?type=token.leaked')).data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: hook!.headers['webhook-id'], type: 'token.leaked', deliveries: { succeeded: 3, pending: 0, dead: 0 } });
    expect(listed[0]!.dispatchedAt).not.toBeNull();
  });

  it('recognises a leaked SCIM token, revokes it, and tells the admins', async () => {
    const scim = await createScimToken(t, 'okta');
    expect(scim.token).toMatch(/^twp_/);
    expect((await scimClient(t, scim.token)('GET', '/Users')).status).toBe(200);
    const answer = await report([{ token: scim.token }, { token: scim.token }]);
    expect(((await answer.json()) as Array<{ label: string }>).map((r) => r.label)).toEqual(['true_positive', 'true_positive']);
    expect((await scimClient(t, scim.token)('GET', '/Users')).status).toBe(401);
    const listedToken = (await api()('GET', '/scim-tokens')).json();
    expect(JSON.stringify(listedToken)).toContain('revoked');

    await t.app.worker.runPass();
    const mails = smtp.mails.filter((m) => m.raw.includes('SCIM token'));
    expect(mails.map((m) => m.to).flat()).toEqual(['owner@acme.test']);
    expect(webhooksOfType('scim_token.leaked').map((h) => h.body.data.scimToken.id)).toEqual([scim.id]);
    // Reported again: still a true positive, nothing new happens.
    await report([{ token: scim.token }]);
    expect((await events('?type=scim_token.leaked')).data).toHaveLength(1);
  });

  it('raises token.rotated on rotation and token.clamped (owner e-mailed) when a policy narrows a token', async () => {
    const grace = await seedUser(t.app, t.orgId, { email: 'grace@acme.test', name: 'Grace' });
    const issued = (await api()('POST', '/tokens', { owner: { type: 'user', id: grace.id }, label: 'reports', scopes: ['read:jira-work', 'write:jira-work'] })).json();
    const rotated = await api()('POST', `/tokens/${issued.id}/rotate`, { gracePeriodHours: 2 });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const [rotation] = (await events('?type=token.rotated')).data;
    expect(rotation!.data).toMatchObject({ token: { id: issued.id }, gracePeriodHours: 2, actor: { type: 'admin_key' } });
    expect(Date.parse(rotation!.data.previousSecretValidUntil) - Date.parse(rotation!.occurredAt)).toBe(2 * 3_600_000);
    expect(JSON.stringify(rotation)).not.toContain(rotated.json().token);

    const group = await createGroup(t, 'Readers', [grace.id]);
    const narrowed = await api()(
      'POST',
      '/policies',
      policyBody('Readers', { tokenCreation: 'allowed', maxLifetimeDays: 30, allowedScopes: ['class:read'] }, { priority: 5, groupIds: [group], existingTokens: 'clamp' }),
    );
    expect(narrowed.statusCode, narrowed.body).toBe(201);
    const [clamp] = (await events('?type=token.clamped')).data;
    expect(clamp!.data).toMatchObject({ token: { id: issued.id }, policyId: narrowed.json().data.id, scopesDropped: ['write:jira-work'] });
    expect(Date.parse(clamp!.data.expiresAt.to) - Date.parse(clamp!.occurredAt)).toBeLessThanOrEqual(30 * DAY_MS);
    await t.app.worker.runPass();
    const mail = smtp.mails.find((m) => m.to.includes('grace@acme.test'));
    expect(mail?.raw).toContain('write:jira-work');
  });

  it('pages the event list with filters, and refuses bad filters and other orgs', async () => {
    const ada = await seedUser(t.app, t.orgId);
    for (let i = 0; i < 5; i += 1) await seedToken(t.app, t.orgId, { type: 'user', id: ada.id }, { label: `t${i}` });
    const all: ListedEvent[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await events(`?pageSize=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...page.data);
      cursor = page.links.next;
    }
    const whole = (await events('?pageSize=1000')).data;
    expect(all.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    const times = whole.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(whole.map((e) => e.type))).toEqual(new Set(['admin_key.created', 'token.created', 'token.leaked', 'scim_token.leaked', 'token.rotated', 'token.clamped', 'policy.changed']));

    const last = whole[whole.length - 1]!;
    expect((await events(`?from=${encodeURIComponent(last.occurredAt)}`)).data.map((e) => e.id)).toContain(last.id);
    expect((await events(`?to=${encodeURIComponent(whole[0]!.occurredAt)}`)).data).toEqual([]);
    const firstPage = await events('?pageSize=2');
    expectErrorBody((await api()('GET', `/events?type=token.created&cursor=${encodeURIComponent(firstPage.links.next!)}`)).json(), 400, 'INVALID_PAGE_CURSOR');
    expect((await api()('GET', '/events?type=token.nope')).statusCode).toBe(400);
    expect((await api()('GET', '/events?from=yesterday')).statusCode).toBe(400);
    const other = await insertOrg(t, 'Other org');
    const foreign = await t.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${other}/events`, headers: { authorization: `Bearer ${t.adminKey}` } });
    expect([403, 404]).toContain(foreign.statusCode);
  });
});
