/**
 * SCIM security: SCIM tokens through the admin API (created, listed, last use, revoked),
 * refusals with SCIM's 401 on every SCIM route, no reach into another org, SCIM tokens kept out of
 * the Atlassian inventory, and no SCIM secret (or SCIM-sent password) in the database or the logs.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { insertOrg } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';
import { createScimToken, expectScimError, scimClient } from '../support/scim.js';

const DAY_MS = 86_400_000;
const SCIM_ROUTES: Array<['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string]> = [
  ['GET', '/Users'],
  ['POST', '/Users'],
  ['GET', '/Users/usr_x'],
  ['PUT', '/Users/usr_x'],
  ['PATCH', '/Users/usr_x'],
  ['DELETE', '/Users/usr_x'],
  ['GET', '/Groups'],
  ['POST', '/Groups'],
  ['GET', '/Groups/grp_x'],
  ['PUT', '/Groups/grp_x'],
  ['PATCH', '/Groups/grp_x'],
  ['DELETE', '/Groups/grp_x'],
  ['GET', '/ServiceProviderConfig'],
  ['GET', '/ResourceTypes'],
  ['GET', '/Schemas'],
];

/** Every row of every table, as text: where a leaked secret would show. */
async function databaseText(t: TestApp): Promise<string> {
  const db = t.app.core.database.db;
  const tables = t.db.dialect === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
    : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db);
  const dumps: string[] = [];
  for (const { name } of tables.rows) dumps.push(JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(db)).rows));
  return dumps.join('\n');
}

