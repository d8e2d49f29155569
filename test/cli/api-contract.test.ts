/**
 * The CLI cannot drift from the server: its committed API types are those of the OpenAPI document
 * the server serves, and the published policy file schema is the one the server serves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDocument, API_TYPES_FILE, renderApiTypes } from '../../scripts/api-types.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { REPO_ROOT } from '../support/process.js';

describe('the CLI and the served documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { config: { logLevel: 'silent' } });
  });
  afterAll(async () => t.close());

  it('has API types generated from the served OpenAPI document (npm run generate:api-types)', async () => {
    const served = (await t.app.http.inject({ method: 'GET', url: '/admin/api-access/v1/openapi.json' })).json() as Record<string, unknown>;
    expect(served.paths).toEqual((t.app.http.swagger() as { paths: unknown }).paths);
    expect(await renderApiTypes(adminDocument(t.app))).toBe(readFileSync(join(REPO_ROOT, API_TYPES_FILE), 'utf8'));
  });

  it('publishes in docs the policy file schema the server serves', async () => {
    const served = (await t.app.http.inject({ method: 'GET', url: '/admin/tokenward/v1/policy-file.schema.json' })).json() as unknown;
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'docs/reference/policy-file.schema.json'), 'utf8'))).toEqual(served);
  });
});
