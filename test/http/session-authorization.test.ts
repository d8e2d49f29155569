/**
 * Acceptance, the authorization suite for signed-in people: every admin route and every
 * `/api/v1` route, walked with sessions of each role. A member's session reaches no admin route;
 * an approver's reaches the approval queue only, as a key with the approver's scopes; an auditor's
 * reads everything and changes nothing, exactly as a key holding every `read:*` scope; another
 * org's admin reaches nothing of this org; a member sees and changes only their own data, even
 * when naming another member's token in a member route. An admin's session reaches what the
 * bootstrap key reaches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminScopesOfRole } from '../../src/domain/roles.js';
import { ADMIN_SCOPES } from '../../src/domain/scopes.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { insertOrg } from '../support/http.js';
import { adminOperations, concretePath, isReadOperation, memberOperations, refusesEveryApiKey, type Operation } from '../support/routes.js';
import { createStores } from '../../src/store/stores.js';
import { seedToken, seedUser } from '../support/seed.js';
import { sessionFor, sessionHeaders, type TestSession } from '../support/sessions.js';

describe('the role -> admin scope mapping', () => {
  it('gives owners and admins every scope, auditors every read scope only, approvers the approval queue, members none', () => {
    expect(adminScopesOfRole('owner')).toEqual(ADMIN_SCOPES);
    expect(adminScopesOfRole('admin')).toEqual(ADMIN_SCOPES);
    expect(adminScopesOfRole('auditor')).toEqual(ADMIN_SCOPES.filter((s) => s.startsWith('read:')));
    expect(adminScopesOfRole('auditor').length).toBeGreaterThan(3);
    // Approvers read and decide token requests, and nothing else.
    expect(adminScopesOfRole('approver').length).toBeGreaterThan(0);
    for (const scope of adminScopesOfRole('approver')) expect(scope).toMatch(/:token-requests:admin$/);
    expect(adminScopesOfRole('member')).toEqual([]);
  });
});

describe.each(DIALECTS)('session authorization on %s', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let auditor: TestSession;
  let member: TestSession;
  let approver: TestSession;
  let victim: TestSession;
  let rivalAdmin: TestSession;
  let readOnlyKey: string;
  let approverKey: string;
  let adminOps: Operation[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    adminOps = adminOperations(t.app);
    admin = await sessionFor(t.app, await seedUser(t.app, t.orgId, { role: 'admin' }));
    auditor = await sessionFor(t.app, await seedUser(t.app, t.orgId, { role: 'auditor' }));
    member = await sessionFor(t.app, await seedUser(t.app, t.orgId, { role: 'member', email: 'mia@acme.test' }));
    approver = await sessionFor(t.app, await seedUser(t.app, t.orgId, { role: 'approver' }));
    victim = await sessionFor(t.app, await seedUser(t.app, t.orgId, { role: 'member', email: 'victor.victim@acme.test', name: 'Victor Victim' }));
    const rivalOrg = await insertOrg(t, 'rival');
    rivalAdmin = await sessionFor(t.app, await seedUser(t.app, rivalOrg, { role: 'owner' }));
    const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
    readOnlyKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'read-only', scopes: adminScopesOfRole('auditor'), createdBy: null, audit })).secret;
    approverKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'approver', scopes: adminScopesOfRole('approver'), createdBy: null, audit })).secret;
  });
  afterAll(async () => t.close());

  /** Calls with the victim's id in every id slot, so a wrongly allowed call would touch real data. */
  const call = (operation: Operation, headers: Record<string, string>, other = victim.user.id) =>
    t.app.http.inject({
      method: operation.method,
      url: concretePath(operation.path, t.orgId, other),
      headers: operation.hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
      payload: operation.hasBody ? '{}' : undefined,
    });

  it('walks every admin route and finds the sign-in ones', () => {
    expect(adminOps.length).toBeGreaterThan(30);
    expect(adminOps.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['PUT /admin/tokenward/v1/orgs/{orgId}/sso', 'POST /admin/tokenward/v1/orgs/{orgId}/users/{userId}/invite']));
  });

  it("refuses a member's session on every admin route with 403", async () => {
    for (const operation of adminOps) {
      const response = await call(operation, sessionHeaders(member));
      const label = `${operation.method} ${operation.path}`;
      expect(response.statusCode, label).toBe(403);
      expect(response.json().errors[0].title, label).toBe('FORBIDDEN');
      expect(response.body, label).not.toContain(victim.user.email);
    }
  });

  it("lets an approver's session reach exactly what a key with the approver's scopes reaches: the approval queue", async () => {
    for (const operation of adminOps) {
      const bySession = await call(operation, sessionHeaders(approver), 'unknown_id');
      const byKey = await call(operation, bearer(approverKey), 'unknown_id');
      const label = `${operation.method} ${operation.path}: session ${bySession.statusCode}, key ${byKey.statusCode}`;
      const sessionRefused = bySession.statusCode === 401 || bySession.statusCode === 403;
      expect(sessionRefused, label).toBe(byKey.statusCode === 401 || byKey.statusCode === 403);
      // Besides the queue (Tokenward's and the GitHub connectors'): the org's own list, and the names of the people and tokens it shows.
      if (!sessionRefused) expect(operation.path.includes('token-requests') || /\/connectors\/([^/]+\/)?requests/.test(operation.path) || operation.path.startsWith('/admin/v1/orgs') || operation.path.endsWith('/names'), label).toBe(true);
      else expect(bySession.json().errors[0].title, label).toBe('FORBIDDEN');
    }
  });

  it("lets an auditor's session read exactly what a read-only key reads, and refuses every change", async () => {
    for (const operation of adminOps) {
      const bySession = await call(operation, sessionHeaders(auditor), 'unknown_id');
      const byKey = await call(operation, bearer(readOnlyKey), 'unknown_id');
      const label = `${operation.method} ${operation.path}: session ${bySession.statusCode}, key ${byKey.statusCode}`;
      const sessionRefused = bySession.statusCode === 401 || bySession.statusCode === 403;
      const keyRefused = byKey.statusCode === 401 || byKey.statusCode === 403;
      expect(sessionRefused, label).toBe(keyRefused);
      if (isReadOperation(operation) && !refusesEveryApiKey(operation)) expect(sessionRefused, label).toBe(false);
      if (!isReadOperation(operation)) expect(bySession.statusCode, label).toBe(403);
    }
    // Every mutation again with the victim's real id: still refused, and the victim untouched.
    for (const operation of adminOps.filter((o) => !isReadOperation(o))) {
      expect((await call(operation, sessionHeaders(auditor))).statusCode, `${operation.method} ${operation.path}`).toBe(403);
    }
    expect(await t.app.core.services.sessions.authenticate(victim.secret)).not.toBeNull();
  });

  it("never gives another org's admin session anything of this org", async () => {
    for (const operation of adminOps) {
      const response = await call(operation, sessionHeaders(rivalAdmin));
      const label = `${operation.method} ${operation.path} -> ${response.statusCode}`;
      if (operation.hasOrgParam) expect(response.statusCode, label).toBe(403);
      else if (!operation.path.startsWith('/admin/v1/orgs')) expect([403, 404], label).toContain(response.statusCode);
      expect(response.body, label).not.toContain(t.orgId);
      expect(response.body, label).not.toContain(victim.user.id);
    }
  });

  it("gives an admin's session what the bootstrap key gets, and needs the CSRF token for changes", async () => {
    for (const operation of adminOps) {
      const response = await call(operation, sessionHeaders(admin), 'unknown_id');
      const label = `${operation.method} ${operation.path} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
      if (refusesEveryApiKey(operation)) expect(response.statusCode, label).toBe(403);
      else expect([401, 403], label).not.toContain(response.statusCode);
      if (operation.method !== 'GET') {
        const noCsrf = await call(operation, sessionHeaders(admin, false), 'unknown_id');
        expect(noCsrf.statusCode, label).toBe(403);
        expect(noCsrf.json().errors[0].title, label).toBe('CSRF_FAILED');
      }
    }
  });

  it('refuses the member routes without a session, to API keys, and changes without CSRF', async () => {
    const operations = memberOperations(t.app);
    const sessionOps = operations.filter((o) => o.isSessionOnly);
    expect(sessionOps.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['GET /api/v1/auth/session', 'GET /api/v1/me', 'POST /api/v1/auth/logout']));
    expect(operations.filter((o) => o.isPublic).length).toBeGreaterThanOrEqual(7);
    for (const operation of sessionOps) {
      for (const headers of [{}, bearer(t.adminKey), { cookie: 'tw_session=not-a-session' }] as Array<Record<string, string>>) {
        const response = await call(operation, headers);
        expect(response.statusCode, `${operation.method} ${operation.path}`).toBe(401);
      }
      if (operation.method !== 'GET') expect((await call(operation, sessionHeaders(member, false))).statusCode).toBe(403);
    }
  });

  it("never lets a member read or change another member's data through the member routes", async () => {
    const victimToken = await seedToken(t.app, t.orgId, { type: 'user', id: victim.user.id }, { label: 'victim token' });
    // Every session route but logout, with the victim's token id in every id slot.
    const operations = memberOperations(t.app).filter((o) => o.isSessionOnly && !o.path.endsWith('/logout'));
    expect(operations.filter((o) => o.path.includes('{')).length, 'member routes naming an id').toBeGreaterThan(0);
    for (const operation of operations) {
      const response = await call(operation, sessionHeaders(member), victimToken.token.id);
      const label = `${operation.method} ${operation.path} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
      if (operation.path.includes('{')) expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
      for (const secretOfVictim of [victim.user.id, victim.user.email, victimToken.token.id, 'victim token']) expect(response.body, label).not.toContain(secretOfVictim);
    }
    const after = await createStores(t.app.core.database.db).tokens.findById(t.orgId, victimToken.token.id);
    expect(after?.status).toBe('active');
    expect(after?.revokedAt).toBeNull();
  });

  it("shows a member their own data only, whatever they ask for", async () => {
    for (const url of ['/api/v1/me', `/api/v1/me?userId=${victim.user.id}`, '/api/v1/auth/session']) {
      const response = await t.app.http.inject({ method: 'GET', url, headers: sessionHeaders(member) });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain(member.user.id);
      expect(response.body, url).not.toContain(victim.user.id);
      expect(response.body, url).not.toContain(victim.user.email);
    }
    const rival = await t.app.http.inject({ method: 'GET', url: '/api/v1/me', headers: sessionHeaders(rivalAdmin) });
    expect(rival.json().orgId).not.toBe(t.orgId);
    expect(rival.body).not.toContain(t.orgId);
  });
});
