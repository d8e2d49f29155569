/**
 * Per-token rate limits and quotas over HTTP on both dialects, with a fixed clock: a token's own
 * windows, a policy's limits narrowed by the token's, a quota refilling at the start of its
 * period, the console's figures, bad limits refused in words, and the gateway's 429 with
 * Retry-After and RateLimit-* headers without calling the upstream (both gateway modes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { GATEWAY_MODES, gatewayFile, startTestGateway, startUpstream, until, type RunningGateway, type TestUpstream } from '../support/gateway.js';
import { expectErrorBody, scopedKey } from '../support/http.js';
import { adminApi, defaultPolicyId, policyBody } from '../support/policies.js';
import { seedToken, seedUser } from '../support/seed.js';

const DAY_S = 86_400;

describe.each(DIALECTS)('per-token rate limits and quotas on %s', (dialect) => {
  let t: TestApp;
  let verifierKey: string;
  // A fixed clock, 10 s into a minute and 10 s into a UTC day.
  let nowMs = Date.UTC(2026, 5, 1, 0, 0, 10);

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
    verifierKey = await scopedKey(t, ['verify:tokens']);
  });
  afterAll(async () => t.close());

  const verify = async (token: string) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(verifierKey), payload: { token } });
    expect(response.statusCode).toBe(200);
    return response.json() as { valid: boolean; code: string; rateLimit?: { kind: string; limit: number; remaining: number; windowSeconds: number | null; resetAt: string | null } };
  };
  const newToken = async () => {
    const user = await seedUser(t.app, t.orgId);
    return seedToken(t.app, t.orgId, { type: 'user', id: user.id });
  };
  const setLimits = (tokenId: string, body: unknown) => adminApi(t)('PUT', `/tokens/${tokenId}/limits`, body);

  it("counts a token's own windows, refuses past one with the figures, and lets it through in the next window", async () => {
    const { token, secret } = await newToken();
    // An answer on a token without limits keeps its shape: no rateLimit field.
    expect((await verify(secret)).rateLimit).toBeUndefined();
    const set = await setLimits(token.id, { rateLimits: [{ limit: 3, windowSeconds: 60 }, { limit: 5, windowSeconds: DAY_S }] });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ token: { rateLimits: [{ limit: 3, windowSeconds: 60 }, { limit: 5, windowSeconds: DAY_S }], quota: null }, policy: null });

    const remaining = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await verify(secret);
      expect(answer.code).toBe('VALID');
      remaining.push(answer.rateLimit?.remaining);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const refused = await verify(secret);
    expect(refused).toMatchObject({
      valid: false,
      code: 'RATE_LIMITED',
      rateLimit: { kind: 'rate', limit: 3, remaining: 0, windowSeconds: 60, resetAt: new Date(Date.UTC(2026, 5, 1, 0, 1, 0)).toISOString() },
    });
    // A refusal takes nothing: the next minute has its 3 again, and the day counts 5 in all.
    nowMs += 60_000;
    expect((await verify(secret)).code).toBe('VALID');
    const last = await verify(secret);
    expect(last).toMatchObject({ code: 'VALID', rateLimit: { windowSeconds: DAY_S, remaining: 0 } });
    expect(await verify(secret)).toMatchObject({ code: 'RATE_LIMITED', rateLimit: { windowSeconds: DAY_S, resetAt: new Date(Date.UTC(2026, 5, 2)).toISOString() } });

    const view = await adminApi(t)('GET', `/tokens/${token.id}/limits`);
    expect(view.statusCode).toBe(200);
    expect(view.json().current).toEqual([
      { kind: 'rate', limit: 3, remaining: 1, windowSeconds: 60, resetAt: new Date(Date.UTC(2026, 5, 1, 0, 2, 0)).toISOString() },
      { kind: 'rate', limit: 5, remaining: 0, windowSeconds: DAY_S, resetAt: new Date(Date.UTC(2026, 5, 2)).toISOString() },
    ]);
    // Removing them lets it through at once (the change drops the cached snapshot).
    expect((await setLimits(token.id, {})).json()).toMatchObject({ token: null, current: [] });
    expect(await verify(secret)).toEqual(expect.objectContaining({ code: 'VALID' }));
  });

  it('refills a quota at the start of its period, and a quota that never refills stays used up', async () => {
    const daily = await newToken();
    expect((await setLimits(daily.token.id, { quota: { uses: 2, refillEverySeconds: DAY_S } })).statusCode).toBe(200);
    expect((await verify(daily.secret)).code).toBe('VALID');
    expect((await verify(daily.secret)).code).toBe('VALID');
    const nextDay = new Date(Math.floor(nowMs / (DAY_S * 1000)) * DAY_S * 1000 + DAY_S * 1000);
    expect(await verify(daily.secret)).toMatchObject({ code: 'QUOTA_EXHAUSTED', rateLimit: { kind: 'quota', limit: 2, remaining: 0, windowSeconds: DAY_S, resetAt: nextDay.toISOString() } });

    const once = await newToken();
    expect((await setLimits(once.token.id, { quota: { uses: 1, refillEverySeconds: null } })).statusCode).toBe(200);
    expect(await verify(once.secret)).toMatchObject({ code: 'VALID', rateLimit: { kind: 'quota', remaining: 0, resetAt: null } });
    nowMs = nextDay.getTime() + 1000;
    expect((await verify(daily.secret)).code).toBe('VALID');
    expect(await verify(once.secret)).toMatchObject({ code: 'QUOTA_EXHAUSTED', rateLimit: { resetAt: null, windowSeconds: null } });
  });

  it("applies the policy's limits to its tokens, and a token's own limits narrow them", async () => {
    const id = await defaultPolicyId(t);
    const updated = await adminApi(t)('PUT', `/policies/${id}`, policyBody('Default authentication policy', { tokenCreation: 'allowed', maxLifetimeDays: 365, rateLimits: [{ limit: 4, windowSeconds: 3600 }] }));
    expect(updated.statusCode).toBe(200);
    expect(updated.json().data.attributes.rule.rateLimits).toEqual([{ limit: 4, windowSeconds: 3600 }]);
    const { token, secret } = await newToken();
    const { secret: other } = await newToken();
    expect((await setLimits(token.id, { rateLimits: [{ limit: 2, windowSeconds: 3600 }] })).json()).toMatchObject({ policy: { rateLimits: [{ limit: 4, windowSeconds: 3600 }] } });
    const codes = [];
    for (let i = 0; i < 5; i += 1) codes.push((await verify(secret)).code, (await verify(other)).code);
    expect(codes.filter((_, i) => i % 2 === 0)).toEqual(['VALID', 'VALID', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(codes.filter((_, i) => i % 2 === 1)).toEqual(['VALID', 'VALID', 'VALID', 'VALID', 'RATE_LIMITED']);
    // Back to no limits for the tests after this one.
    expect((await adminApi(t)('PUT', `/policies/${id}`, policyBody('Default authentication policy', { tokenCreation: 'allowed', maxLifetimeDays: 365 }))).statusCode).toBe(200);
  });

  it('refuses bad limits in words, and an unknown token', async () => {
    const { token } = await newToken();
    for (const body of [
      { rateLimits: [{ limit: 0, windowSeconds: 60 }] },
      { rateLimits: [{ limit: 1, windowSeconds: 60 }, { limit: 2, windowSeconds: 60 }] },
      { rateLimits: Array.from({ length: 6 }, (_, i) => ({ limit: 1, windowSeconds: i + 1 })) },
      { quota: { uses: 1, refillEverySeconds: 1 } },
      { other: 1 },
    ]) {
      const response = await setLimits(token.id, body);
      expect(response.statusCode).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    expect((await setLimits('tok_unknown', {})).statusCode).toBe(404);
  });
});

describe.each(GATEWAY_MODES)('the gateway past a rate limit (%s)', (mode) => {
  let t: TestApp;
  let upstream: TestUpstream;
  let gw: RunningGateway;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
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

  it('answers 429 with Retry-After and RateLimit-* headers and never calls the upstream', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] });
    expect((await adminApi(t)('PUT', `/tokens/${token.id}/limits`, { rateLimits: [{ limit: 2, windowSeconds: 3600 }] })).statusCode).toBe(200);
    const call = () => fetch(`${gw.url}/rest/api/3/issue/ABC-1`, { headers: { authorization: `Bearer ${secret}` } });
    const first = await call();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await call()).status).toBe(200);
    const before = upstream.seen.length;
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'RATE_LIMITED', detail: expect.any(String) });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-reset')).toBe(String(retryAfter));
    expect(upstream.seen.length).toBe(before);
  });
});
