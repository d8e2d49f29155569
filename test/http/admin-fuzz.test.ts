/**
 * Bad input of any kind at every admin route: random query strings and bodies, with a
 * valid key holding every scope, never produce a 5xx, and every refusal has the error body.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { adminOperations, concretePath } from '../support/routes.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const RUNS_PER_ROUTE = Number(process.env.TOKENWARD_FUZZ_RUNS ?? 25);

const nastyValue = fc.oneof(
  fc.string(),
  // NUL characters (raw, so the URL carries %00) and numbers that are not finite, on every route.
  fc.constantFrom('\u0000', 'a\u0000b', 'Infinity', '-Infinity', '1e400', '-1e400'),
  fc.constantFrom('-1', '0', '1e9', 'NaN', 'null', '[]', '{}', '%00', '2026-13-45', '2026-01-01T00:00:00Z', 'day', 'gt', 'range', '+createdAt', 'ALLOWED', "' OR 1=1 --"),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const body = fc.oneof(
  fc.json(),
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.array(fc.string(), { maxLength: 150 }).map((a) => JSON.stringify(a)),
  fc.constantFrom('', '{', 'null', '[', '{"serviceAccountIds": 5}', '{"displayName": null}'),
  fc.constantFrom('{"displayName": "a\\u0000b", "label": "a\\u0000b", "name": "a\\u0000b"}', '{"expiresInDays": 1e400, "pageSize": 1e400, "days": -1e400}', '["a\\u0000b"]'),
);

describe.each(DIALECTS)('admin routes under bad input on %s', (dialect) => {
  let t: TestApp;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { config: { rateLimitMax: 1_000_000 } });
    const user = await seedUser(t.app, t.orgId);
    const bot = await seedServiceAccount(t.app, t.orgId);
    const token = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    // A policy (and the default one) and a pending token request, so bodies reach deep.
    const policy = await t.app.http.inject({
      method: 'POST',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/policies`,
      headers: bearer(t.adminKey),
      payload: { data: { type: 'policy', attributes: { type: 'authentication', name: 'fuzzed', rule: { tokenCreation: 'approval', maxLifetimeDays: 90 }, assignees: { userIds: [user.id] } } } },
    });
    const policyIds = (await t.app.core.services.policies.effectivePolicyOf(t.orgId, { type: 'user', id: user.id })).effective.applied.map((a) => a.policy.id);
    const request = await t.app.core.services.selfService.fileRequest(t.orgId, user.id, { label: 'fuzz', scopes: ['read:jira-work'] }, null);
    expect(policy.statusCode).toBe(201);
    ids = [user.id, bot.id, token.token.id, ...policyIds, request.id, 'unknown', '', 'tok_\u0000'];
  });
  afterAll(async () => t.close());

  it('never answers 5xx, and always answers errors in the contract body', async () => {
    const operations = adminOperations(t.app);
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.oneof(fc.constantFrom(...operation.queryNames, 'cursor', 'pageSize', 'sort'), fc.string({ maxLength: 10 })), nastyValue, { maxKeys: 6 }),
          body,
          fc.constantFrom(...ids),
          async (query, payload, otherId) => {
            const search = new URLSearchParams(query).toString();
            const url = `${concretePath(operation.path, t.orgId, encodeURIComponent(otherId) || 'x')}${search ? `?${search}` : ''}`;
            const response = await t.app.http.inject({
              method: operation.method,
              url,
              headers: { ...bearer(t.adminKey), 'content-type': 'application/json' },
              payload: operation.method === 'GET' ? undefined : payload,
            });
            const label = `${operation.method} ${url} body=${payload} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
            expect(response.statusCode, label).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(response.json(), label).toMatchObject({ errors: [{ status: String(response.statusCode), title: expect.any(String), detail: expect.any(String) }] });
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
  }, 180_000); // 25 runs on every route: the budget grows with the API (each new route adds to it).
});
