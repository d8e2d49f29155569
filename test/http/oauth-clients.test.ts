/** O1-O5, SA7, SA8: Tokenward answers as for an org without OAuth clients. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.js';
import type { ServiceAccount } from '../../src/domain/models.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';
import { seedServiceAccount } from '../support/seed.js';

const EMPTY = { data: [], links: { self: null, next: null, prev: null } };

describe.each(DIALECTS)('OAuth clients over HTTP on %s', (dialect) => {
  let t: TestApp;
  let org: string;
  let account: ServiceAccount;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = `/admin/api-access/v1/orgs/${t.orgId}`;
    account = await seedServiceAccount(t.app, t.orgId);
  });
  afterAll(async () => t.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, key = t.adminKey) => t.app.http.inject({ method, url, headers: bearer(key) });

  it('lists none (O1, SA7, SA8) and counts 0 (O3)', async () => {
    for (const url of [`${org}/oauth-clients?pageSize=10`, `${org}/service-accounts/oauth-clients?clientName=x`, `${org}/service-accounts/${account.id}/oauth-clients`]) {
      const response = await call('GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.json()).toEqual(EMPTY);
    }
    const counted = await call('POST', `${org}/oauth-clients/count`);
    expect(counted.statusCode).toBe(200);
    expect(counted.body).toBe('0');
  });

  it('answers 404 for one client (O4, O5) and for an unknown account (SA8)', async () => {
    for (const [method, url, title] of [
      ['GET', `${org}/oauth-clients/abc`, 'NOT_FOUND'],
      ['DELETE', `${org}/oauth-clients/abc`, 'NOT_FOUND'],
      ['GET', `${org}/service-accounts/${newId('sa')}/oauth-clients`, 'SERVICE_ACCOUNT_NOT_FOUND'],
    ] as const) {
      const response = await call(method, url);
      expect(response.statusCode, url).toBe(404);
      expectErrorBody(response.json(), 404, title);
    }
  });

  it('refuses creation with an API key (O2) with 403', async () => {
    const response = await call('POST', `${org}/oauth-clients`);
    expect(response.statusCode).toBe(403);
    expectErrorBody(response.json(), 403, 'FORBIDDEN');
  });

  it('refuses any cursor and a bad pageSize with 400 (Our reading: no cursor was ever issued)', async () => {
    const cursor = await call('GET', `${org}/oauth-clients?cursor=abc`);
    expect(cursor.statusCode).toBe(400);
    expectErrorBody(cursor.json(), 400, 'INVALID_PAGE_CURSOR');
    const size = await call('GET', `${org}/service-accounts/oauth-clients?pageSize=-5`);
    expect(size.statusCode).toBe(400);
    expectErrorBody(size.json(), 400, 'VALIDATION_FAILED');
  });

  it("refuses another org's path with 403 and keys lacking the scope with 401 INSUFFICIENT_SCOPE", async () => {
    const otherOrg = await insertOrg(t, 'other');
    const foreign = await call('GET', `/admin/api-access/v1/orgs/${otherOrg}/oauth-clients`);
    expect(foreign.statusCode).toBe(403);
    expectErrorBody(foreign.json(), 403, 'FORBIDDEN');

    const reader = await scopedKey(t, ['read:service-accounts-tokens:admin']);
    const other = await scopedKey(t, ['read:tokens:admin']);
    expect((await call('GET', `${org}/oauth-clients`, reader)).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', `${org}/oauth-clients`],
      ['POST', `${org}/oauth-clients/count`],
      ['GET', `${org}/oauth-clients/abc`],
      ['DELETE', `${org}/oauth-clients/abc`],
      ['GET', `${org}/service-accounts/oauth-clients`],
      ['GET', `${org}/service-accounts/${account.id}/oauth-clients`],
    ] as const) {
      const response = await call(method, url, other);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expectErrorBody(response.json(), 401, 'INSUFFICIENT_SCOPE');
    }
    // O5 needs the delete scope: the read scope alone is not enough.
    expect((await call('DELETE', `${org}/oauth-clients/abc`, reader)).statusCode).toBe(401);
  });
});
