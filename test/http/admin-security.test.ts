/**
 * Every admin route, walked with no key, another org's key and a key lacking the scope:
 * 401, 403 or 404, and never the other org's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { adminOperations, concretePath, needsNoScope, refusesEveryApiKey, type Operation } from '../support/routes.js';
import { seedUser } from '../support/seed.js';

describe.each(DIALECTS)('admin route security on %s', (dialect) => {
  let t: TestApp;
  let operations: Operation[];
  let otherOrgKey: string;
  let narrowKey: string;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    operations = adminOperations(t.app);
    const otherOrgId = newOrgId();
    await createStores(t.app.core.database.db).organizations.insert({ id: otherOrgId, name: 'rival', createdAt: new Date() });
    const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
    otherOrgKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: otherOrgId, label: 'rival', scopes: [], createdBy: null, audit })).secret;
    narrowKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'narrow', scopes: ['verify:tokens'], createdBy: null, audit })).secret;
    userId = (await seedUser(t.app, t.orgId)).id;
  });
  afterAll(async () => t.close());

  const call = (operation: Operation, headers: Record<string, string>, other = userId) =>
    t.app.http.inject({
      method: operation.method,
      url: concretePath(operation.path, t.orgId, other),
      headers: operation.hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
      payload: operation.hasBody ? '{}' : undefined,
    });

  it('finds the admin routes to walk', () => {
    expect(operations.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses every route without a key, or with a malformed one, with 401', async () => {
    for (const operation of operations) {
      for (const headers of [{}, { authorization: 'Bearer twa_garbage' }, { authorization: 'Basic dXNlcjpwYXNz' }] as Array<Record<string, string>>) {
        const response = await call(operation, headers);
        expect(response.statusCode, `${operation.method} ${operation.path}`).toBe(401);
        expect(response.json().errors[0].title).toBe('UNAUTHENTICATED');
      }
    }
  });

  it("never gives another org's key this org's data", async () => {
    for (const operation of operations) {
      const response = await call(operation, bearer(otherOrgKey));
      const label = `${operation.method} ${operation.path} -> ${response.statusCode}`;
      if (operation.hasOrgParam) {
        expect(response.statusCode, label).toBe(403);
      } else if (!needsNoScope(operation)) {
        expect([403, 404], label).toContain(response.statusCode);
      }
      expect(response.body, label).not.toContain(t.orgId);
      expect(response.body, label).not.toContain(userId);
    }
  });

  it('refuses a key without the needed scope with 401 INSUFFICIENT_SCOPE', async () => {
    for (const operation of operations) {
      const response = await call(operation, bearer(narrowKey));
      const label = `${operation.method} ${operation.path}`;
      if (needsNoScope(operation)) {
        expect(response.statusCode, label).toBeLessThan(400);
      } else if (refusesEveryApiKey(operation)) {
        expect(response.statusCode, label).toBe(403);
      } else {
        expect(response.statusCode, label).toBe(401);
        expect(response.json().errors[0], label).toMatchObject({ title: 'INSUFFICIENT_SCOPE', code: 'ADMIN-401-2' });
      }
    }
  });
});
