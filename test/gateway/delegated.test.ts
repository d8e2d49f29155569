/**
 * Delegated mode (upstream.callAs: delegated) against a real authorization server that rotates
 * refresh tokens: each member's calls reach the upstream with their own access token (the upstream
 * checks it by introspection); with the access tokens expired, 50 concurrent calls spread over two
 * gateway nodes refresh exactly once per member and all succeed (spending a rotated refresh token
 * twice would revoke the grant); a revoked grant is answered with a reconnect message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/domain/gateway-config.js';
import { createSecretBox } from '../../src/domain/secret-box.js';
import { startInProcessGateway } from '../../src/gateway/in-process.js';
import type { GatewayServer } from '../../src/gateway/proxy.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/gateway.js';
import { DIALECTS } from '../support/databases.js';
import { ACCESS_TOKEN_TTL_SECONDS, consentAs, startAuthorizationServer, startIntrospectingUpstream, type AuthorizationServer, type IntrospectingUpstream } from '../support/delegated-oauth.js';
import { scopedKey } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';
import { sessionFor, sessionHeaders } from '../support/sessions.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DIALECTS)('delegated OAuth through the gateway (%s)', (dialect) => {
  let t: TestApp;
  let as: AuthorizationServer;
  let upstream: IntrospectingUpstream;
  const nodes: GatewayServer[] = [];
  const members: Array<{ account: string; userId: string; tokenId: string; secret: string; session: Record<string, string> }> = [];
  const grantsOf = () => ({ db: t.app.core.database.db, pepper: t.app.core.pepper, clock: () => new Date() });

  beforeAll(async () => {
    as = await startAuthorizationServer();
    upstream = await startIntrospectingUpstream(as);
    const delegated = { name: 'Jira', issuer: as.issuer, clientId: as.clientId, clientSecretEnv: 'JIRA_CLIENT_SECRET', scopes: ['openid', 'offline_access'], redirectUrl: as.redirectUri, authorizationParams: { prompt: 'consent' } };
    const raw = {
      listen: { host: '127.0.0.1', port: 0 },
      upstream: { url: upstream.url, callAs: 'delegated', delegated },
      tokenward: { verifierKeyEnv: 'GW_KEY' },
      routes: [{ method: 'GET', path: '/rest/api/3/issue/:key', scopes: ['read:jira-work'] }],
    };
    const env = { GW_KEY: 'twa_replaced_below', JIRA_CLIENT_SECRET: as.clientSecret };
    t = await startTestApp(dialect, { delegatedUpstream: parseGatewayConfig(raw, env, 'in-process').upstream.delegated!, verification: { usage: { flushIntervalMs: 100 } } });
    const config = parseGatewayConfig(raw, { ...env, GW_KEY: await scopedKey(t, ['verify:tokens']) }, 'in-process', 'delegated test');
    // Two nodes: each its own delegated grant service (its own single-flight), one database.
    for (let i = 0; i < 2; i += 1) nodes.push(await startInProcessGateway(config, { verification: t.app.core.services.verification, nowMs: () => Date.now(), log: quietLog, grants: grantsOf() }));
    // Each member connects once through Tokenward's connect pages, consenting at the authorization server.
    for (const account of ['ada-jira', 'bob-jira']) {
      const user = await seedUser(t.app, t.orgId);
      const session = sessionHeaders(await sessionFor(t.app, user));
      const connection = () => t.app.http.inject({ method: 'GET', url: '/api/v1/me/upstream-connection', headers: session });
      await expect(connection().then((r) => r.json())).resolves.toMatchObject({ upstream: 'Jira', connected: false, needsReconnect: false });
      const started = await t.app.http.inject({ method: 'GET', url: '/api/v1/me/upstream-connection/connect', headers: session });
      expect(started.statusCode).toBe(302);
      const flowCookie = (started.cookies as Array<{ name: string; value: string }>).find((c) => c.name === 'tw_upstream_flow')!;
      const callback = await consentAs(started.headers.location as string, as.redirectUri, account);
      const done = await t.app.http.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `tw_upstream_flow=${flowCookie.value}` } });
      expect(done.statusCode, done.body).toBe(302);
      expect(done.headers.location).toBe('/?upstream=connected');
      expect((await connection()).json()).toEqual({ upstream: 'Jira', connected: true, needsReconnect: false, upstreamAccount: account });
      const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] });
      members.push({ account, userId: user.id, tokenId: token.id, secret, session });
    }
  }, 60_000);
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await upstream?.close();
    await as?.close();
    await t?.close();
  });

  const call = (node: GatewayServer, secret: string, key: string) => fetch(`${node.url()}/rest/api/3/issue/${key}`, { headers: { authorization: `Bearer ${secret}` } });

  it("calls the upstream as each member, never with the other's token, and keeps refresh tokens sealed", async () => {
    for (const [i, member] of members.entries()) {
      const response = await call(nodes[i % 2]!, member.secret, `OWN-${member.account}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ accountId: member.account });
    }
    expect(upstream.seen.filter((s) => s.path.startsWith('/rest/api/3/issue/OWN-')).map((s) => `${s.path} ${s.subject}`)).toEqual(['/rest/api/3/issue/OWN-ada-jira ada-jira', '/rest/api/3/issue/OWN-bob-jira bob-jira']);
    const rows = await t.app.core.database.db.selectFrom('upstream_grants').select(['refresh_token', 'access_token']).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.refresh_token).toMatch(/^v1\./);
    // Usage keeps, per call, the upstream account it was made as.
    for (const member of members) {
      const url = `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${member.tokenId}/usage/events`;
      const events = async () => (await t.app.http.inject({ method: 'GET', url, headers: bearer(t.adminKey) })).json().data as Array<{ route: string; upstreamStatus: number; upstreamAccount: string | null }>;
      await until(async () => (await events()).length > 0, 5000);
      expect(await events()).toEqual([expect.objectContaining({ route: '/rest/api/3/issue/:key', upstreamStatus: 200, upstreamAccount: member.account })]);
    }
  });

  it('refreshes exactly once per member when 50 concurrent calls over two nodes find the access tokens expired', async () => {
    await sleep(ACCESS_TOKEN_TTL_SECONDS * 1000 + 200);
    const before = new Map(as.refreshes);
    const calls = [...Array(50).keys()].map((i) => {
      const member = members[i % 2]!;
      return call(nodes[Math.floor(i / 2) % 2]!, member.secret, `BURST-${i}-${member.account}`).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown, account: member.account }));
    });
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    for (const r of results) expect(r.body).toEqual({ accountId: r.account });
    for (const { account } of members) expect((as.refreshes.get(account) ?? 0) - (before.get(account) ?? 0)).toBe(1);
    const burst = upstream.seen.filter((s) => s.path.includes('BURST-'));
    expect(burst).toHaveLength(50);
    for (const s of burst) expect(s.path.endsWith(`-${s.subject}`)).toBe(true);
  });

  it('answers a revoked grant with a message telling the member to reconnect, not an error', async () => {
    const ada = members[0]!;
    const row = await t.app.core.database.db.selectFrom('upstream_grants').select('refresh_token').where('user_id', '=', ada.userId).executeTakeFirstOrThrow();
    await as.revoke(createSecretBox(t.app.core.pepper, 'upstream-oauth-token').open(row.refresh_token!)!);
    await sleep(ACCESS_TOKEN_TTL_SECONDS * 1000 + 200);
    for (const node of nodes) {
      const response = await call(node, ada.secret, 'AFTER-REVOKE');
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'UPSTREAM_RECONNECT_REQUIRED', detail: 'Your Jira connection was revoked or has expired: connect your Jira account in Tokenward again, then retry.' });
    }
    const status = await t.app.http.inject({ method: 'GET', url: '/api/v1/me/upstream-connection', headers: ada.session });
    expect(status.json()).toEqual({ upstream: 'Jira', connected: false, needsReconnect: true, upstreamAccount: 'ada-jira' });
    const bob = members[1]!;
    expect((await call(nodes[0]!, bob.secret, 'BOB-STILL')).status).toBe(200);
  });
});
