/**
 * More than one organization per server: the instance administrator creates a second org over
 * HTTP, which gets its own first admin key and owner link; the authorization suite then walks every
 * org admin route with each org's key against the other org's ids and paths (refused, nothing read,
 * nothing changed), and every instance route with every credential that is not an instance key;
 * disabling an org stops its keys, sessions and tokens with ORG_DISABLED and enabling restores them.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminOperations, concretePath, instanceOperations, needsNoScope, type Operation } from '../support/routes.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';
import { sessionFor, sessionHeaders, tokenOfLink, type TestSession } from '../support/sessions.js';

const INSTANCE = '/admin/tokenward/v1/instance';

interface OrgSide {
  orgId: string;
  adminKey: string;
  /** Ids of things of this org, put in every id slot of a route when the other org's key calls it. */
  ids: string[];
  userToken: string;
  owner: TestSession;
  member: TestSession;
}

describe.each(DIALECTS)('organizations of one instance on %s', (dialect) => {
  let t: TestApp;
  let instanceKey: string;
  let a: OrgSide;
  let b: OrgSide;
  let ownerLinkB: string;
  let verifierKeyB: string;

  const inject = (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    t.app.http.inject({
      method: method as 'GET',
      url,
      headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });

  /** Everything of an org a route could read or change, as rows: compared before and after a walk. */
  async function stateOf(orgId: string): Promise<string> {
    const db = t.app.core.database.db;
    const tables = ['users', 'service_accounts', 'tokens', 'groups', 'policies', 'token_requests', 'webhook_endpoints', 'scim_tokens', 'connectors', 'sso_configs'] as const;
    const parts: unknown[] = [];
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where org_id = ${orgId}`.execute(db);
      // The calling key's own last use (time, address) moves on with each call: that is the caller's, not the other org's data.
      const kept = rows.rows.map((row) => JSON.stringify(row, (k, v: unknown) => (k.startsWith('last_active_') ? undefined : typeof v === 'bigint' ? v.toString() : v)));
      parts.push(kept.sort());
    }
    parts.push(await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).executeTakeFirst());
    parts.push(await db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirst());
    return JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }

  /** The org's people, service accounts, tokens and policies with their status (use times move on). */
  async function keptOf(orgId: string): Promise<unknown[]> {
    const db = t.app.core.database.db;
    return [
      await db.selectFrom('users').select(['id', 'status', 'role']).where('org_id', '=', orgId).orderBy('id').execute(),
      await db.selectFrom('service_accounts').select(['id', 'status']).where('org_id', '=', orgId).orderBy('id').execute(),
      await db.selectFrom('tokens').select(['id', 'status', 'revoked_at']).where('org_id', '=', orgId).orderBy('id').execute(),
      await db.selectFrom('policies').select(['id', 'name']).where('org_id', '=', orgId).orderBy('id').execute(),
    ];
  }

  async function sideOf(orgId: string, adminKey: string, ownerId: string): Promise<OrgSide> {
    const user = await seedUser(t.app, orgId, { role: 'member', email: `member-${orgId.slice(0, 8)}@example.test` });
    const bot = await seedServiceAccount(t.app, orgId);
    const token = await seedToken(t.app, orgId, { type: 'user', id: user.id });
    const owner = await createStores(t.app.core.database.db).users.findById(orgId, ownerId);
    const policies = await inject('GET', `/admin/tokenward/v1/orgs/${orgId}/policies`, bearer(adminKey));
    expect(policies.statusCode).toBe(200);
    const policyIds = (policies.json() as { data: Array<{ id: string }> }).data.map((p) => p.id);
    return {
      orgId,
      adminKey,
      ids: [user.id, bot.id, token.token.id, ...policyIds.slice(0, 1)],
      userToken: token.secret,
      owner: await sessionFor(t.app, owner!),
      member: await sessionFor(t.app, user),
    };
  }

  beforeAll(async () => {
    t = await startTestApp(dialect, { config: { rateLimitMax: 1_000_000 } });
    expect(t.app.instanceKey, 'the first start issues the instance key').not.toBeNull();
    instanceKey = t.app.instanceKey!.secret;
    expect(instanceKey).toMatch(/^twi_/);

    const created = await inject('POST', `${INSTANCE}/orgs`, bearer(instanceKey), { name: 'globex', ownerEmail: 'owner@globex.test', ownerName: 'Grace Globex' });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as { data: { id: string; status: string }; owner: { id: string }; adminKey: { secret: string }; ownerSetupLink: { url: string } };
    expect(body.data.status).toBe('active');
    expect(body.adminKey.secret).toMatch(/^twa_/);
    ownerLinkB = body.ownerSetupLink.url;

    const firstOwner = (await t.app.core.database.db.selectFrom('users').select('id').where('org_id', '=', t.orgId).where('role', '=', 'owner').executeTakeFirstOrThrow()).id;
    a = await sideOf(t.orgId, t.adminKey, firstOwner);
    b = await sideOf(body.data.id, body.adminKey.secret, body.owner.id);
    const issued = await inject('POST', `/admin/api-access/v1/orgs/${b.orgId}/api-keys`, bearer(b.adminKey), { label: 'verifier', scopes: ['verify:tokens'] });
    expect(issued.statusCode, issued.body).toBe(200);
    verifierKeyB = (issued.json() as { token: string }).token;
  });
  afterAll(async () => t.close());

  it("gives the new org its own admin key and owner link; /admin/v1/orgs lists only the caller's org", async () => {
    for (const [side, other] of [[a, b], [b, a]] as const) {
      const listed = await inject('GET', '/admin/v1/orgs', bearer(side.adminKey));
      expect(listed.statusCode).toBe(200);
      expect((listed.json() as { data: Array<{ id: string }> }).data.map((o) => o.id)).toEqual([side.orgId]);
      expect(listed.body).not.toContain(other.orgId);
    }
    const all = await inject('GET', `${INSTANCE}/orgs`, bearer(instanceKey));
    expect((all.json() as { data: Array<{ id: string }> }).data.map((o) => o.id)).toEqual([a.orgId, b.orgId]);
    // The owner link signs the new org's owner in, to the new org.
    const setup = await inject('POST', '/api/v1/auth/owner-setup', {}, { token: tokenOfLink(ownerLinkB), password: 'a long enough password 1' });
    expect(setup.statusCode, setup.body).toBe(200);
    expect(setup.body).toContain(b.orgId);
    // Setting the password ended the owner's other sessions: the suite goes on with a fresh one.
    b.owner = await sessionFor(t.app, b.owner.user);
  });

  /** Each org's key on every org admin route, naming the other org and each of its ids. */
  async function walkCrossOrg(operations: Operation[], caller: OrgSide, target: OrgSide): Promise<number> {
    let calls = 0;
    for (const operation of operations) {
      for (const other of target.ids) {
        const response = await inject(operation.method, concretePath(operation.path, target.orgId, other), bearer(caller.adminKey), operation.hasBody ? {} : undefined);
        calls += 1;
        const label = `${operation.method} ${operation.path} with ${other} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
        if (operation.hasOrgParam) {
          expect(response.statusCode, label).toBe(403);
          expectErrorBody(response.json(), 403, 'FORBIDDEN');
        } else if (!needsNoScope(operation)) {
          // Routes whose path names no org act on the caller's own org: the other org's ids are not found there.
          expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
        }
        expect(response.body, label).not.toContain(target.orgId);
        for (const id of target.ids) expect(response.body, label).not.toContain(id);
      }
    }
    return calls;
  }

  it("refuses every org admin route to the other org's key, in both directions, and changes nothing", async () => {
    const operations = adminOperations(t.app);
    expect(operations.length).toBeGreaterThan(30);
    const before = [await stateOf(a.orgId), await stateOf(b.orgId)];
    const calls = (await walkCrossOrg(operations, a, b)) + (await walkCrossOrg(operations, b, a));
    expect(calls).toBeGreaterThan(operations.length * 4);
    const after = [await stateOf(a.orgId), await stateOf(b.orgId)];
    expect(after).toEqual(before);
  });

  it("refuses another org's admin session on every route of this org", async () => {
    for (const operation of adminOperations(t.app).filter((o) => o.hasOrgParam)) {
      const response = await inject(operation.method, concretePath(operation.path, a.orgId, a.ids[0]), sessionHeaders(b.owner), operation.hasBody ? {} : undefined);
      expect(response.statusCode, `${operation.method} ${operation.path}`).toBe(403);
      expect(response.body).not.toContain(a.ids[0]);
    }
  });

  it('opens the instance routes to the instance key only: org keys, tokens and sessions are refused and change nothing', async () => {
    const operations = instanceOperations(t.app);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([`GET ${INSTANCE}/orgs`, `POST ${INSTANCE}/orgs`, `POST ${INSTANCE}/orgs/{orgId}/disable`, `POST ${INSTANCE}/orgs/{orgId}/enable`, `GET ${INSTANCE}/audit`, `GET ${INSTANCE}/keys`, `POST ${INSTANCE}/keys`, `POST ${INSTANCE}/keys/{keyId}/revoke`]),
    );
    const before = [await stateOf(a.orgId), await stateOf(b.orgId), await inject('GET', `${INSTANCE}/orgs`, bearer(instanceKey)).then((r) => r.body)];
    const forbidden: Array<[string, Record<string, string>]> = [
      ["org A's admin key (every scope)", bearer(a.adminKey)],
      ["org B's admin key (every scope)", bearer(b.adminKey)],
      ["a member's API token", bearer(a.userToken)],
      ["org A owner's session", sessionHeaders(a.owner)],
      ["org B owner's session", sessionHeaders(b.owner)],
      ["a member's session", sessionHeaders(a.member)],
    ];
    const unauthenticated: Array<[string, Record<string, string>]> = [
      ['no credential', {}],
      ['a malformed instance key', { authorization: 'Bearer twi_garbage' }],
      ['basic auth', { authorization: 'Basic dXNlcjpwYXNz' }],
    ];
    for (const operation of operations) {
      const path = concretePath(operation.path, b.orgId);
      const payload = operation.method === 'POST' && operation.hasBody ? { name: 'intruder', ownerEmail: 'x@intruder.test' } : undefined;
      for (const [who, headers] of forbidden) {
        const response = await inject(operation.method, path, headers, payload);
        expect(response.statusCode, `${who}: ${operation.method} ${operation.path} -> ${response.body}`).toBe(403);
        expectErrorBody(response.json(), 403, 'FORBIDDEN');
      }
      for (const [who, headers] of unauthenticated) {
        const response = await inject(operation.method, path, headers, payload);
        expect(response.statusCode, `${who}: ${operation.method} ${operation.path}`).toBe(401);
        expectErrorBody(response.json(), 401, 'UNAUTHENTICATED');
      }
    }
    expect([await stateOf(a.orgId), await stateOf(b.orgId), await inject('GET', `${INSTANCE}/orgs`, bearer(instanceKey)).then((r) => r.body)]).toEqual(before);
  });

  it("opens no org route to the instance key: it reads no org's data", async () => {
    for (const operation of adminOperations(t.app)) {
      const response = await inject(operation.method, concretePath(operation.path, b.orgId, b.ids[0]), bearer(instanceKey), operation.hasBody ? {} : undefined);
      const label = `${operation.method} ${operation.path} -> ${response.statusCode}`;
      expect(response.statusCode, label).toBe(401);
      expect(response.body, label).not.toContain(b.ids[0]);
    }
  });

  it('answers bad input on every instance route with a 4xx in the error body, never a 5xx', async () => {
    const operations = instanceOperations(t.app);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.oneof(fc.json(), fc.string(), fc.constantFrom('{"name":"a\\u0000b","ownerEmail":"x@y.test"}', '{"name":"","ownerEmail":"x@y.test"}', '{"name":"   ","ownerEmail":"x@y.test"}', 'null', '[')),
        fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('', '\u0000', '%00', 'Infinity', '-1')),
        async (operation, payload, value) => {
          const url = `${concretePath(operation.path, encodeURIComponent(value) || 'x')}?limit=${encodeURIComponent(value)}&before=${encodeURIComponent(value)}`;
          const response = await t.app.http.inject({ method: operation.method, url, headers: { ...bearer(instanceKey), 'content-type': 'application/json' }, payload: operation.method === 'GET' ? undefined : payload });
          const label = `${operation.method} ${url} ${payload} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
          expect(response.statusCode, label).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.json(), label).toMatchObject({ errors: [{ status: String(response.statusCode), title: expect.any(String) }] });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a duplicate name, a bad e-mail and an unknown org in words', async () => {
    const duplicate = await inject('POST', `${INSTANCE}/orgs`, bearer(instanceKey), { name: 'globex', ownerEmail: 'other@globex.test' });
    expect(duplicate.statusCode).toBe(409);
    expectErrorBody(duplicate.json(), 409, 'CONFLICT');
    const badEmail = await inject('POST', `${INSTANCE}/orgs`, bearer(instanceKey), { name: 'initech', ownerEmail: 'not an e-mail' });
    expect(badEmail.statusCode).toBe(400);
    const unknown = await inject('POST', `${INSTANCE}/orgs/00000000-0000-4000-8000-000000000000/disable`, bearer(instanceKey));
    expect(unknown.statusCode).toBe(404);
    expectErrorBody(unknown.json(), 404, 'ORG_NOT_FOUND');
  });

  it("disabling an org stops its keys, sessions and tokens with ORG_DISABLED, keeps its data, and enabling restores them", async () => {
    const verify = () => inject('POST', '/api/v1/verify', bearer(verifierKeyB), { token: b.userToken });
    const scim = await inject('POST', `/admin/tokenward/v1/orgs/${b.orgId}/scim-tokens`, bearer(b.adminKey), { label: 'Okta' });
    expect(scim.statusCode, scim.body).toBe(201);
    const scimUsers = () => inject('GET', '/scim/v2/Users', bearer((scim.json() as { token: string }).token));
    expect((await scimUsers()).statusCode).toBe(200);
    const viaService = async () => (await t.app.core.services.verification.verify({ orgId: b.orgId, keyId: 'in-process' }, { token: b.userToken })).code;
    // Cached as valid first, so the disable must drop the cached answer.
    expect((await verify()).json()).toMatchObject({ valid: true, code: 'VALID' });
    expect(await viaService()).toBe('VALID');
    const dataBefore = await keptOf(b.orgId);

    const disabled = await inject('POST', `${INSTANCE}/orgs/${b.orgId}/disable`, bearer(instanceKey));
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ data: { id: b.orgId, status: 'disabled', disabledAt: expect.any(String) } });

    const refusals = [
      await inject('GET', '/admin/v1/orgs', bearer(b.adminKey)),
      await inject('GET', `/admin/tokenward/v1/orgs/${b.orgId}/policies`, bearer(b.adminKey)),
      await inject('GET', `/admin/tokenward/v1/orgs/${b.orgId}/policies`, sessionHeaders(b.owner)),
      await inject('GET', '/api/v1/me/tokens', sessionHeaders(b.member)),
      await verify(),
      await inject('POST', '/api/v1/auth/login', {}, { email: 'owner@globex.test', password: 'a long enough password 1' }),
    ];
    for (const response of refusals) {
      expect(response.statusCode, response.body).toBe(403);
      expectErrorBody(response.json(), 403, 'ORG_DISABLED');
    }
    expect(await viaService()).toBe('ORG_DISABLED');
    // The identity provider's provisioning pauses, answered in SCIM's own error body.
    const scimRefused = await scimUsers();
    expect(scimRefused.statusCode).toBe(403);
    expect(scimRefused.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403' });
    // The other org works on.
    expect((await inject('GET', '/admin/v1/orgs', bearer(a.adminKey))).statusCode).toBe(200);
    expect((await inject('GET', `/admin/tokenward/v1/orgs/${a.orgId}/policies`, sessionHeaders(a.owner))).statusCode).toBe(200);
    // Its data is kept, only its state changed.
    expect(await keptOf(b.orgId)).toEqual(dataBefore);
    const again = await inject('POST', `${INSTANCE}/orgs/${b.orgId}/disable`, bearer(instanceKey));
    expect(again.json()).toMatchObject({ data: { status: 'disabled' } });

    const enabled = await inject('POST', `${INSTANCE}/orgs/${b.orgId}/enable`, bearer(instanceKey));
    expect(enabled.json()).toMatchObject({ data: { status: 'active', disabledAt: null } });
    expect((await inject('GET', '/admin/v1/orgs', bearer(b.adminKey))).statusCode).toBe(200);
    expect((await inject('GET', `/admin/tokenward/v1/orgs/${b.orgId}/policies`, sessionHeaders(b.owner))).statusCode).toBe(200);
    expect((await inject('GET', '/api/v1/me/tokens', sessionHeaders(b.member))).statusCode).toBe(200);
    expect((await verify()).json()).toMatchObject({ valid: true, code: 'VALID' });
    expect(await viaService()).toBe('VALID');
    expect((await scimUsers()).statusCode).toBe(200);
    expect((await inject('POST', '/api/v1/auth/login', {}, { email: 'owner@globex.test', password: 'a long enough password 1' })).statusCode).toBe(200);
  });

  it("audits in the org's chain and the instance chain, and both chains verify", async () => {
    const orgChain = await t.app.core.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('org_id', '=', b.orgId)
      .where('action', 'in', ['org.created', 'org.disabled', 'org.enabled'])
      .orderBy('seq')
      .execute();
    expect(orgChain.map((e) => e.action)).toEqual(['org.created', 'org.disabled', 'org.enabled']);
    expect(new Set(orgChain.map((e) => e.actor_type))).toEqual(new Set(['instance_key']));
    const instanceAudit = await inject('GET', `${INSTANCE}/audit`, bearer(instanceKey));
    expect(instanceAudit.statusCode).toBe(200);
    const actions = (instanceAudit.json() as { data: Array<{ action: string; targetId: string | null }> }).data.map((e) => `${e.action} ${e.targetId ?? ''}`.trim());
    expect(actions.slice(0, 3)).toEqual([`instance.org_enabled ${b.orgId}`, `instance.org_disabled ${b.orgId}`, `instance.org_created ${b.orgId}`]);
    expect(actions.at(-1)).toMatch(/^instance_key\.created ik_/);
    expect(instanceAudit.body).not.toContain(instanceKey);
    expect((await t.app.core.services.auditChain.verifyChain()).ok).toBe(true);
  });
  it('issues a further instance key, and revokes keys at once, its own included, audited in the instance chain', async () => {
    const issued = await inject('POST', `${INSTANCE}/keys`, bearer(instanceKey), { label: 'second administrator' });
    expect(issued.statusCode, issued.body).toBe(201);
    const second = issued.json() as { data: { id: string; status: string; createdBy: string | null; displayPrefix: string }; secret: string };
    expect(second.secret).toMatch(/^twi_/);
    expect(second.data).toMatchObject({ status: 'active', createdBy: expect.stringMatching(/^ik_/) });
    expect(second.secret.startsWith(second.data.displayPrefix)).toBe(true);
    expect((await inject('GET', `${INSTANCE}/orgs`, bearer(second.secret))).statusCode).toBe(200);

    const listed = await inject('GET', `${INSTANCE}/keys`, bearer(second.secret));
    const keys = (listed.json() as { data: Array<{ id: string; status: string }> }).data;
    expect(keys.map((k) => k.id)).toContain(second.data.id);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(listed.body).not.toContain(second.secret);

    // A third key revokes the second; then the third revokes itself.
    const third = (await inject('POST', `${INSTANCE}/keys`, bearer(second.secret), { label: 'replacement' })).json() as { data: { id: string }; secret: string };
    const revoked = await inject('POST', `${INSTANCE}/keys/${second.data.id}/revoke`, bearer(third.secret));
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ data: { id: second.data.id, status: 'revoked', revokedAt: expect.any(String) } });
    const refused = await inject('GET', `${INSTANCE}/orgs`, bearer(second.secret));
    expect(refused.statusCode).toBe(401);
    expectErrorBody(refused.json(), 401, 'UNAUTHENTICATED');
    const again = await inject('POST', `${INSTANCE}/keys/${second.data.id}/revoke`, bearer(third.secret));
    expect(again.json()).toMatchObject({ data: { status: 'revoked' } });
    expect((await inject('POST', `${INSTANCE}/keys/${third.data.id}/revoke`, bearer(third.secret))).statusCode).toBe(200);
    expect((await inject('GET', `${INSTANCE}/keys`, bearer(third.secret))).statusCode).toBe(401);

    const unknown = await inject('POST', `${INSTANCE}/keys/ik_nope/revoke`, bearer(instanceKey));
    expect(unknown.statusCode).toBe(404);
    expectErrorBody(unknown.json(), 404, 'NOT_FOUND');
    const unlabelled = await inject('POST', `${INSTANCE}/keys`, bearer(instanceKey), { label: '   ' });
    expect(unlabelled.statusCode).toBe(400);

    const audit = (await inject('GET', `${INSTANCE}/audit`, bearer(instanceKey))).json() as { data: Array<{ action: string; targetId: string | null; actorId: string | null }> };
    expect(audit.data.slice(0, 4).map((e) => `${e.action} ${e.targetId}`)).toEqual([
      `instance_key.revoked ${third.data.id}`,
      `instance_key.revoked ${second.data.id}`,
      `instance_key.created ${third.data.id}`,
      `instance_key.created ${second.data.id}`,
    ]);
    expect(audit.data[1]!.actorId).toBe(third.data.id);
    expect((await t.app.core.services.auditChain.verifyChain()).ok).toBe(true);
  });
  it('revokes a leaked instance key reported by value, audited in the instance chain, and answers as for any value', async () => {
    const leaked = (await inject('POST', `${INSTANCE}/keys`, bearer(instanceKey), { label: 'pasted in a ticket' })).json() as { data: { id: string }; secret: string };
    expect((await inject('GET', `${INSTANCE}/orgs`, bearer(leaked.secret))).statusCode).toBe(200);
    const reported = await inject('POST', '/api/v1/tokens/revoke-by-value', {}, { tokens: [leaked.secret, 'twi_not-a-key'] });
    expect(reported.statusCode, reported.body).toBe(202);
    expect(reported.body).not.toContain(leaked.data.id);
    expect((await inject('GET', `${INSTANCE}/orgs`, bearer(leaked.secret))).statusCode).toBe(401);
    const keys = (await inject('GET', `${INSTANCE}/keys`, bearer(instanceKey))).json() as { data: Array<{ id: string; status: string }> };
    expect(keys.data.find((k) => k.id === leaked.data.id)?.status).toBe('revoked');
    const audit = (await inject('GET', `${INSTANCE}/audit`, bearer(instanceKey))).json() as { data: Array<{ action: string; targetId: string | null; actorId: string | null }> };
    expect(audit.data[0]).toMatchObject({ action: 'instance_key.leaked', targetId: leaked.data.id, actorId: 'revoke-by-value' });
    // Reported again: still revoked once, audited once.
    await inject('POST', '/api/v1/tokens/revoke-by-value', {}, { tokens: [leaked.secret] });
    const again = (await inject('GET', `${INSTANCE}/audit`, bearer(instanceKey))).json() as { data: Array<{ action: string }> };
    expect(again.data.filter((e) => e.action === 'instance_key.leaked')).toHaveLength(1);
    expect((await t.app.core.services.auditChain.verifyChain()).ok).toBe(true);
  });
});
