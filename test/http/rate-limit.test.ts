import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';

const REDIS_URL = process.env.TOKENWARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function expectRateHeaders(headers: Record<string, unknown>, limit: number, remaining: number): void {
  expect(headers['x-ratelimit-limit']).toBe(String(limit));
  expect(headers['x-ratelimit-remaining']).toBe(String(remaining));
  const reset = String(headers['x-ratelimit-reset']);
  expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const inMs = new Date(reset).getTime() - Date.now();
  expect(inMs).toBeGreaterThan(-2000);
  expect(inMs).toBeLessThanOrEqual(61_000);
}

describe('rate limiting, in process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { config: { rateLimitMax: 3, rateLimitWindowSeconds: 60 } });
  });
  afterAll(async () => t.close());

  it('counts per admin key, says so on every response, and answers 429 past the limit', async () => {
    for (const remaining of [2, 1, 0]) {
      const response = await t.app.http.inject({ url: '/admin/v1/orgs', headers: bearer(t.adminKey) });
      expect(response.statusCode).toBe(200);
      expectRateHeaders(response.headers, 3, remaining);
    }
    const limited = await t.app.http.inject({ url: '/admin/v1/orgs', headers: bearer(t.adminKey) });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ errors: [{ status: '429', code: 'ADMIN-429-1', title: 'RATE_LIMITED' }] });
    expectRateHeaders(limited.headers, 3, 0);

    // Another caller has its own budget.
    const anonymous = await t.app.http.inject({ url: '/admin/v1/orgs' });
    expect(anonymous.statusCode).toBe(401);
    expectRateHeaders(anonymous.headers, 3, 2);
  });

  it('puts the headers on unknown routes too, and never limits the probes', async () => {
    const missing = await t.app.http.inject({ url: '/nowhere', headers: { authorization: 'Bearer other' } });
    expect(missing.statusCode).toBe(404);
    expectRateHeaders(missing.headers, 3, 2);
    for (let i = 0; i < 5; i += 1) expect((await t.app.http.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('rate limiting shared through Redis', () => {
  it('lets two nodes share one budget per key', async () => {
    const config = { rateLimitMax: 4, rateLimitWindowSeconds: 60, redisUrl: REDIS_URL, redisKeyPrefix: `test-${randomBytes(4).toString('hex')}:` };
    const a = await startTestApp('sqlite', { config });
    const b = await startTestApp('sqlite', { config });
    try {
      const headers = bearer(a.adminKey);
      expect((await a.app.http.inject({ url: '/admin/v1/orgs', headers })).statusCode).toBe(200);
      expect((await b.app.http.inject({ url: '/admin/v1/orgs', headers })).statusCode).toBe(401); // not b's key, but counted
      expect((await a.app.http.inject({ url: '/admin/v1/orgs', headers })).headers['x-ratelimit-remaining']).toBe('1');
      expect((await b.app.http.inject({ url: '/admin/v1/orgs', headers })).headers['x-ratelimit-remaining']).toBe('0');
      expect((await a.app.http.inject({ url: '/admin/v1/orgs', headers })).statusCode).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps installations with different key prefixes apart on one Redis', async () => {
    const base = { rateLimitMax: 2, rateLimitWindowSeconds: 60, redisUrl: REDIS_URL };
    const a = await startTestApp('sqlite', { config: { ...base, redisKeyPrefix: `test-${randomBytes(4).toString('hex')}:` } });
    const b = await startTestApp('sqlite', { config: { ...base, redisKeyPrefix: `test-${randomBytes(4).toString('hex')}:` } });
    try {
      const headers = bearer('the same caller on both');
      for (let i = 0; i < 2; i += 1) expect((await a.app.http.inject({ url: '/admin/v1/orgs', headers })).statusCode).toBe(401);
      expect((await a.app.http.inject({ url: '/admin/v1/orgs', headers })).statusCode).toBe(429);
      // The other installation has spent nothing of its own budget.
      expect((await b.app.http.inject({ url: '/admin/v1/orgs', headers })).headers['x-ratelimit-remaining']).toBe('1');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
