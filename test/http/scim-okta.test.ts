/**
 * SCIM: Okta's provisioning sequence as shared/scim/CLIENTS.md documents it (test
 * connector, assign, update by PUT, deactivate by PATCH and by PUT, import paging, groups), over
 * HTTP on both dialects; deactivation suspends the user's tokens and reactivation restores them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken } from '../support/seed.js';
import { createScimToken, expectScimError, scimClient } from '../support/scim.js';

const OKTA_HEADERS = { 'user-agent': 'Okta SCIM Client 1.0.0' };
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const q = (filter: string) => encodeURIComponent(filter);

const oktaUser = (userName: string, externalId: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Test User',
  locale: 'en-US',
  externalId,
  groups: [],
  password: '1mz050nq',
  active: true,
  ...extra,
});

describe.each(DIALECTS)('SCIM as Okta provisions on %s', (dialect) => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  let userId: string;
  let tokenId: string;
  let tokenSecret: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    scim = scimClient(t, (await createScimToken(t, 'Okta')).token, OKTA_HEADERS);
  });
  afterAll(async () => t.close());

  const tokenStatus = async () => (await createStores(t.app.core.database.db).tokens.findById(t.orgId, tokenId))!.status;
  /** What a service verifying the user's token hears (the endpoint, its cache included). */
  const verdict = async () =>
    (await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(t.adminKey), payload: { token: tokenSecret } })).json().code as string;
  const adminUser = async (id: string) =>
    (await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/users/${id}`, headers: bearer(t.adminKey) })).json() as { name: string; email: string; status: string };

  it('tests the connector: users and groups pages with numeric counts', async () => {
    const users = await scim('GET', '/Users?startIndex=1&count=2');
    expect(users.status).toBe(200);
    expect(users.contentType).toContain('application/scim+json');
    expect(users.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], startIndex: 1 });
    expect(typeof users.body.totalResults).toBe('number');
    expect(users.body.itemsPerPage).toBeLessThanOrEqual(2);
    const groups = await scim('GET', '/Groups?startIndex=1&count=100');
    expect(groups.status).toBe(200);
    expect(groups.body.totalResults).toBe(0);
  });

  it('assigns: filter finds nobody, POST creates (201, Location, no password), a repeat is 409 uniqueness', async () => {
    const none = await scim('GET', `/Users?filter=${q('userName eq "test.user@okta.local"')}&startIndex=1&count=100`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim('POST', '/Users', oktaUser('test.user@okta.local', '00ujl29u0le5T6Aj10h7'));
    expect(created.status).toBe(201);
    userId = created.body.id;
    expect(userId).toMatch(/^usr_/);
    expect(created.headers.location).toMatch(new RegExp(`/scim/v2/Users/${userId}$`));
    expect(created.body).toMatchObject({ userName: 'test.user@okta.local', externalId: '00ujl29u0le5T6Aj10h7', active: true, locale: 'en-US', displayName: 'Test User' });
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
    expect(created.body.meta).toMatchObject({ resourceType: 'User', location: expect.stringContaining(`/Users/${userId}`) });
    expect(await adminUser(userId)).toMatchObject({ email: 'test.user@okta.local', name: 'Test User', status: 'active' });

    expectScimError(await scim('POST', '/Users', oktaUser('test.user@okta.local', 'other')), 409, 'uniqueness');
    expectScimError(await scim('POST', '/Users', oktaUser('TEST.USER@OKTA.LOCAL', 'other')), 409, 'uniqueness');

    const found = await scim('GET', `/Users?filter=${q('userName eq "Test.User@OKTA.local"')}&startIndex=1&count=100`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(userId);
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: userId });
    tokenId = issued.token.id;
    tokenSecret = issued.secret;
  });

  it('updates with GET then PUT of the whole object (id and meta included); id stays', async () => {
    const current = await scim('GET', `/Users/${userId}`);
    expect(current.status).toBe(200);
    const put = await scim('PUT', `/Users/${userId}`, { ...current.body, displayName: 'Tess User', name: { givenName: 'Tess', familyName: 'User' }, title: 'Engineer' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: userId, displayName: 'Tess User', title: 'Engineer', name: { givenName: 'Tess' } });
    expect((await adminUser(userId)).name).toBe('Tess User');
  });

  it('deactivates with a path-less PATCH (tokens suspended) and reactivates (tokens restored)', async () => {
    expect(await tokenStatus()).toBe('active');
    expect(await verdict()).toBe('VALID');
    const off = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await adminUser(userId)).status).toBe('deactivated');
    expect(await tokenStatus()).toBe('suspended');
    expect(await verdict()).toBe('SUSPENDED');
    // Inactive users stay visible to GET and to filters.
    expect((await scim('GET', `/Users/${userId}`)).body.active).toBe(false);
    expect((await scim('GET', `/Users?filter=${q('userName eq "test.user@okta.local"')}`)).body.totalResults).toBe(1);

    // Audited as a SCIM action: the audit API finds it by its actor type.
    const audit = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/audit-log?actorType=scim_token&action=user.deactivated`, headers: bearer(t.adminKey) });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().data).toEqual([expect.objectContaining({ action: 'user.deactivated', actorType: 'scim_token', targetId: userId, details: { tokensSuspended: 1, serviceAccountsToReassign: 0 } })]);

    const on = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(on.status).toBe(200);
    expect(await tokenStatus()).toBe('active');
    expect(await verdict()).toBe('VALID');
  });

  it('deactivates and reactivates the AIW way: GET, then PUT with active false / true', async () => {
    const current = (await scim('GET', `/Users/${userId}`)).body;
    expect((await scim('PUT', `/Users/${userId}`, { ...current, active: false })).body.active).toBe(false);
    expect(await tokenStatus()).toBe('suspended');
    expect((await scim('PUT', `/Users/${userId}`, { ...current, active: true })).body.active).toBe(true);
    expect(await tokenStatus()).toBe('active');
  });

  it('imports page by page: pages of count=1 match one large page, in a stable order', async () => {
    for (let i = 0; i < 4; i += 1) expect((await scim('POST', '/Users', oktaUser(`import.${i}@okta.local`, `ext${i}`))).status).toBe(201);
    const all = (await scim('GET', '/Users?startIndex=1&count=100')).body;
    expect(all.totalResults).toBe(6);
    const ids: string[] = [];
    for (let start = 1; start <= all.totalResults; start += 1) {
      const page = (await scim('GET', `/Users?startIndex=${start}&count=1`)).body;
      expect(page).toMatchObject({ totalResults: 6, startIndex: start, itemsPerPage: 1 });
      ids.push(page.Resources[0].id);
    }
    expect(ids).toEqual(all.Resources.map((r: { id: string }) => r.id));
    expect((await scim('GET', '/Users?startIndex=101&count=100')).body).toMatchObject({ totalResults: 6, itemsPerPage: 0, Resources: [] });
  });

  it('pushes groups: create, membership remove+add, full replace, rename, delete', async () => {
    const others = (await scim('GET', `/Users?filter=${q('userName eq "import.0@okta.local" or userName eq "import.1@okta.local"')}`)).body.Resources.map((r: { id: string }) => r.id);
    expect(others).toHaveLength(2);
    const created = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Eng', members: [] });
    expect(created.status).toBe(201);
    const groupId = created.body.id as string;
    expect(created.headers.location).toMatch(new RegExp(`/Groups/${groupId}$`));
    const members = async () => ((await scim('GET', `/Groups/${groupId}`)).body.members ?? []).map((m: { value: string }) => m.value).sort();

    const add = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: userId, display: 'test.user@okta.local' }, { value: others[0] }] }],
    });
    expect([200, 204]).toContain(add.status);
    expect(await members()).toEqual([userId, others[0]].sort());

    await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'remove', path: `members[value eq "${others[0]}"]` },
        { op: 'add', path: 'members', value: [{ value: others[1], display: 'import.1@okta.local' }] },
      ],
    });
    expect(await members()).toEqual([userId, others[1]].sort());

    await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'members', value: [{ value: others[0] }] }] });
    expect(await members()).toEqual([others[0]]);

    await scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Engineering' } }] });
    const group = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/groups/${groupId}`, headers: bearer(t.adminKey) });
    expect(group.json()).toMatchObject({ name: 'Engineering', memberIds: [others[0]] });

    // AIW apps PUT the full list instead.
    const put = await scim('PUT', `/Groups/${groupId}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: groupId, displayName: 'Engineering', members: [{ value: userId }, { value: others[1] }] });
    expect(put.status).toBe(200);
    expect(await members()).toEqual([userId, others[1]].sort());

    expect((await scim('DELETE', `/Groups/${groupId}`)).status).toBe(204);
    expectScimError(await scim('GET', `/Groups/${groupId}`), 404);
  });
});
