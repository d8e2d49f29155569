/**
 * Webhooks end to end: admin API, delivery from the outbox to a receiver on loopback,
 * Standard Webhooks signature checked with the `standardwebhooks` package, retries with backoff
 * ending in dead letter, redelivery with the same webhook-id, 410 disabling, the Slack format.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { movableClock } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { AUTOMATION_OFF } from '../../src/config.js';

const BASE_MS = 1_000;
const MAX_ATTEMPTS = 4;

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  const time = movableClock(new Date());
  let t: TestApp;
  let receiver: WebhookReceiver;
  let userId: string;
  const prefix = () => `/admin/tokenward/v1/orgs/${t.orgId}`;

  async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) {
    const response = await t.app.http.inject({ method, url: `${prefix()}${path}`, headers: bearer(t.adminKey), payload: payload as object });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  }

  async function addWebhook(payload: Record<string, unknown>) {
    const created = await api('POST', '/webhooks', { url: receiver.url, ...payload });
    expect(created.status).toBe(201);
    return created.body as { webhook: { id: string }; secret: string };
  }

  /** Dispatch and deliver until nothing is due at the current (test) time. */
  const pass = () => t.app.worker.runPass();

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      clock: time.clock,
      config: { automation: { ...AUTOMATION_OFF, retryBaseMs: BASE_MS, maxAttempts: MAX_ATTEMPTS, webhookTimeoutMs: 2_000 } },
    });
    userId = (await seedUser(t.app, t.orgId)).id;
  });
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    receiver.respondWith(200);
    receiver.received.length = 0;
    for (const hook of (await api('GET', '/webhooks')).body.data as Array<{ id: string }>) await api('DELETE', `/webhooks/${hook.id}`);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('shows the secret once, stores it sealed, and delivers a signed event that standardwebhooks verifies', async () => {
    const { webhook, secret } = await addWebhook({ eventTypes: ['token.created'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await api('GET', '/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const row = await t.app.core.database.db.selectFrom('webhook_endpoints').select('secret_sealed').where('id', '=', webhook.id).executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(secret.slice(6, 30));

    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: userId }, { label: 'ci' });
    await pass();
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const verified = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>) as Record<string, any>;
    expect(verified).toMatchObject({ type: 'token.created', orgId: t.orgId, data: { token: { id: issued.token.id, label: 'ci' } } });
    expect(request!.headers['webhook-id']).toBe(verified.id);
    expect(request!.body).not.toContain(issued.secret);
    // A receiver with another secret refuses it.
    const other = (await addWebhook({})).secret;
    expect(() => new Webhook(other).verify(request!.body, request!.headers as Record<string, string>)).toThrow();
  });

  it('signs with the old and the new secret for a day after a rotation, then with the new one only', async () => {
    const { webhook, secret: oldSecret } = await addWebhook({ eventTypes: ['token.created'] });
    const rotated = await api('POST', `/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(oldSecret);
    await seedToken(t.app, t.orgId, { type: 'user', id: userId });
    await pass();
    const [during] = receiver.received;
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) expect(() => new Webhook(secret).verify(during!.body, during!.headers as Record<string, string>)).not.toThrow();

    time.advance(24 * 3_600_000 + 1);
    await seedToken(t.app, t.orgId, { type: 'user', id: userId });
    await pass();
    const after = receiver.received[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    // standardwebhooks refuses timestamps 5 minutes off the real clock: check the HMAC by hand.
    const { createHmac } = await import('node:crypto');
    const content = `${after.headers['webhook-id']}.${after.headers['webhook-timestamp']}.${after.body}`;
    const mac = (s: string) => `v1,${createHmac('sha256', Buffer.from(s.slice(6), 'base64')).update(content).digest('base64')}`;
    expect(after.headers['webhook-signature']).toBe(mac(newSecret));
    time.set(new Date());
  });

  it('filters by event type', async () => {
    await addWebhook({ eventTypes: ['token.revoked'] });
    await seedToken(t.app, t.orgId, { type: 'user', id: userId });
    await pass();
    expect(receiver.received).toHaveLength(0);
  });

  it('retries with growing delays, keeps the webhook-id, ends in dead letter, and redelivers on request', async () => {
    const { webhook, secret } = await addWebhook({ eventTypes: ['token.created'] });
    receiver.respondWith(500);
    await seedToken(t.app, t.orgId, { type: 'user', id: userId });
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await pass();
      expect(receiver.received).toHaveLength(attempt);
      const page = await api('GET', `/webhooks/${webhook.id}/deliveries`);
      const [delivery] = page.body.data;
      expect(delivery.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 500, lastError: 'HTTP 500' });
        const gap = Date.parse(delivery.nextAttemptAt) - time.now().getTime();
        gaps.push(gap);
        // Not due before its time.
        time.advance(gap - 1);
        await pass();
        expect(receiver.received).toHaveLength(attempt);
        time.advance(1);
      } else {
        expect(delivery.status).toBe('dead');
      }
    }
    // Exponential with ±20 % jitter: base 1 s, factor 6.
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(0.8 * BASE_MS * 6 ** i);
      expect(gap).toBeLessThanOrEqual(1.2 * BASE_MS * 6 ** i);
    });
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    // Each attempt carries its own time (whole seconds: the first gap, about 1 s, may not change it).
    const stamps = receiver.received.map((r) => Number(r.headers['webhook-timestamp']));
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(stamps.at(-1)! - stamps[0]!).toBeGreaterThanOrEqual(Math.floor(0.8 * 7 * BASE_MS) / 1000 - 1);
    for (const r of receiver.received) expect(() => new Webhook(secret).verify(r.body, r.headers as Record<string, string>)).not.toThrow();

    const dead = await api('GET', `/webhooks/${webhook.id}/deliveries?status=dead`);
    expect(dead.body.data).toHaveLength(1);
    receiver.respondWith(204);
    const again = await api('POST', `/webhooks/${webhook.id}/deliveries/${dead.body.data[0].id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: 'pending', attempts: 0 });
    await pass();
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe([...ids][0]);
    const done = await api('GET', `/webhooks/${webhook.id}/deliveries?status=succeeded`);
    expect(done.body.data[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 204 });
    expect((await api('POST', `/webhooks/${webhook.id}/deliveries/${dead.body.data[0].id}/redeliver`)).status).toBe(202);
  });

  it('honours retry-after, and disables the endpoint on 410', async () => {
    const { webhook } = await addWebhook({ eventTypes: ['token.created'] });
    receiver.respondWith(429, { 'retry-after': '120' });
    await seedToken(t.app, t.orgId, { type: 'user', id: userId });
    await pass();
    const [delivery] = (await api('GET', `/webhooks/${webhook.id}/deliveries`)).body.data;
    expect(Date.parse(delivery.nextAttemptAt) - time.now().getTime()).toBe(120_000);
    receiver.respondWith(410);
    time.advance(120_000);
    await pass();
    const endpoint = (await api('GET', `/webhooks/${webhook.id}`)).body;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
    expect((await api('GET', `/webhooks/${webhook.id}/deliveries?status=dead`)).body.data).toHaveLength(1);
  });

  it('sends Slack-compatible messages', async () => {
    await addWebhook({ format: 'slack', eventTypes: ['token.revoked'] });
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: userId }, { label: 'deploy <prod>' });
    const response = await t.app.http.inject({ method: 'DELETE', url: `/users/${userId}/manage/api-tokens/${issued.token.id}`, headers: bearer(t.adminKey) });
    expect(response.statusCode).toBeLessThan(300);
    await pass();
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body.text).toBe('Your API token "deploy <prod>" was revoked');
    expect(body.blocks[0].text.text).toContain('deploy &lt;prod&gt;');
  });

  it('refuses bad input with 400 and unknown ids with 404', async () => {
    expectErrorBody((await api('POST', '/webhooks', { url: 'ftp://example.com' })).body, 400, 'VALIDATION_FAILED');
    expectErrorBody((await api('POST', '/webhooks', { url: 'https://example.com', eventTypes: ['nope'] })).body, 400, 'VALIDATION_FAILED');
    expectErrorBody((await api('GET', '/webhooks/whk_unknown')).body, 404, 'NOT_FOUND');
    expectErrorBody((await api('PATCH', '/webhooks/whk_unknown', { enabled: false })).body, 404, 'NOT_FOUND');
  });
});
