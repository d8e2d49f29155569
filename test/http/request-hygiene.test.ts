/**
 * What every route shares, whatever its input: text with NUL characters and numbers that are not
 * finite are refused in words on both dialects (never a 5xx), and every answer tells browsers not
 * to sniff its type or frame it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedServiceAccount, seedToken } from '../support/seed.js';

const atlassianOf = (orgId: string) => `/admin/api-access/v1/orgs/${orgId}`;

describe.each(DIALECTS)('request hygiene on %s', (dialect) => {
  let t: TestApp;
  let tokenId: string;
  const get = (path: string) => t.app.http.inject({ url: path, headers: bearer(t.adminKey) });
  beforeAll(async () => {
    t = await startTestApp(dialect);
    const bot = await seedServiceAccount(t.app, t.orgId);
    tokenId = (await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id }, { label: 'hygiene' })).token.id;
  });
  afterAll(async () => t?.close());

  it('refuses NUL characters in search text, ids and bodies with a 400 in words', async () => {
    const org = `/admin/tokenward/v1/orgs/${t.orgId}`;
    const atlassian = `/admin/api-access/v1/orgs/${t.orgId}`;
    const paths = [
      `${atlassian}/api-tokens?q=a%00b`,
      `${atlassian}/api-tokens/count?q=a%00b`,
      `${atlassian}/api-keys?q=a%00b`,
      `${atlassian}/api-keys/count?q=a%00b`,
      `${org}/tokens?q=a%00b`,
      `${org}/tokens/counts?q=a%00b`,
      `${org}/tokens/export.csv?q=a%00b`,
      `${org}/users/usr_%00`,
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().errors[0], path).toMatchObject({ title: 'VALIDATION_FAILED', detail: 'Invalid request: text may not contain NUL characters.' });
    }
    const body = await t.app.http.inject({
      method: 'POST',
      url: `${atlassianOf(t.orgId)}/service-accounts`,
      headers: { ...bearer(t.adminKey), 'content-type': 'application/json' },
      payload: JSON.stringify({ displayName: 'nul\u0000bot' }),
    });
    expect(body.statusCode, body.body).toBe(400);
    expect(body.json().errors[0]).toMatchObject({ title: 'VALIDATION_FAILED' });
  });

  it('refuses numbers that are not finite where a bounded number is due', async () => {
    const org = `/admin/tokenward/v1/orgs/${t.orgId}`;
    for (const value of ['Infinity', '-Infinity', '1e400', 'NaN']) {
      for (const path of [`${org}/usage/daily?days=${value}`, `${org}/usage/top-tokens?limit=${value}`, `${org}/usage/new-ips?days=${value}`, `${org}/tokens/${tokenId}/usage/summary?days=${value}`]) {
        const response = await get(path);
        expect(response.statusCode, `${path}: ${response.body}`).toBe(400);
        expect(response.json().errors[0].title, path).toBe('VALIDATION_FAILED');
      }
    }
    const bot = await seedServiceAccount(t.app, t.orgId);
    const body = await t.app.http.inject({
      method: 'POST',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens`,
      headers: { ...bearer(t.adminKey), 'content-type': 'application/json' },
      payload: `{"owner":{"type":"service-account","id":"${bot.id}"},"label":"x","scopes":["read:jira-work"],"expiresInDays":1e400}`,
    });
    expect(body.statusCode, body.body).toBe(400);
    expect(body.json().errors[0]).toMatchObject({ title: 'VALIDATION_FAILED', detail: expect.stringContaining('finite') });
  });

  it('sends nosniff and refuses framing on JSON answers, errors and the API docs', async () => {
    for (const path of [`/admin/v1/orgs`, `/admin/tokenward/v1/orgs/${t.orgId}/tokens?pageSize=abc`, '/docs', '/docs/static/index.html', '/healthz']) {
      const response = await get(path);
      expect(response.statusCode, path).toBeLessThan(500);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['x-frame-options'], path).toBe('DENY');
    }
  });

  it('speaks to admins in the API document: no tracker numbers, contract codes or source paths', async () => {
    const document = (await get('/admin/api-access/v1/openapi.json')).body;
    const markers = document.match(/issue #\d+|INFERRED|CONTRACT\.md|§|\((?:T|K|SA|O|U)\d+\)|docs\/[\w-]+\.md|src\/[\w/-]+\.ts/g) ?? [];
    expect([...new Set(markers)]).toEqual([]);
  });
});
