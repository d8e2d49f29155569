/** The shared security checks over every route of the service-account side. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** [method, path under the org, whether the route needs a scope (O2 takes any key of the org)]. */
const ROUTES: Array<[Method, string, boolean]> = [
  ['GET', '/service-accounts', true],
  ['POST', '/service-accounts', true],
  ['PATCH', '/service-accounts', true],
  ['DELETE', '/service-accounts/sa_x', true],
  ['GET', '/service-accounts/api-tokens', true],
  ['GET', '/service-accounts/sa_x/api-tokens', true],
  ['DELETE', '/service-accounts/sa_x/api-tokens', true],
  ['POST', '/service-accounts/count', true],
  ['GET', '/service-accounts/oauth-clients', true],
  ['GET', '/service-accounts/sa_x/oauth-clients', true],
  ['GET', '/oauth-clients', true],
  ['POST', '/oauth-clients', false],
  ['POST', '/oauth-clients/count', true],
  ['GET', '/oauth-clients/c_x', true],
  ['DELETE', '/oauth-clients/c_x', true],
];

describe.each(DIALECTS)('service-account routes security on %s', (dialect) => {
  let t: TestApp;
  let otherOrg: string;
  let verifyOnly: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    otherOrg = await insertOrg(t, 'other');
    verifyOnly = await scopedKey(t, ['verify:tokens']);
  });
  afterAll(async () => t.close());

  const call = (method: Method, orgId: string, path: string, headers: Record<string, string>) =>
    t.app.http.inject({ method, url: `/admin/api-access/v1/orgs/${orgId}${path}`, headers });

  it.each(ROUTES)('%s %s: no key 401, other org 403, missing scope 401', async (method, path, needsScope) => {
    const anonymous = await call(method, t.orgId, path, {});
    expect(anonymous.statusCode).toBe(401);
    expectErrorBody(anonymous.json(), 401, 'UNAUTHENTICATED');

    const foreign = await call(method, otherOrg, path, bearer(t.adminKey));
    expect(foreign.statusCode).toBe(403);
    expectErrorBody(foreign.json(), 403, 'FORBIDDEN');

    const unscoped = await call(method, t.orgId, path, bearer(verifyOnly));
    if (needsScope) {
      expect(unscoped.statusCode).toBe(401);
      expectErrorBody(unscoped.json(), 401, 'INSUFFICIENT_SCOPE');
    } else {
      expect(unscoped.statusCode).toBe(403);
    }
  });
});
