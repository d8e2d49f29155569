/** Every path and operation of the contract's table (CONTRACT.md §0) is in the OpenAPI document. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const ACCESS = '/admin/api-access/v1/orgs/{orgId}';
const CONTRACT_TABLE: Array<[string, string, string]> = [
  ['T1', 'get', `${ACCESS}/api-tokens`],
  ['T2', 'get', `${ACCESS}/api-tokens/count`],
  ['T3', 'delete', `${ACCESS}/api-tokens`],
  ['T4', 'post', `${ACCESS}/service-accounts/count`],
  ['T5', 'delete', `${ACCESS}/service-accounts/{serviceAccountId}/api-tokens`],
  ['SA1', 'get', `${ACCESS}/service-accounts/api-tokens`],
  ['SA2', 'get', `${ACCESS}/service-accounts/{serviceAccountId}/api-tokens`],
  ['SA3', 'get', `${ACCESS}/service-accounts`],
  ['SA4', 'post', `${ACCESS}/service-accounts`],
  ['SA5', 'patch', `${ACCESS}/service-accounts`],
  ['SA6', 'delete', `${ACCESS}/service-accounts/{serviceAccountId}`],
  ['SA7', 'get', `${ACCESS}/service-accounts/oauth-clients`],
  ['SA8', 'get', `${ACCESS}/service-accounts/{serviceAccountId}/oauth-clients`],
  ['K1', 'get', `${ACCESS}/api-keys/count`],
  ['K2', 'get', `${ACCESS}/api-keys`],
  ['K3', 'post', `${ACCESS}/api-keys`],
  ['K4', 'patch', `${ACCESS}/api-keys/revoke/{apiKeyId}`],
  ['O1', 'get', `${ACCESS}/oauth-clients`],
  ['O2', 'post', `${ACCESS}/oauth-clients`],
  ['O3', 'post', `${ACCESS}/oauth-clients/count`],
  ['O4', 'get', `${ACCESS}/oauth-clients/{clientId}`],
  ['O5', 'delete', `${ACCESS}/oauth-clients/{clientId}`],
  ['U1', 'get', '/users/{accountId}/manage/api-tokens'],
  ['U2', 'delete', '/users/{accountId}/manage/api-tokens/{tokenId}'],
];

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('holds every operation of the contract table', async () => {
    const spec = (await t.app.http.inject({ url: '/admin/api-access/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const missing = CONTRACT_TABLE.filter(([, method, path]) => !spec.paths[path]?.[method]).map(([id, method, path]) => `${id} ${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });
});
