/**
 * SCIM: Microsoft Entra ID's provisioning as shared/scim/CLIENTS.md documents it (test
 * connection, schema discovery, match then create, PATCH with capitalised ops, "False" strings,
 * filtered and URN paths, disable, delete, groups), over HTTP on both dialects.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken } from '../support/seed.js';
import { createScimToken, expectScimError, scimClient } from '../support/scim.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const q = (filter: string) => encodeURIComponent(filter);
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

const entraUser = (suffix: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  externalId: `0a21f0f2-${suffix}`,
  userName: `Test_User_${suffix}`,
  active: true,
  emails: [{ primary: true, type: 'work', value: `Test_User_${suffix}@testuser.com` }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
  nickName: null,
  [ENTERPRISE]: { department: 'Sales', employeeNumber: null, manager: null },
});

describe.each(DIALECTS)('SCIM as Entra ID provisions on %s', (dialect) => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  let userId: string;
  let tokenId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    scim = scimClient(t, (await createScimToken(t, 'Entra')).token);
  });
  afterAll(async () => t.close());

  const tokenStatus = async () => (await createStores(t.app.core.database.db).tokens.findById(t.orgId, tokenId))!.status;
  const adminUser = async (id: string) =>
    (await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/users/${id}`, headers: bearer(t.adminKey) })).json() as { name: string; email: string; status: string };

  it('tests the connection: a random GUID filter is 200 with an empty list; discovery answers', async () => {
    const empty = await scim('GET', `/Users?filter=${q(`userName eq "${randomUUID()}"`)}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ totalResults: 0, Resources: [] });
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.status).toBe(200);
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE]));
    const types = await scim('GET', '/ResourceTypes');
    expect(types.body.Resources.find((r: { id: string }) => r.id === 'User').schemaExtensions[0].schema).toBe(ENTERPRISE);
    expect((await scim('GET', '/ServiceProviderConfig')).body.patch.supported).toBe(true);
  });

  it('creates from the documented body (two schemas, meta, roles, nulls) and matches by each attribute', async () => {
    const created = await scim('POST', '/Users', entraUser('a1'));
    expect(created.status).toBe(201);
    userId = created.body.id;
    expect(created.body).toMatchObject({ userName: 'Test_User_a1', externalId: '0a21f0f2-a1', active: true, [ENTERPRISE]: { department: 'Sales' } });
    expect(created.body.schemas).toContain(ENTERPRISE);
    expect(created.body).not.toHaveProperty('nickName');
    expect(await adminUser(userId)).toMatchObject({ email: 'Test_User_a1@testuser.com', name: 'givenName familyName' });
    tokenId = (await seedToken(t.app, t.orgId, { type: 'user', id: userId })).token.id;

    for (const filter of [
      'userName eq "test_user_A1"',
      'externalId eq "0a21f0f2-a1"',
      'emails[type eq "work"].value eq "test_user_a1@TESTUSER.com"',
      'emails.value eq "Test_User_a1@testuser.com"',
      'externalId eq "0a21f0f2-a1" and userName eq "Test_User_a1"',
    ]) {
      const found = await scim('GET', `/Users?filter=${q(filter)}`);
      expect(found.body.totalResults, filter).toBe(1);
      expect(found.body.Resources[0].id, filter).toBe(userId);
    }
    // externalId is case-exact.
    expect((await scim('GET', `/Users?filter=${q('externalId eq "0A21F0F2-A1"')}`)).body.totalResults).toBe(0);
    expectScimError(await scim('GET', `/Users?filter=${q('title co "x"')}`), 400, 'invalidFilter');
    expectScimError(await scim('GET', `/Users?filter=${q('userName eq')}`), 400, 'invalidFilter');
  });

  it('patches with capitalised ops, attribute paths, a filtered e-mail path and the enterprise URN', async () => {
    const response = await scim(
      'PATCH',
      `/Users/${userId}`,
      patch(
        { op: 'Replace', path: 'name.familyName', value: 'Lovelace' },
        { op: 'Replace', path: 'externalId', value: '0a21f0f2-a1-new' },
        { op: 'Add', path: `${ENTERPRISE}:employeeNumber`, value: '1815' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada@testuser.com' },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ externalId: '0a21f0f2-a1-new', name: { familyName: 'Lovelace' }, [ENTERPRISE]: { employeeNumber: '1815', department: 'Sales' } });
    expect(await adminUser(userId)).toMatchObject({ email: 'ada@testuser.com', name: 'givenName Lovelace' });

    // aadOptscim062020: one no-path replace keyed by paths.
    const flagged = await scim('PATCH', `/Users/${userId}`, patch({ op: 'replace', value: { 'name.givenName': 'Ada', [`${ENTERPRISE}:employeeNumber`]: 'Aklq' } }));
    expect(flagged.body).toMatchObject({ name: { givenName: 'Ada' }, [ENTERPRISE]: { employeeNumber: 'Aklq' } });

    const renamed = await scim('PATCH', `/Users/${userId}`, patch({ op: 'Replace', path: 'userName', value: 'ada@contoso.test' }));
    expect(renamed.body.userName).toBe('ada@contoso.test');
    expect((await scim('GET', `/Users?filter=${q('userName eq "ADA@contoso.test"')}`)).body.totalResults).toBe(1);
  });

  it('adds a missing work e-mail on Add, and updates it on Replace', async () => {
    const bare = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace@contoso.test', active: true });
    expect(bare.status).toBe(201);
    expect(bare.body.emails).toEqual([{ value: 'grace@contoso.test', type: 'work', primary: true }]);
    const id = bare.body.id;
    await scim('PATCH', `/Users/${id}`, patch({ op: 'Remove', path: 'emails' }, { op: 'Add', path: 'emails[type eq "work"].value', value: 'grace.hopper@contoso.test' }));
    expect((await adminUser(id)).email).toBe('grace.hopper@contoso.test');
    await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'g.hopper@contoso.test' }));
    expect((await adminUser(id)).email).toBe('g.hopper@contoso.test');
  });

  it('disables with "False" (tokens suspended), stays visible, and re-enables with "True"', async () => {
    const off = await scim('PATCH', `/Users/${userId}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect([200, 204]).toContain(off.status);
    expect(await tokenStatus()).toBe('suspended');
    expect((await scim('GET', `/Users/${userId}`)).body.active).toBe(false);
    expect((await scim('GET', `/Users?filter=${q('externalId eq "0a21f0f2-a1-new"')}`)).body.Resources[0].active).toBe(false);
    await scim('PATCH', `/Users/${userId}`, patch({ op: 'Replace', path: 'active', value: 'True' }));
    expect(await tokenStatus()).toBe('active');
    await scim('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'active', value: false }));
    expect(await tokenStatus()).toBe('suspended');
    await scim('PATCH', `/Users/${userId}`, patch({ op: 'Add', path: 'active', value: true }));
    expect(await tokenStatus()).toBe('active');
  });

  it('refuses a remove without a path (noTarget), bad values and bad bodies with SCIM 400s', async () => {
    expectScimError(await scim('PATCH', `/Users/${userId}`, patch({ op: 'remove' })), 400, 'noTarget');
    expectScimError(await scim('PATCH', `/Users/${userId}`, patch({ op: 'Replace', path: 'active', value: 'maybe' })), 400, 'invalidValue');
    expectScimError(await scim('PATCH', `/Users/${userId}`, patch({ op: 'jump', path: 'active', value: true })), 400, 'invalidSyntax');
    expectScimError(await scim('PATCH', `/Users/${userId}`, { Operations: 'none' }), 400, 'invalidSyntax');
    expectScimError(await scim('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'emails[type eq', value: 'x' })), 400, 'invalidPath');
    expectScimError(await scim('POST', '/Users', { userName: 'no-mail' }), 400, 'invalidValue');
    expectScimError(await scim('POST', '/Users', '{"userName":'), 400, 'invalidSyntax');
    expectScimError(await scim('GET', `/Users/usr_${'x'.repeat(22)}`), 404);
  });

  it('deletes: 204, then GET is 404; the person stays deactivated in Tokenward with tokens suspended', async () => {
    const victim = await scim('POST', '/Users', entraUser('d1'));
    const token = await seedToken(t.app, t.orgId, { type: 'user', id: victim.body.id });
    expect((await scim('DELETE', `/Users/${victim.body.id}`)).status).toBe(204);
    expectScimError(await scim('GET', `/Users/${victim.body.id}`), 404);
    expect((await scim('GET', `/Users?filter=${q('userName eq "Test_User_d1"')}`)).body.totalResults).toBe(0);
    expect((await adminUser(victim.body.id)).status).toBe('deactivated');
    expect((await createStores(t.app.core.database.db).tokens.findById(t.orgId, token.token.id))!.status).toBe('suspended');
    expectScimError(await scim('DELETE', `/Users/${victim.body.id}`), 404);
  });

  it('provisions groups: lookup without members, create, add ($ref null), both removes, unique names', async () => {
    const lookup = await scim('GET', `/Groups?excludedAttributes=members&filter=${q('displayName eq "Sales"')}`);
    expect(lookup.body.totalResults).toBe(0);
    const created = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: 'e0d1-sales',
      displayName: 'Sales',
      meta: { resourceType: 'Group' },
    });
    expect(created.status).toBe(201);
    const groupId = created.body.id as string;
    expect(created.body).toMatchObject({ externalId: 'e0d1-sales', displayName: 'Sales' });
    expectScimError(await scim('POST', '/Groups', { displayName: 'Sales' }), 409, 'uniqueness');

    const found = await scim('GET', `/Groups?excludedAttributes=members&filter=${q('displayName eq "sales"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).not.toHaveProperty('members');
    expect((await scim('GET', `/Groups?filter=${q('externalId eq "e0d1-sales"')}`)).body.Resources[0].id).toBe(groupId);

    const second = (await scim('POST', '/Users', entraUser('g2'))).body.id as string;
    const members = async () => ((await scim('GET', `/Groups/${groupId}`)).body.members as Array<{ value: string }>).map((m) => m.value).sort();
    const add = await scim('PATCH', `/Groups/${groupId}`, patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }, { $ref: null, value: second }] }));
    expect(add.status).toBe(204);
    expect(await members()).toEqual([userId, second].sort());
    await scim('PATCH', `/Groups/${groupId}`, patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: second }] }));
    expect(await members()).toEqual([userId]);
    await scim('PATCH', `/Groups/${groupId}`, patch({ op: 'remove', path: `members[value eq "${userId}"]` }));
    expect(await members()).toEqual([]);
    expectScimError(await scim('PATCH', `/Groups/${groupId}`, patch({ op: 'Add', path: 'members', value: [{ value: 'usr_nobody' }] })), 400, 'invalidValue');
    await scim('PATCH', `/Groups/${groupId}`, patch({ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }));
    expect((await scim('GET', `/Groups/${groupId}`)).body.displayName).toBe('Sales EMEA');
    expect((await scim('DELETE', `/Groups/${groupId}`)).status).toBe(204);
    expectScimError(await scim('GET', `/Groups/${groupId}`), 404);
  });
});
