/**
 * NUL characters in ids and filters: PostgreSQL text cannot hold them (SQLSTATE 22021), so a query
 * carrying one used to end in a 500 there (found by the admin fuzz on the audit-log export). One
 * answer for every route, in the error handler: never a 5xx on either dialect, and on PostgreSQL a
 * 400 that says why (SQLite stores NUL: there such a filter simply matches nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';

describe.each(DIALECTS)('NUL characters in requests on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('are refused in words, never a 500', async () => {
    const paths = ['/tokens?q=%00', '/users/usr_%00', '/tokens/tok_%00', '/webhooks/wh_%00', '/audit-log?targetType=%00', '/audit-log/export?targetType=%00', '/audit-log/export?format=csv&targetId=%00'];
    for (const path of paths) {
      const response = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}${path}`, headers: bearer(t.adminKey) });
      expect(response.statusCode, path).toBeLessThan(500);
      if (dialect === 'postgres') {
        expect(response.statusCode, path).toBe(400);
        expect(response.json().errors[0]).toMatchObject({ title: 'VALIDATION_FAILED', detail: 'Invalid request: text may not contain NUL characters.' });
      }
    }
  });
});
