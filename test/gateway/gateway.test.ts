/**
 * The gateway over real HTTP on loopback: a real upstream, a real Tokenward server, the
 * gateway in both modes (standalone through the SDK, in-process through the verification service),
 * on both databases. Scope enforcement, Basic auth, unknown routes, revocation within 1 s, and the
 * upstream's status in the token's usage events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { basicAuth, GATEWAY_MODES, gatewayFile, startTestGateway, rawRequest, startUpstream, until, UPSTREAM_SECRET, type RunningGateway, type TestUpstream } from '../support/gateway.js';
import { scopedKey } from '../support/http.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const cases = DIALECTS.flatMap((dialect) => GATEWAY_MODES.map((mode) => ({ dialect, mode })));

describe.each(cases)('gateway ($mode, $dialect)', ({ dialect, mode }) => {
  let t: TestApp;
  let upstream: TestUpstream;
  let gw: RunningGateway;

  beforeAll(async () => {
    t = await startTestApp(dialect, { verification: { usage: { flushIntervalMs: 100 } } });
    await t.app.listen();
    upstream = await startUpstream();
    gw = await startTestGateway(mode, t, gatewayFile(upstream.url), await scopedKey(t, ['verify:tokens']));
    await until(() => gw.isPushConnected(), 10_000);
  });
  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
    await t?.close();
  });

  const newToken = async (scopes = ['read:jira-work']) => {
    const user = await seedUser(t.app, t.orgId);
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes });
    return { user, ...issued };
  };
  const call = (path: string, init: RequestInit = {}) => fetch(`${gw.url}${path}`, init);
  const upstreamCalls = () => upstream.seen.length;

  it('forwards an allowed call with the upstream credential, never the token', async () => {
    const { secret } = await newToken();
    const response = await rawRequest(`${gw.url}/rest/api/3/issue/ABC-1?expand=names`, {
      headers: { authorization: `Bearer ${secret}`, 'x-custom': 'kept', connection: 'keep-alive, x-private', 'x-private': 'dropped', 'x-http-method-override': 'DELETE', 'user-agent': 'jira-cli/1.2' },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, bytes: 0 });
    expect(response.headers['x-upstream']).toBe('yes');
    expect(response.headers['x-upstream-private']).toBeUndefined(); // named by the upstream's Connection: hop-by-hop
    const seen = upstream.seen.at(-1)!;
    expect(seen).toMatchObject({ method: 'GET', url: '/rest/api/3/issue/ABC-1?expand=names' });
    expect(seen.headers.authorization).toBe(UPSTREAM_SECRET);
    expect(JSON.stringify(seen.headers)).not.toContain(secret);
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers['x-private']).toBeUndefined();
    expect(seen.headers['x-http-method-override']).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe(new URL(gw.url).host);
  });

  it('refuses a token without the route\'s scopes, and never calls the upstream', async () => {
    const { secret } = await newToken(['read:jira-work']);
    const before = upstreamCalls();
    const response = await call('/rest/api/3/issue', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: '{"fields":{}}' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'INSUFFICIENT_SCOPE', detail: expect.any(String) });
    expect(upstreamCalls()).toBe(before);
  });

  it('accepts Basic email:token when the e-mail is the owner\'s (any case), refuses another e-mail', async () => {
    const { user, secret } = await newToken();
    const ok = await call('/rest/api/3/issue/ABC-2', { headers: { authorization: basicAuth(user.email.toUpperCase(), secret) } });
    expect(ok.status).toBe(200);
    expect(upstream.seen.at(-1)!.headers.authorization).toBe(UPSTREAM_SECRET);

    const before = upstreamCalls();
    const wrong = await call('/rest/api/3/issue/ABC-2', { headers: { authorization: basicAuth('someone.else@example.com', secret) } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'NOT_FOUND' });
    expect(wrong.headers.get('www-authenticate')).toContain('Basic');
    expect(upstreamCalls()).toBe(before);
  });

  it("accepts a service account's token with Basic and the service account's e-mail", async () => {
    const account = await seedServiceAccount(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'service_account', id: account.id }, { scopes: ['read:jira-work'] });
    expect((await call('/rest/api/3/issue/SA-1', { headers: { authorization: basicAuth(account.email, secret) } })).status).toBe(200);
    expect((await call('/rest/api/3/issue/SA-1', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
  });

  it('refuses unknown routes (404), ambiguous paths (400) and calls without a token (401)', async () => {
    const { secret } = await newToken();
    const before = upstreamCalls();
    const unknown = await call('/rest/api/3/project', { headers: { authorization: `Bearer ${secret}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'ROUTE_NOT_FOUND' });
    expect((await call('/rest/api/3/issue/ABC-1', { method: 'DELETE', headers: { authorization: `Bearer ${secret}` } })).status).toBe(404);
    const ambiguous = await call('/rest/api/3/issue;jsessionid=1/ABC-1', { headers: { authorization: `Bearer ${secret}` } });
    expect(ambiguous.status).toBe(400);
    expect(await ambiguous.json()).toMatchObject({ error: 'BAD_PATH' });
    const anonymous = await rawRequest(`${gw.url}/rest/api/3/issue/ABC-1`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.connection).toBe('keep-alive'); // a refusal without a body keeps the connection
    expect(JSON.parse(anonymous.body)).toMatchObject({ error: 'UNAUTHENTICATED' });
    const refusedUpload = await rawRequest(`${gw.url}/rest/api/3/issue`, { method: 'POST', headers: { 'content-length': '100000' } });
    expect(refusedUpload.headers.connection).toBe('close'); // the unread upload is not drained
    expect(await (await call('/rest/api/3/issue/ABC-1', { headers: { authorization: 'Bearer twu_nope' } })).json()).toMatchObject({ error: 'MALFORMED' });
    expect(upstreamCalls()).toBe(before);
  });

  it('refuses a revoked token within 1 s', async () => {
    const { user, token, secret } = await newToken();
    const auth = { authorization: `Bearer ${secret}` };
    expect((await call('/rest/api/3/issue/ABC-3', { headers: auth })).status).toBe(200);
    expect((await call('/rest/api/3/issue/ABC-3', { headers: auth })).status).toBe(200); // now from the cache
    const revoked = await t.app.http.inject({ method: 'DELETE', url: `/users/${user.id}/manage/api-tokens/${token.id}`, headers: bearer(t.adminKey) });
    expect(revoked.statusCode).toBe(204);
    let last: unknown;
    const tookMs = await until(async () => {
      const response = await call('/rest/api/3/issue/ABC-3', { headers: auth });
      last = await response.json();
      return response.status === 401;
    }, 1000);
    expect(tookMs).toBeLessThan(1000);
    expect(last).toMatchObject({ error: 'REVOKED' });
  });

  it("records the upstream's status in the token's usage events, each call once", async () => {
    const { token, secret } = await newToken(['read:jira-work', 'write:jira-work']);
    const auth = { authorization: `Bearer ${secret}` };
    for (let i = 0; i < 3; i += 1) expect((await call('/rest/api/3/issue', { method: 'POST', headers: auth, body: '{}' })).status).toBe(201);
    expect((await call('/status/ABC', { headers: auth })).status).toBe(200);
    const events = async () => {
      const response = await t.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${token.id}/usage/events`, headers: bearer(t.adminKey) });
      return (response.json() as { data: Array<{ code: string; method: string; route: string; upstreamStatus: number | null; count: number }> }).data;
    };
    await until(async () => (await events()).reduce((sum, e) => sum + e.count, 0) >= 4, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more should come
    const data = await events();
    expect(data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'VALID', method: 'POST', route: '/rest/api/3/issue/**', upstreamStatus: 201 }),
        expect.objectContaining({ code: 'VALID', method: 'GET', route: '/status/:code', upstreamStatus: 200 }),
      ]),
    );
    const posts = data.filter((e) => e.method === 'POST');
    expect(posts.reduce((sum, e) => sum + e.count, 0)).toBe(3);
    expect(data.every((e) => e.upstreamStatus !== null)).toBe(true);
  });

  it('records refusals without an upstream status', async () => {
    const { token, secret } = await newToken(['read:jira-work']);
    expect((await call('/rest/api/3/issue', { method: 'POST', headers: { authorization: `Bearer ${secret}` } })).status).toBe(403);
    const url = `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${token.id}/usage/events`;
    await until(async () => ((await t.app.http.inject({ method: 'GET', url, headers: bearer(t.adminKey) })).json() as { data: unknown[] }).data.length > 0, 5000);
    const { data } = (await t.app.http.inject({ method: 'GET', url, headers: bearer(t.adminKey) })).json() as { data: unknown[] };
    expect(data).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_SCOPE', route: '/rest/api/3/issue/**', upstreamStatus: null, count: 1 })]);
  });
});
