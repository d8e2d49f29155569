/**
 * One token's own IP allowlist, on both dialects: set and cleared by an admin and by the member
 * who owns the token, audited, refused when it would widen the owner's policy; enforced at once
 * (the token was cached) by every verify door: the Fastify route, the fast path over real HTTP
 * (answering alike), a token asking about itself, the SDK and the gateway in both modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenwardClient, type TokenwardClient } from '../../packages/sdk/src/index.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { GATEWAY_MODES, gatewayFile, startTestGateway, startUpstream, until, type RunningGateway, type TestUpstream } from '../support/gateway.js';
import { expectErrorBody, scopedKey } from '../support/http.js';
import { adminApi, auditActions, memberApi, policyBody } from '../support/policies.js';
import { seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)("a token's own IP allowlist on %s", (dialect) => {
  let t: TestApp;
  let baseUrl: string;
  let verifierKey: string;
  let upstream: TestUpstream;
  const gateways: RunningGateway[] = [];
  let sdk: TokenwardClient;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    baseUrl = await t.app.listen();
    verifierKey = await scopedKey(t, ['verify:tokens']);
    upstream = await startUpstream();
    for (const mode of GATEWAY_MODES) gateways.push(await startTestGateway(mode, t, gatewayFile(upstream.url), verifierKey));
    sdk = createTokenwardClient({ baseUrl, verifierKey });
    await until(() => sdk.isPushConnected() && gateways.every((g) => g.isPushConnected()), 10_000);
  });
  afterAll(async () => {
    await sdk?.close();
    for (const g of gateways) await g.close();
    await upstream?.close();
    await t?.close();
  });

  const viaFastify = async (token: string, ip?: string) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(verifierKey), payload: { token, ...(ip ? { ip } : {}) } });
    return response.json() as { code: string };
  };
  /** The fast path over real HTTP; its answer must be the Fastify route's, word for word. */
  const viaFastPath = async (token: string, ip?: string) => {
    const body = JSON.stringify({ token, ...(ip ? { ip } : {}) });
    const response = await fetch(`${baseUrl}/api/v1/verify`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...bearer(verifierKey) } });
    const answer = (await response.json()) as { code: string };
    expect(answer).toEqual(await viaFastify(token, ip));
    return answer;
  };

  it('narrows verification to the listed addresses at once, through the route and the fast path alike; an empty list removes it', async () => {
    const admin = adminApi(t);
    const owner = await seedUser(t.app, t.orgId);
    const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { scopes: ['read:jira-work'] });
    expect((await viaFastPath(secret, '192.0.2.10')).code).toBe('VALID'); // cached now, with no list

    const set = await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: ['198.51.100.0/24', ' 2001:db8::1 ', '198.51.100.0/24'] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: token.id, ipAllowlist: ['198.51.100.0/24', '2001:db8::1/128'] });
    expect((await viaFastPath(secret, '192.0.2.10')).code).toBe('IP_NOT_ALLOWED');
    expect((await viaFastPath(secret)).code).toBe('IP_NOT_ALLOWED'); // no address: refused by a list
    expect((await viaFastPath(secret, '198.51.100.77')).code).toBe('VALID');
    expect((await viaFastPath(secret, '::ffff:198.51.100.77')).code).toBe('VALID');
    expect((await viaFastPath(secret, '2001:db8::1')).code).toBe('VALID');
    expect((await viaFastPath(secret, '2001:db8::2')).code).toBe('IP_NOT_ALLOWED');
    expect((await admin('GET', `/tokens/${token.id}/controls`)).json()).toMatchObject({ ipAllowlist: ['198.51.100.0/24', '2001:db8::1/128'] });

    expectErrorBody((await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: ['10.0.0.300'] })).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: ['10.0.0.0/33'] })).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await admin('PUT', `/tokens/${token.id}/ip-allowlist`, {})).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await admin('PUT', '/tokens/tok_unknown/ip-allowlist', { ipAllowlist: [] })).json(), 404, 'TOKEN_NOT_FOUND');

    const cleared = await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: [] });
    expect(cleared.json()).toMatchObject({ ipAllowlist: [] });
    expect((await viaFastPath(secret, '192.0.2.10')).code).toBe('VALID');
    const entries = await t.app.core.database.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', token.id).orderBy('seq').execute();
    const changes = entries.filter((e) => e.action === 'token.ip_allowlist_changed').map((e) => JSON.parse(e.details) as { ipAllowlist: string[]; previous: string[] });
    expect(changes.map((c) => [c.previous, c.ipAllowlist])).toEqual([
      [[], ['198.51.100.0/24', '2001:db8::1/128']],
      [['198.51.100.0/24', '2001:db8::1/128'], []],
    ]);
  });

  it("never widens the owner's policy: entries beyond it are refused, and an address must pass both lists", async () => {
    const admin = adminApi(t);
    const owner = await seedUser(t.app, t.orgId);
    const policy = policyBody(`office ${owner.id}`, { tokenCreation: 'allowed', maxLifetimeDays: 90, ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'] }, { priority: 5, userIds: [owner.id] });
    expect((await admin('POST', '/policies', policy)).statusCode).toBe(201);
    const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { scopes: ['read:jira-work'] });

    const widening = await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: ['10.1.0.0/16', '192.0.2.0/24', '10.0.0.0/7'] });
    expectErrorBody(widening.json(), 403, 'IP_ALLOWLIST_WIDENS_POLICY');
    expect(widening.json().errors[0].detail).toBe(
      `The policy "office ${owner.id}" allows API tokens only from 10.0.0.0/8, 2001:db8::/32; a token's own list may only narrow that, and 192.0.2.0/24, 10.0.0.0/7 reach beyond it.`,
    );
    expect((await viaFastPath(secret, '10.200.0.1')).code).toBe('VALID'); // nothing was changed

    expect((await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: ['10.1.0.0/16', '2001:db8:1::/48'] })).statusCode).toBe(200);
    expect((await viaFastPath(secret, '10.1.2.3')).code).toBe('VALID');
    expect((await viaFastPath(secret, '10.200.0.1')).code).toBe('IP_NOT_ALLOWED'); // the policy's, not the token's
    expect((await viaFastPath(secret, '2001:db8:1::5')).code).toBe('VALID');
    expect((await viaFastPath(secret, '2001:db8:2::5')).code).toBe('IP_NOT_ALLOWED');

    // The policy narrowing later still governs: the address must pass both lists.
    const policyId = ((await admin('GET', '/policies')).json().data as Array<{ id: string; attributes: { name: string } }>).find((p) => p.attributes.name === `office ${owner.id}`)!.id;
    const narrowed = policyBody(`office ${owner.id}`, { tokenCreation: 'allowed', maxLifetimeDays: 90, ipAllowlist: ['10.1.2.0/24'] }, { priority: 5, userIds: [owner.id] });
    expect((await admin('PUT', `/policies/${policyId}`, narrowed)).statusCode).toBe(200);
    expect((await viaFastPath(secret, '10.1.2.3')).code).toBe('VALID');
    expect((await viaFastPath(secret, '10.1.9.9')).code).toBe('IP_NOT_ALLOWED');
  });

  it('lets a member narrow their own token, never another\'s; a token asking about itself is held to it', async () => {
    const member = await seedUser(t.app, t.orgId);
    const other = await seedUser(t.app, t.orgId);
    const mine = await seedToken(t.app, t.orgId, { type: 'user', id: member.id }, { scopes: ['read:jira-work'] });
    const theirs = await seedToken(t.app, t.orgId, { type: 'user', id: other.id }, { scopes: ['read:jira-work'] });
    const me = await memberApi(t, member);
    const self = (remoteAddress: string) => t.app.http.inject({ method: 'GET', url: '/api/v1/tokens/self', headers: bearer(mine.secret), remoteAddress });
    expect((await self('203.0.113.9')).statusCode).toBe(200);

    const set = await me('PUT', `/tokens/${mine.token.id}/ip-allowlist`, { ipAllowlist: ['198.51.100.8'] });
    expect(set.statusCode, set.body).toBe(200);
    expect((await me('GET', `/tokens/${mine.token.id}/controls`)).json()).toMatchObject({ ipAllowlist: ['198.51.100.8/32'] });
    expect((await viaFastPath(mine.secret, '198.51.100.8')).code).toBe('VALID');
    expect((await viaFastPath(mine.secret, '198.51.100.9')).code).toBe('IP_NOT_ALLOWED');
    const refused = await self('203.0.113.9');
    expectErrorBody(refused.json(), 403, 'IP_NOT_ALLOWED');
    expect(refused.json().errors[0].detail).toBe("The token's own IP allowlist does not allow this address.");
    expect((await self('198.51.100.8')).statusCode).toBe(200);

    expectErrorBody((await me('PUT', `/tokens/${theirs.token.id}/ip-allowlist`, { ipAllowlist: ['198.51.100.8'] })).json(), 404, 'TOKEN_NOT_FOUND');
    expectErrorBody((await me('GET', `/tokens/${theirs.token.id}/controls`)).json(), 404, 'TOKEN_NOT_FOUND');
    expect((await viaFastPath(theirs.secret, '192.0.2.1')).code).toBe('VALID');
    const byMember = await t.app.core.database.db.selectFrom('audit_log').select(['actor_type', 'actor_id']).where('action', '=', 'token.ip_allowlist_changed').where('target_id', '=', mine.token.id).execute();
    expect(byMember).toEqual([{ actor_type: 'user', actor_id: member.id }]);
    expect(await auditActions(t)).toContain('token.ip_allowlist_changed');
  });

  it('reaches the SDK and the gateway in both modes through the push stream', async () => {
    const admin = adminApi(t);
    const owner = await seedUser(t.app, t.orgId);
    const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { scopes: ['read:jira-work'] });
    const auth = { authorization: `Bearer ${secret}` };
    // Both sides cache the allowed answer first (the gateway's clients come from 127.0.0.1).
    expect(await sdk.verify(secret, { ip: '192.0.2.44' })).toMatchObject({ code: 'VALID', cached: false });
    expect(await sdk.verify(secret, { ip: '192.0.2.44' })).toMatchObject({ code: 'VALID', cached: true });
    for (const g of gateways) {
      expect((await fetch(`${g.url}/rest/api/3/issue/IP-1`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${g.url}/rest/api/3/issue/IP-1`, { headers: auth })).status).toBe(200);
    }
    const before = upstream.seen.length;

    expect((await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: ['198.51.100.0/24'] })).statusCode).toBe(200);
    await until(async () => (await sdk.verify(secret, { ip: '192.0.2.44' })).code === 'IP_NOT_ALLOWED', 1000);
    expect(await sdk.verify(secret, { ip: '198.51.100.1' })).toMatchObject({ code: 'VALID' });
    for (const g of gateways) {
      let last: unknown;
      await until(async () => {
        const response = await fetch(`${g.url}/rest/api/3/issue/IP-1`, { headers: auth });
        last = await response.json();
        return response.status === 403;
      }, 1000);
      expect(last).toMatchObject({ error: 'IP_NOT_ALLOWED' });
    }
    expect(upstream.seen.length).toBe(before);

    expect((await admin('PUT', `/tokens/${token.id}/ip-allowlist`, { ipAllowlist: ['127.0.0.0/8', '::1'] })).statusCode).toBe(200);
    for (const g of gateways) await until(async () => (await fetch(`${g.url}/rest/api/3/issue/IP-1`, { headers: auth })).status === 200, 1000);
    await until(async () => (await sdk.verify(secret, { ip: '127.0.0.1' })).code === 'VALID', 1000);
    expect(upstream.seen.length).toBeGreaterThan(before);
  });
});
