/** Bad input at every public sign-in route: never a 5xx, never a session, always the error body. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { memberOperations, concretePath } from '../support/routes.js';

const RUNS_PER_ROUTE = Number(process.env.TOKENWARD_FUZZ_RUNS ?? 25);

const body = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ email: fc.string(), password: fc.string({ maxLength: 2000 }), token: fc.string(), orgId: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.constantFrom('', '{', 'null', '{"email":"a@b","password":null}', '{"token":"' + 'A'.repeat(43) + '","password":"long enough password"}'),
);

describe('public sign-in routes under bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { config: { rateLimitMax: 1_000_000, loginRateLimitPerEmail: 1_000_000, loginRateLimitPerIp: 1_000_000 } });
  });
  afterAll(async () => t.close());

  it('never answers 5xx or signs anyone in', async () => {
    const operations = memberOperations(t.app).filter((o) => o.isPublic && o.path.startsWith('/api/v1/auth/'));
    expect(operations.length).toBeGreaterThanOrEqual(7);
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(body, fc.dictionary(fc.constantFrom('code', 'state', 'error', 'returnTo', 'x'), fc.string(), { maxKeys: 4 }), async (payload, query) => {
          const search = new URLSearchParams(query).toString();
          const url = `${concretePath(operation.path, t.orgId)}${search ? `?${search}` : ''}`;
          const response = await t.app.http.inject({ method: operation.method, url, headers: { 'content-type': 'application/json' }, payload: operation.method === 'GET' ? undefined : payload });
          const label = `${operation.method} ${url} body=${payload} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
          expect(response.statusCode, label).toBeLessThan(500);
          expect(String(response.headers['set-cookie'] ?? ''), label).not.toContain('tw_session=');
          if (response.statusCode >= 400) expect(response.json(), label).toMatchObject({ errors: [{ status: String(response.statusCode) }] });
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
  });
});