describe.each(DIALECTS)('SCIM security on %s', (dialect) => {
  let t: TestApp;
  let nowMs = Date.parse('2026-06-01T00:00:00.000Z');
  const base = () => `/admin/tokenward/v1/orgs/${t.orgId}/scim-tokens`;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
  });
  afterAll(async () => t.close());

  const admin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, key = t.adminKey) =>
    t.app.http.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

  it('creates a token shown once in the twp_ format, lists it without the secret, records last use', async () => {
    const created = await admin('POST', base(), { label: 'Okta production' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    secrets.push(body.token);
    expect(body.token).toMatch(/^twp_[0-9A-Za-z]{49}$/);
    expect(body).toMatchObject({ id: expect.stringMatching(/^stk_/), label: 'Okta production', status: 'active', displayPrefix: body.token.slice(0, 10), lastUsedAt: null, expiresAt: null });
    expect(body.scimBaseUrl).toMatch(/\/scim\/v2$/);

    const listed = (await admin('GET', base())).json();
    expect(listed.data).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(body.token.slice(4));
    expect(listed.data[0]).not.toHaveProperty('token');

    nowMs += 5_000;
    expect((await scimClient(t, body.token)('GET', '/Users')).status).toBe(200);
    expect((await admin('GET', base())).json().data[0].lastUsedAt).toBe(new Date(nowMs).toISOString());

    const audit = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 10);
    expect(audit.find((e) => e.action === 'scim_token.created')).toMatchObject({ targetId: body.id, actorType: 'admin_key', details: { label: 'Okta production' } });
  });

  it('refuses every SCIM route without a SCIM token with SCIM 401', async () => {
    const userToken = (await seedToken(t.app, t.orgId, { type: 'user', id: (await seedUser(t.app, t.orgId)).id })).secret;
    const wrong = [
      {},
      { authorization: 'Bearer twp_garbage' },
      { authorization: `Bearer ${t.adminKey}` },
      { authorization: `Bearer ${userToken}` },
      { authorization: `Bearer ${generateToken('scim').secret}` },
      { authorization: 'Basic dXNlcjpwYXNz' },
    ] as Array<Record<string, string>>;
    for (const [method, path] of SCIM_ROUTES) {
      for (const headers of wrong) {
        const response = await t.app.http.inject({ method, url: `/scim/v2${path}`, headers: { ...headers, 'content-type': 'application/scim+json' }, payload: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
        const label = `${method} ${path} ${JSON.stringify(headers).slice(0, 40)}`;
        expect(response.statusCode, label).toBe(401);
        expect(response.headers['content-type'], label).toContain('application/scim+json');
        expect(response.json(), label).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
        expect(response.headers['www-authenticate']).toContain('Bearer');
      }
    }
  });

  it('answers unknown SCIM paths with a SCIM 404, even when a browser asks (the console never takes them)', async () => {
    const scim = scimClient(t, (await createScimToken(t, 'paths')).token, { accept: 'text/html' });
    for (const path of ['/Nope', '/Users/..', '/', '/Users/x/y']) expectScimError(await scim('GET', path), 404);
  });

  it('refuses a revoked token at once, and an expired one', async () => {
    const { id, token } = await createScimToken(t, 'to revoke');
    secrets.push(token);
    const scim = scimClient(t, token);
    expect((await scim('GET', '/Users')).status).toBe(200);
    expect((await admin('DELETE', `${base()}/${id}`)).statusCode).toBe(204);
    expect((await admin('DELETE', `${base()}/${id}`)).statusCode).toBe(204);
    expectScimError(await scim('GET', '/Users'), 401);
    const listed = (await admin('GET', base())).json().data.find((item: { id: string }) => item.id === id);
    expect(listed).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect((await admin('DELETE', `${base()}/stk_nothing`)).json().errors[0].title).toBe('SCIM_TOKEN_NOT_FOUND');

    const short = (await admin('POST', base(), { label: 'short', expiresInDays: 1 })).json();
    secrets.push(short.token);
    expect((await scimClient(t, short.token)('GET', '/Users')).status).toBe(200);
    nowMs += 2 * DAY_MS;
    expectScimError(await scimClient(t, short.token)('GET', '/Users'), 401);
    expect((await admin('POST', base(), { label: 'x', expiresInDays: 0 })).statusCode).toBe(400);
    expect((await admin('POST', base(), { label: '   ' })).statusCode).toBe(400);
  });

  it("never reaches another org's users or groups", async () => {
    const mine = scimClient(t, (await createScimToken(t, 'mine')).token);
    const user = (await mine('POST', '/Users', { userName: 'ada@acme.test', emails: [{ value: 'ada@acme.test' }] })).body;
    const group = (await mine('POST', '/Groups', { displayName: 'Acme only', members: [{ value: user.id }] })).body;
    expect(group.members).toHaveLength(1);

    const rivalOrg = await insertOrg(t, 'rival');
    const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
    const rivalKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: rivalOrg, label: 'rival', scopes: [], createdBy: null, audit })).secret;
    expect((await admin('POST', base(), { label: 'steal' }, rivalKey)).statusCode).toBe(403);
    const rivalToken = (await admin('POST', `/admin/tokenward/v1/orgs/${rivalOrg}/scim-tokens`, { label: 'rival idp' }, rivalKey)).json().token;
    secrets.push(rivalToken);
    const rival = scimClient(t, rivalToken);

    const users = (await rival('GET', '/Users?count=1000')).body;
    expect(users.totalResults).toBe(0);
    expect((await rival('GET', `/Users?filter=${encodeURIComponent('userName eq "ada@acme.test"')}`)).body.totalResults).toBe(0);
    expect((await rival('GET', '/Groups')).body.totalResults).toBe(0);
    for (const [method, path, payload] of [
      ['GET', `/Users/${user.id}`, undefined],
      ['PUT', `/Users/${user.id}`, { userName: 'x@rival.test' }],
      ['PATCH', `/Users/${user.id}`, { Operations: [{ op: 'replace', value: { active: false } }] }],
      ['DELETE', `/Users/${user.id}`, undefined],
      ['GET', `/Groups/${group.id}`, undefined],
      ['PUT', `/Groups/${group.id}`, { displayName: 'Taken' }],
      ['PATCH', `/Groups/${group.id}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] }],
      ['DELETE', `/Groups/${group.id}`, undefined],
    ] as const) {
      const response = await rival(method, path, payload);
      expectScimError(response, 404);
      expect(JSON.stringify(response.body)).not.toContain('Acme');
    }
    const rivalGroup = (await rival('POST', '/Groups', { displayName: 'Rival' })).body;
    expectScimError(await rival('PATCH', `/Groups/${rivalGroup.id}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] }), 400, 'invalidValue');
    // Same names in two orgs do not collide.
    expect((await rival('POST', '/Users', { userName: 'ada@acme.test' })).status).toBe(201);

    expect((await mine('GET', `/Users/${user.id}`)).body.active).toBe(true);
    expect((await mine('GET', `/Groups/${group.id}`)).body.members).toHaveLength(1);
  });

  it('keeps SCIM tokens out of the Atlassian inventory: lists and counts do not change', async () => {
    const inventory = async () =>
      Promise.all(
        // The admin key's own last activity moves with these very calls: not what is compared.
        ['/api-keys', '/api-keys/count', '/api-tokens', '/api-tokens/count'].map(async (path) =>
          (await admin('GET', `/admin/api-access/v1/orgs/${t.orgId}${path}`)).body.replace(/"lastActiveAt":("[^"]*"|null)/g, ''),
        ),
      );
    const before = await inventory();
    const { token } = await createScimToken(t, 'inventory check');
    secrets.push(token);
    await scimClient(t, token)('GET', '/Users');
    expect(await inventory()).toEqual(before);
    const kinds = await sql<{ kind: string }>`select distinct kind from tokens`.execute(t.app.core.database.db);
    expect(kinds.rows.map((r) => r.kind)).not.toContain('scim');
  });

  it('never stores or logs a SCIM secret, nor a password a SCIM client sends', async () => {
    const scim = scimClient(t, secrets[0]!);
    await scim('POST', '/Users', { userName: 'pw@acme.test', password: 'Hunter2-Sekrit!', emails: [{ value: 'pw@acme.test' }] });
    await scim('PUT', `/Users/${(await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "pw@acme.test"')}`)).body.Resources[0].id}`, {
      userName: 'pw@acme.test',
      password: 'Hunter2-Sekrit!',
    });
    // A bad request and a refused token get logged too.
    await t.app.http.inject({ url: '/scim/v2/Users?filter=%28', headers: bearer(secrets[0]!) });
    await t.app.http.inject({ url: '/scim/v2/Users', headers: bearer(secrets[1]!) });
    const stored = await databaseText(t);
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) {
      expect(stored).not.toContain(secret.slice(4));
      expect(logs).not.toContain(secret.slice(4));
    }
    expect(stored).not.toContain('Hunter2-Sekrit!');
    expect(logs).not.toContain('Hunter2-Sekrit!');
  });
});

describe.each(DIALECTS)('SCIM rate limiting on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { config: { rateLimitMax: 3 } });
  });
  afterAll(async () => t.close());

  it('answers past the limit with a SCIM 429', async () => {
    // Token creation is one admin request; the SCIM token is a caller of its own.
    const scim = scimClient(t, (await createScimToken(t)).token);
    for (let i = 0; i < 3; i += 1) expect((await scim('GET', '/Users')).status).toBe(200);
    const limited = await scim('GET', '/Users');
    expectScimError(limited, 429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
