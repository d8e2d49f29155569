/**
 * Property: for random policies and requests, no issued token ever exceeds its owner's
 * policy (lifetime, scopes), whether an admin issues it or the member creates it; and every refusal
 * is the right one. Over HTTP and the self-service functions, on both dialects.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE_CATALOGUE } from '../../src/domain/scope-catalogue.js';
import { DAY_MS } from '../../src/domain/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, defaultPolicyId, policyBody } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

const NAMES = DEFAULT_SCOPE_CATALOGUE.map((s) => s.name);
const ENTRIES = [...NAMES, 'class:read', 'class:write', 'class:delete', 'class:admin'];
const RUNS = Number(process.env.TOKENWARD_PROPERTY_RUNS ?? 30);

const ruleArb = fc
  .record({
    maxLifetimeDays: fc.integer({ min: 1, max: 365 }),
    defaultFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    allowedScopes: fc.subarray(ENTRIES, { minLength: 1, maxLength: 6 }),
  })
  .map(({ maxLifetimeDays, defaultFraction, allowedScopes }) => ({
    tokenCreation: 'allowed' as const,
    maxLifetimeDays,
    defaultLifetimeDays: Math.max(1, Math.round(maxLifetimeDays * defaultFraction)),
    allowedScopes,
  }));

const requestArb = fc.record({
  scopes: fc.subarray(NAMES, { minLength: 1, maxLength: 4 }),
  expiresInDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: undefined }),
  byAdmin: fc.boolean(),
});

/** The test's own reading of allowedScopes, independent of the code under test. */
function allowedNames(entries: string[]): Set<string> {
  return new Set(DEFAULT_SCOPE_CATALOGUE.filter((s) => entries.includes(s.name) || entries.includes(`class:${s.scopeClass}`)).map((s) => s.name));
}

describe.each(DIALECTS)('issuance never exceeds the policy on %s', (dialect) => {
  let t: TestApp;
  let defaultId: string;
  let memberId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { config: { rateLimitMax: 1_000_000 } });
    defaultId = await defaultPolicyId(t);
    memberId = (await seedUser(t.app, t.orgId)).id;
  });
  afterAll(async () => t.close());

  it('holds for random policies and requests', async () => {
    const api = adminApi(t);
    await fc.assert(
      fc.asyncProperty(ruleArb, requestArb, async (rule, request) => {
        expect((await api('PUT', `/policies/${defaultId}`, policyBody('Default', rule))).statusCode).toBe(200);
        const allowed = allowedNames(rule.allowedScopes);
        const lifetime = request.expiresInDays ?? rule.defaultLifetimeDays;
        const expected = request.scopes.some((s) => !allowed.has(s)) ? 'SCOPE_NOT_ALLOWED' : lifetime > rule.maxLifetimeDays ? 'LIFETIME_TOO_LONG' : 'issued';

        let outcome: string;
        let token: { scopes: string[]; createdAt: number; expiresAt: number } | null = null;
        if (request.byAdmin) {
          const response = await api('POST', '/tokens', { owner: { type: 'user', id: memberId }, label: 'p', scopes: request.scopes, expiresInDays: request.expiresInDays });
          outcome = response.statusCode === 201 ? 'issued' : response.json().errors[0].title;
          if (response.statusCode === 201) {
            const body = response.json();
            token = { scopes: body.scopes, createdAt: Date.parse(body.createdAt), expiresAt: Date.parse(body.expiresAt) };
          }
        } else {
          try {
            const issued = await t.app.core.services.selfService.createOwnToken(t.orgId, memberId, { label: 'p', scopes: request.scopes, expiresInDays: request.expiresInDays }, null);
            outcome = 'issued';
            token = { scopes: issued.token.scopes, createdAt: issued.token.createdAt.getTime(), expiresAt: issued.token.expiresAt!.getTime() };
          } catch (error) {
            outcome = (error as { code: string }).code;
          }
        }
        expect(outcome).toBe(expected);
        if (token) {
          for (const scope of token.scopes) expect(allowed.has(scope)).toBe(true);
          expect(token.expiresAt - token.createdAt).toBeLessThanOrEqual(rule.maxLifetimeDays * DAY_MS);
          expect(token.expiresAt - token.createdAt).toBe(lifetime * DAY_MS);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
