import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';

function expectErrorBody(body: unknown, status: number, title: string): void {
  expect(body).toMatchObject({ errors: [{ status: String(status), title, code: expect.stringMatching(new RegExp(`^ADMIN-${status}-\\d+$`)) }] });
  const [item] = (body as { errors: Array<Record<string, unknown>> }).errors;
  expect(typeof item?.detail).toBe('string');
  expect(typeof item?.id).toBe('string');
}

describe.each(DIALECTS)('HTTP basics on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-06-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      clock: () => now,
      beforeReady: (http) => {
        http.get('/test/explode', async () => {
          throw new Error('secret internals: /etc/passwd at line 42');
        });
      },
    });
  });
  afterAll(async () => t.close());

  it('answers health, readiness and metrics', async () => {
    expect((await t.app.http.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.http.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', checks: { database: 'up' } });
    const metrics = await t.app.http.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('tokenward_http_request_duration_seconds');
  });

  it('answers an unknown route with 404 and the error body', async () => {
    const response = await t.app.http.inject({ url: '/no/such/route' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expectErrorBody(response.json(), 404, 'NOT_FOUND');
  });

  it('hides an unexpected error behind a fixed 500 with the request id', async () => {
    const response = await t.app.http.inject({ url: '/test/explode' });
    expect(response.statusCode).toBe(500);
    expectErrorBody(response.json(), 500, 'INTERNAL_ERROR');
    expect(response.body).not.toContain('passwd');
    expect(response.body).toContain(response.headers['x-request-id'] as string);
    expect(t.logs.join('')).toContain('secret internals'); // the operator still sees it
  });

  it('refuses missing, malformed, unknown and non-admin credentials with 401', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, bearer(t.adminKey.slice(0, -1) + (t.adminKey.endsWith('x') ? 'y' : 'x')), { authorization: t.adminKey }]) {
      const response = await t.app.http.inject({ url: '/admin/v1/orgs', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expectErrorBody(response.json(), 401, 'UNAUTHENTICATED');
    }
  });

  it('lists and gets the org with the bootstrap key, and refuses another org with 403', async () => {
    const list = await t.app.http.inject({ url: '/admin/v1/orgs', headers: bearer(t.adminKey) });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ data: [{ id: t.orgId, type: 'orgs', attributes: { name: 'acme' } }], links: { next: null } });
    const one = await t.app.http.inject({ url: `/admin/v1/orgs/${t.orgId}`, headers: bearer(t.adminKey) });
    expect(one.json()).toMatchObject({ data: { id: t.orgId, attributes: { name: 'acme' } } });
    const other = await t.app.http.inject({ url: `/admin/v1/orgs/${newOrgId()}`, headers: bearer(t.adminKey) });
    expect(other.statusCode).toBe(403);
    expectErrorBody(other.json(), 403, 'FORBIDDEN');
  });

  it('creates a scoped admin key that works, and refuses it where it lacks the scope', async () => {
    const created = await t.app.http.inject({
      method: 'POST',
      url: `/admin/api-access/v1/orgs/${t.orgId}/api-keys?label=reader&scopes=read:tokens:admin`,
      headers: bearer(t.adminKey),
    });
    expect(created.statusCode).toBe(200);
    const key = created.json() as { id: string; token: string; scopes: string[]; expiresAt: string; label: string };
    expect(key).toMatchObject({ label: 'reader', scopes: ['read:tokens:admin'] });
    expect(key.token).toMatch(/^twa_/);
    expect(new Date(key.expiresAt).getTime() - now.getTime()).toBe(7 * 86_400_000);

    expect((await t.app.http.inject({ url: '/admin/v1/orgs', headers: bearer(key.token) })).statusCode).toBe(200);
    const refused = await t.app.http.inject({ method: 'POST', url: `/admin/api-access/v1/orgs/${t.orgId}/api-keys`, headers: bearer(key.token) });
    expect(refused.statusCode).toBe(401);
    expectErrorBody(refused.json(), 401, 'INSUFFICIENT_SCOPE');
    expect(refused.json().errors[0].code).toBe('ADMIN-401-2');
  });

  it('takes the fields from a JSON body too, and validates them', async () => {
    const url = `/admin/api-access/v1/orgs/${t.orgId}/api-keys`;
    const ok = await t.app.http.inject({ method: 'POST', url, headers: bearer(t.adminKey), payload: { label: 'from body', expiresAt: '2026-12-01T00:00:00Z' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ label: 'from body', expiresAt: '2026-12-01T00:00:00.000Z' });

    const cases = [
      { payload: { expiresAt: 'tomorrow' }, title: 'VALIDATION_FAILED' },
      { payload: { expiresAt: '2030-01-01T00:00:00Z' }, title: 'VALIDATION_FAILED' },
      { payload: { expiresAt: '2020-01-01T00:00:00Z' }, title: 'VALIDATION_FAILED' },
      { payload: { scopes: ['write:everything'] }, title: 'VALIDATION_FAILED' },
      { payload: { label: '' }, title: 'VALIDATION_FAILED' },
    ];
    for (const { payload, title } of cases) {
      const response = await t.app.http.inject({ method: 'POST', url, headers: bearer(t.adminKey), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expectErrorBody(response.json(), 400, title);
    }
    const notJson = await t.app.http.inject({ method: 'POST', url, headers: { ...bearer(t.adminKey), 'content-type': 'application/json' }, payload: '{"label":' });
    expect(notJson.statusCode).toBe(400);
    expectErrorBody(notJson.json(), 400, 'BAD_REQUEST');
  });

  it('refuses an expired key and a revoked key', async () => {
    const created = await t.app.http.inject({ method: 'POST', url: `/admin/api-access/v1/orgs/${t.orgId}/api-keys?expiresAt=2026-06-02T00:00:00Z`, headers: bearer(t.adminKey) });
    const key = created.json() as { id: string; token: string };
    expect((await t.app.http.inject({ url: '/admin/v1/orgs', headers: bearer(key.token) })).statusCode).toBe(200);
    now = new Date('2026-06-03T00:00:00.000Z');
    try {
      const expired = await t.app.http.inject({ url: '/admin/v1/orgs', headers: bearer(key.token) });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().errors[0].detail).toContain('expired');
    } finally {
      now = new Date('2026-06-01T00:00:00.000Z');
    }
    await createStores(t.app.core.database.db).tokens.revoke(t.orgId, key.id, null, 'test', now);
    const revoked = await t.app.http.inject({ url: '/admin/v1/orgs', headers: bearer(key.token) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().errors[0].detail).toContain('revoked');
  });

  it('records key creation in the audit log, with the caller and IP', async () => {
    const entries = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 50);
    const created = entries.filter((e) => e.action === 'admin_key.created');
    expect(created.length).toBeGreaterThanOrEqual(3);
    expect(created[0]).toMatchObject({ actorType: 'admin_key', targetType: 'token', ip: '127.0.0.1' });
    expect(entries.some((e) => e.action === 'org.bootstrapped')).toBe(true);
  });

  it('never writes a key into the logs', async () => {
    const all = t.logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(t.adminKey);
    expect(all).not.toMatch(/tw[usa]_[0-9A-Za-z]{49}/);
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const spec = (await t.app.http.inject({ url: '/admin/api-access/v1/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe('3.0.3');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/admin/v1/orgs', '/admin/api-access/v1/orgs/{orgId}/api-keys']));
    const docs = await t.app.http.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});

describe('owned token issuance', () => {
  it('issues user and service-account tokens with their kinds and a one-year default', async () => {
    const { seedServiceAccount, seedToken, seedUser } = await import('../support/seed.js');
    const t = await startTestApp('sqlite');
    try {
      const user = await seedUser(t.app, t.orgId);
      const bot = await seedServiceAccount(t.app, t.orgId);
      const mine = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
      const its = await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id });
      expect(mine.secret.startsWith('twu_')).toBe(true);
      expect(its.secret.startsWith('tws_')).toBe(true);
      expect(mine.token.expiresAt!.getTime() - mine.token.createdAt.getTime()).toBe(365 * 86_400_000);
      await expect(seedToken(t.app, t.orgId, { type: 'user', id: 'usr_nobody' })).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
      const gone = await seedUser(t.app, t.orgId, { status: 'deactivated' });
      await expect(seedToken(t.app, t.orgId, { type: 'user', id: gone.id })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { expiresAt: new Date(Date.now() + 400 * 86_400_000) })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    } finally {
      await t.close();
    }
  });
});

describe('bodies', () => {
  it('takes an empty body sent as JSON as no body, and still refuses broken or poisoned JSON', async () => {
    const t = await startTestApp('sqlite');
    try {
      const url = `/admin/api-access/v1/orgs/${t.orgId}/api-keys`;
      const headers = { ...bearer(t.adminKey), 'content-type': 'application/json' };
      expect((await t.app.http.inject({ method: 'POST', url, headers, payload: '' })).statusCode).toBe(200);
      expect((await t.app.http.inject({ method: 'POST', url, headers, payload: '{"label":' })).statusCode).toBe(400);
      const poisoned = await t.app.http.inject({ method: 'POST', url, headers, payload: '{"__proto__":{"x":1}}' });
      expect(poisoned.statusCode).toBe(400);
      expect(poisoned.json().errors[0].status).toBe('400');
    } finally {
      await t.close();
    }
  });
});
