/**
 * The scopes of an upstream's OpenAPI document join the org's catalogue (POST .../scopes/import-openapi),
 * described by the operations needing them and classed by verb, so a read-only policy
 * (`class:read`) takes in the imported read scopes and nothing stronger. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, defaultPolicyId, policyBody } from '../support/policies.js';
import { seedUser } from '../support/seed.js';
import { hasJiraPlatform, readJiraPlatform, readReportsApi } from '../support/upstream-documents.js';

describe.each(DIALECTS)('scope catalogue import from OpenAPI (%s)', (dialect) => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    api = adminApi(t);
  });
  afterAll(async () => t?.close());

  const catalogue = async () => (await api('GET', '/scopes')).json().data as Array<{ name: string; description: string; class: string; builtin: boolean }>;

  it('adds the new scopes with their operations as description; a dry run and a repeat change nothing', async () => {
    const document = readReportsApi();
    const dry = await api('POST', '/scopes/import-openapi', { document, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().added.map((s: { name: string }) => s.name)).toEqual(['export:reports', 'read:reports', 'write:reports']);
    expect((await catalogue()).some((s) => s.name === 'read:reports')).toBe(false);

    const done = await api('POST', '/scopes/import-openapi', { document });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ existing: [], refused: [], operations: 5 });
    const byName = new Map((await catalogue()).map((s) => [s.name, s]));
    expect(byName.get('read:reports')).toEqual({ name: 'read:reports', class: 'read', builtin: false, description: 'Read reports and their items. Needed by: List reports; Export every report; Get a report.' });
    expect(byName.get('write:reports')).toMatchObject({ class: 'write', description: "Create and change reports. Needed by: Create a report; Replace a report's items." });
    expect(byName.get('export:reports')).toMatchObject({ class: 'admin', description: 'Needed by: Export every report.' });

    const again = (await api('POST', '/scopes/import-openapi', { document })).json();
    expect(again).toMatchObject({ added: [], existing: ['export:reports', 'read:reports', 'write:reports'] });
  });

  it('lets a read-only policy grant the imported read scope and nothing stronger', async () => {
    await api('POST', '/scopes/import-openapi', { document: readReportsApi() });
    const defaultId = await defaultPolicyId(t);
    expect((await api('PUT', `/policies/${defaultId}`, policyBody('Default', { tokenCreation: 'allowed', maxLifetimeDays: 365, allowedScopes: ['class:read'] }))).statusCode).toBe(200);
    const member = await seedUser(t.app, t.orgId);
    const issue = (scopes: string[]) => api('POST', '/tokens', { owner: { type: 'user', id: member.id }, label: 'reports', scopes });
    expect((await issue(['read:reports'])).statusCode).toBe(201);
    expect((await issue(['export:reports'])).statusCode).toBe(403);
    expect((await issue(['write:reports'])).statusCode).toBe(403);
  });

  it('refuses a document that is not OpenAPI 3, in words', async () => {
    const response = await api('POST', '/scopes/import-openapi', { document: { swagger: '2.0', paths: {} } });
    expect(response.statusCode).toBe(400);
    expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    expect(response.json().errors[0].detail).toBe('document: is a Swagger 2 document; convert it to OpenAPI 3 first.');
  });

  it.skipIf(!hasJiraPlatform)("finds Jira's classic scopes already in the catalogue (the Jira platform document, 1.7 MB)", async () => {
    const response = await api('POST', '/scopes/import-openapi', { document: readJiraPlatform(), dryRun: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ added: [], refused: [], operations: 433 });
    expect(response.json().existing).toHaveLength(6);
  });
});
