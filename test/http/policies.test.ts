/** The policy and scope-catalogue routes: CRUD, validation, envelope, effective policy, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, auditActions, createGroup, defaultPolicyId, policyBody } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)('policy routes on %s', (dialect) => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    api = adminApi(t);
  });
  afterAll(async () => t.close());

  it('seeds the default catalogue and the default policy, and lets admins add scopes', async () => {
    const scopes = await api('GET', '/scopes');
    expect(scopes.statusCode).toBe(200);
    const byName = new Map((scopes.json().data as Array<{ name: string; class: string; builtin: boolean }>).map((s) => [s.name, s]));
    expect(byName.get('read:jira-work')).toMatchObject({ class: 'read', builtin: true });
    expect(byName.get('write:jira-work')).toMatchObject({ class: 'write' });
    expect(byName.get('manage:jira-project')).toMatchObject({ class: 'admin' });
    expect(byName.get('read:confluence-content.all')).toMatchObject({ class: 'read' });

    const added = await api('POST', '/scopes', { name: 'read:reports', description: 'Reports', class: 'read' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ name: 'read:reports', description: 'Reports', class: 'read', builtin: false });
    expectErrorBody((await api('POST', '/scopes', { name: 'read:reports', class: 'write' })).json(), 409, 'CONFLICT');
    expectErrorBody((await api('POST', '/scopes', { name: 'Not A Scope', class: 'read' })).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await api('POST', '/scopes', { name: 'class:read', class: 'read' })).json(), 400, 'VALIDATION_FAILED');

    const list = await api('GET', '/policies');
    expect(list.json()).toMatchObject({ data: [{ type: 'policy', attributes: { type: 'authentication', isDefault: true, status: 'enabled', rule: { tokenCreation: 'approval', creationByClass: { read: 'allowed', write: 'approval', delete: 'approval', admin: 'blocked' }, maxLifetimeDays: 90 } } }], meta: { page_size: 1 } });
  });

  it('seeds lazily an org made before the catalogue existed', async () => {
    const orgId = newOrgId();
    await createStores(t.app.core.database.db).organizations.insert({ id: orgId, name: 'older', createdAt: new Date() });
    const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
    const key = (await t.app.core.services.tokens.issueAdminKey({ orgId, label: 'k', scopes: [], createdBy: null, audit })).secret;
    const response = await t.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${orgId}/scopes`, headers: bearer(key) });
    expect(response.json().data.length).toBeGreaterThan(10);
    const user = await seedUser(t.app, orgId);
    const effective = await t.app.core.services.policies.effectivePolicyOf(orgId, { type: 'user', id: user.id });
    expect(effective.effective.policy.isDefault).toBe(true);
  });

  it('creates, reads, pages, replaces and deletes a policy, in the envelope, audited', async () => {
    const user = await seedUser(t.app, t.orgId);
    const bot = await seedServiceAccount(t.app, t.orgId);
    const group = await createGroup(t, 'Readers', [user.id]);
    const created = await api(
      'POST',
      '/policies',
      policyBody('Read-only for most', { tokenCreation: 'approval', tokenUse: 'allowed', maxLifetimeDays: 90, allowedScopes: ['class:read'], ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'], idleRevokeAfterDays: 60, requireJustification: true }, { priority: 10, groupIds: [group], serviceAccountIds: [bot.id] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const policy = created.json().data;
    expect(policy.id).toMatch(/^pol_/);
    expect(policy.attributes).toMatchObject({
      type: 'authentication',
      name: 'Read-only for most',
      status: 'enabled',
      priority: 10,
      isDefault: false,
      rule: { tokenCreation: 'approval', maxLifetimeDays: 90, defaultLifetimeDays: 90, allowedScopes: ['class:read'], ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'], idleRevokeAfterDays: 60, requireJustification: true },
      assignees: { groupIds: [group], userIds: [], serviceAccountIds: [bot.id] },
    });
    expect(created.json().meta.existingTokens).toMatchObject({ mode: 'leave', affected: 0 });
    expect((await api('GET', `/policies/${policy.id}`)).json().data).toEqual(policy);

    const effectiveBot = await t.app.core.services.policies.effectivePolicyOf(t.orgId, { type: 'service_account', id: bot.id });
    expect(effectiveBot.effective.policy.id).toBe(policy.id);

    const firstPage = await t.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${t.orgId}/policies?pageSize=1`, headers: bearer(t.adminKey) });
    expect(firstPage.json().data).toHaveLength(1);
    const next = firstPage.json().links.next as string;
    expect(firstPage.json().meta.next).toBe(next);
    const secondPage = await t.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${t.orgId}/policies?pageSize=1&cursor=${encodeURIComponent(next)}`, headers: bearer(t.adminKey) });
    expect(secondPage.json().data[0].id).toBe(policy.id);

    const replaced = await api('PUT', `/policies/${policy.id}`, policyBody('Read-only, disabled', { tokenCreation: 'blocked', maxLifetimeDays: 30 }, { status: 'disabled', userIds: [user.id] }));
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().data.attributes).toMatchObject({ name: 'Read-only, disabled', status: 'disabled', priority: 10, assignees: { groupIds: [], userIds: [user.id] } });
    // Disabled: the user falls back to the default.
    expect((await api('GET', `/users/${user.id}/effective-policy`)).json().data.policy.isDefault).toBe(true);

    const deleted = await api('DELETE', `/policies/${policy.id}`);
    expect(deleted.statusCode).toBe(200);
    expectErrorBody((await api('GET', `/policies/${policy.id}`)).json(), 404, 'POLICY_NOT_FOUND');
    const actions = await auditActions(t);
    for (const action of ['policy.created', 'policy.changed', 'policy.deleted', 'scope.created']) expect(actions).toContain(action);
  });

  it('refuses bad policies with 400 and protects the default policy', async () => {
    const defaultId = await defaultPolicyId(t);
    const bad = [
      policyBody('x', { tokenCreation: 'allowed', maxLifetimeDays: 0 }),
      policyBody('x', { tokenCreation: 'allowed', maxLifetimeDays: 366 }),
      policyBody('x', { tokenCreation: 'allowed', maxLifetimeDays: 30, defaultLifetimeDays: 31 }),
      policyBody('x', { tokenCreation: 'allowed', maxLifetimeDays: 30, allowedScopes: ['read:nothing-like-this'] }),
      policyBody('x', { tokenCreation: 'allowed', maxLifetimeDays: 30, ipAllowlist: ['10.0.0.0/40'] }),
      policyBody('x', { tokenCreation: 'allowed', maxLifetimeDays: 30 }, { userIds: ['usr_nobody'] }),
      policyBody('   ', { tokenCreation: 'allowed', maxLifetimeDays: 30 }),
      { data: { type: 'policy', attributes: { type: 'ip-allowlist', name: 'x', rule: { tokenCreation: 'allowed', maxLifetimeDays: 30 } } } },
    ];
    for (const body of bad) {
      const response = await api('POST', '/policies', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    const user = await seedUser(t.app, t.orgId);
    expectErrorBody((await api('PUT', `/policies/${defaultId}`, policyBody('Default', { tokenCreation: 'allowed', maxLifetimeDays: 30 }, { userIds: [user.id] }))).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await api('PUT', `/policies/${defaultId}`, policyBody('Default', { tokenCreation: 'allowed', maxLifetimeDays: 30 }, { status: 'disabled' }))).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await api('DELETE', `/policies/${defaultId}`)).json(), 409, 'CONFLICT');
    expectErrorBody((await api('PUT', '/policies/pol_missing', policyBody('x', { tokenCreation: 'allowed', maxLifetimeDays: 30 }))).json(), 404, 'POLICY_NOT_FOUND');
    expectErrorBody((await api('GET', '/users/usr_missing/effective-policy')).json(), 404, 'USER_NOT_FOUND');
  });

  it('previews a new policy, then creates it revoking the tokens it breaks', async () => {
    const user = await seedUser(t.app, t.orgId);
    const token = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['write:jira-work'] });
    const body = policyBody('Nothing for this user', { tokenCreation: 'blocked', maxLifetimeDays: 30, allowedScopes: ['class:read'] }, { userIds: [user.id], priority: 3 });
    const preview = await api('POST', '/policies/preview', body);
    expect(preview.json().data).toMatchObject({ affected: 1, tokens: [{ id: token.token.id, violations: ['LIFETIME_TOO_LONG', 'SCOPES_NOT_ALLOWED'] }] });
    const created = await api('POST', '/policies', { ...body, meta: { existingTokens: 'revoke' } });
    expect(created.json().meta.existingTokens).toEqual({ mode: 'revoke', affected: 1, clamped: 0, revoked: 1, left: 0 });
    const stored = await createStores(t.app.core.database.db).tokens.findById(t.orgId, token.token.id);
    expect(stored).toMatchObject({ status: 'revoked', revokedReason: 'policy_change' });
  });
});
