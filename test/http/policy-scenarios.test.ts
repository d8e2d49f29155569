/**
 * Acceptance: the admins' seed cases (shared/seeds), over HTTP on both dialects: admins
 * with the admin API, members signed in on `/api/v1/me/...`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/time.js';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, auditActions, createGroup, defaultPolicyId, memberApi, policyBody, verifySecret, type RuleFields } from '../support/policies.js';
import { seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)('policy scenarios on %s', (dialect) => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;
  let defaultId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    api = adminApi(t);
    defaultId = await defaultPolicyId(t);
  });
  afterAll(async () => t.close());

  const setDefault = async (rule: RuleFields) => {
    const response = await api('PUT', `/policies/${defaultId}`, policyBody('Default', rule));
    expect(response.statusCode, response.body).toBe(200);
  };
  const issue = (ownerId: string, fields: { scopes: string[]; expiresInDays?: number; delivery?: 'link' }) =>
    api('POST', '/tokens', { owner: { type: 'user', id: ownerId }, label: 'issued by admin', ...fields });

  it('(a) members blocked from creating tokens; an admin issues one for a member, who uses it', async () => {
    await setDefault({ tokenCreation: 'blocked', maxLifetimeDays: 365 });
    const member = await seedUser(t.app, t.orgId);
    const me = await memberApi(t, member);
    const blocked = await me('POST', '/tokens', { label: 'mine', scopes: ['read:jira-work'] });
    expect(blocked.statusCode).toBe(403);
    expectErrorBody(blocked.json(), 403, 'TOKEN_CREATION_BLOCKED');
    expect(blocked.json().errors[0].detail).toMatch(/"Default".*administrator can issue one/);
    expectErrorBody((await me('POST', '/token-requests', { label: 'please', scopes: ['read:jira-work'] })).json(), 403, 'TOKEN_CREATION_BLOCKED');
    expect((await me('GET', '/effective-policy')).json().data).toMatchObject({ creation: 'blocked', policy: { name: 'Default', isDefault: true } });

    const issued = await issue(member.id, { scopes: ['read:jira-work', 'write:jira-work'], expiresInDays: 30 });
    expect(issued.statusCode, issued.body).toBe(201);
    const body = issued.json();
    expect(body).toMatchObject({ kind: 'user', owner: { type: 'user', id: member.id }, scopes: ['read:jira-work', 'write:jira-work'], status: 'active' });
    expect(body.token).toMatch(/^twu_/);
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(30 * DAY_MS);
    expect(await verifySecret(t, body.token, '10.0.0.1', ['write:jira-work'])).toMatchObject({ allowed: true });
    const listed = await me('GET', '/tokens');
    expect(listed.json().data.map((tok: { id: string }) => tok.id)).toEqual([body.id]);
    expect(listed.body).not.toContain(body.token);

    // Delivered through a one-time link instead: the admin never sees the secret.
    const linked = await issue(member.id, { scopes: ['read:jira-work'], delivery: 'link' });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().token).toBeUndefined();
    const link = linked.json().delivery.link as string;
    const stranger = await memberApi(t, await seedUser(t.app, t.orgId));
    expectErrorBody((await stranger('POST', '/token-deliveries/redeem', { link })).json(), 410, 'DELIVERY_GONE');
    const redeemed = await me('POST', '/token-deliveries/redeem', { link });
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json().id).toBe(linked.json().id);
    expect(await verifySecret(t, redeemed.json().token, null, ['read:jira-work'])).toMatchObject({ allowed: true });
    expectErrorBody((await me('POST', '/token-deliveries/redeem', { link })).json(), 410, 'DELIVERY_GONE');
  });

  it('(b) creation through approval only, an approver narrowing scopes and lifetime', async () => {
    await setDefault({ tokenCreation: 'approval', maxLifetimeDays: 180, requireJustification: true });
    const member = await seedUser(t.app, t.orgId);
    const me = await memberApi(t, member);
    const approver = await seedUser(t.app, t.orgId, { role: 'approver' });
    const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
    const approverKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'approver', scopes: ['read:token-requests:admin', 'approve:token-requests:admin'], createdBy: approver.id, audit })).secret;
    const membersOwnKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'member key', scopes: ['approve:token-requests:admin'], createdBy: member.id, audit })).secret;

    expectErrorBody((await me('POST', '/tokens', { label: 'x', scopes: ['read:jira-work'] })).json(), 403, 'APPROVAL_REQUIRED');
    expectErrorBody((await me('POST', '/token-requests', { label: 'ci', scopes: ['read:jira-work'] })).json(), 400, 'JUSTIFICATION_REQUIRED');
    const filing = await me('POST', '/token-requests', { label: 'Jenkins', scopes: ['read:jira-work', 'write:jira-work'], lifetimeDays: 90, justification: 'CI updates tickets' });
    expect(filing.statusCode, filing.body).toBe(201);
    const filed = filing.json();
    expect(filed).toMatchObject({ status: 'pending', lifetimeDays: 90, requesterId: member.id });

    const queue = await adminApi(t, approverKey)('GET', '/token-requests');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().data.map((r: { id: string }) => r.id)).toContain(filed.id);

    const selfApproval = await adminApi(t, membersOwnKey)('POST', `/token-requests/${filed.id}/approve`, {});
    expect(selfApproval.statusCode).toBe(403);
    expectErrorBody(selfApproval.json(), 403, 'SELF_APPROVAL_FORBIDDEN');
    // A key made with a key of the member's still acts for the member.
    const membersFullKey = (await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'member all', scopes: [], createdBy: member.id, audit })).secret;
    const childKey = await t.app.http.inject({
      method: 'POST',
      url: `/admin/api-access/v1/orgs/${t.orgId}/api-keys`,
      headers: { authorization: `Bearer ${membersFullKey}` },
      payload: { label: 'child', scopes: ['approve:token-requests:admin'] },
    });
    expect(childKey.statusCode).toBe(200);
    expectErrorBody((await adminApi(t, childKey.json().token)('POST', `/token-requests/${filed.id}/deny`, { reason: 'mine' })).json(), 403, 'SELF_APPROVAL_FORBIDDEN');
    const widened = await adminApi(t, approverKey)('POST', `/token-requests/${filed.id}/approve`, { scopes: ['read:jira-work', 'delete:issue:jira'] });
    expectErrorBody(widened.json(), 400, 'VALIDATION_FAILED');

    const approved = await adminApi(t, approverKey)('POST', `/token-requests/${filed.id}/approve`, { scopes: ['read:jira-work'], lifetimeDays: 30, reason: 'read is enough' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', grantedScopes: ['read:jira-work'], grantedLifetimeDays: 30, decidedBy: approver.id });
    expectErrorBody((await adminApi(t, approverKey)('POST', `/token-requests/${filed.id}/deny`, { reason: 'too late' })).json(), 409, 'CONFLICT');
    expect((await me('GET', '/token-requests')).json().data[0]).toMatchObject({ id: filed.id, status: 'approved', decisionReason: 'read is enough' });

    const retrieved = await me('POST', `/token-requests/${filed.id}/retrieve`);
    expect(retrieved.statusCode, retrieved.body).toBe(200);
    expect(retrieved.json()).toMatchObject({ id: approved.json().tokenId, scopes: ['read:jira-work'] });
    expect(Date.parse(retrieved.json().expiresAt) - Date.parse(retrieved.json().createdAt)).toBe(30 * DAY_MS);
    expect(await verifySecret(t, retrieved.json().token, null, ['read:jira-work'])).toMatchObject({ allowed: true });
    expectErrorBody((await me('POST', `/token-requests/${filed.id}/retrieve`)).json(), 410, 'DELIVERY_GONE');

    const actions = await auditActions(t);
    for (const action of ['approval.requested', 'approval.decided', 'token.created', 'token.delivered']) expect(actions).toContain(action);
    // the outbox events, committed with the changes.
    const events = createStores(t.app.core.database.db).events;
    expect((await events.listOfType(t.orgId, 'approval.requested', 50)).map((e) => e.payload)).toContainEqual(expect.objectContaining({ approvalId: filed.id, requesterId: member.id }));
    expect((await events.listOfType(t.orgId, 'approval.decided', 50)).map((e) => e.payload)).toContainEqual({ approvalId: filed.id, decision: 'approved', deciderId: approver.id });
  });

  it('(c) most users read-only, a power-user group allowed write, delete refused with a clear error', async () => {
    await setDefault({ tokenCreation: 'allowed', maxLifetimeDays: 365, allowedScopes: ['class:read'] });
    const member = await seedUser(t.app, t.orgId);
    const power = await seedUser(t.app, t.orgId);
    const asMember = await memberApi(t, member);
    const asPower = await memberApi(t, power);
    const group = await createGroup(t, 'Power users', [power.id]);
    const created = await api('POST', '/policies', policyBody('Power users may write', { tokenCreation: 'allowed', maxLifetimeDays: 365, allowedScopes: ['class:read', 'class:write'] }, { priority: 10, groupIds: [group] }));
    expect(created.statusCode, created.body).toBe(201);

    expectErrorBody((await asMember('POST', '/tokens', { label: 'w', scopes: ['write:jira-work'] })).json(), 403, 'SCOPE_NOT_ALLOWED');
    expect((await asMember('POST', '/tokens', { label: 'r', scopes: ['read:jira-work'] })).json().scopes).toEqual(['read:jira-work']);
    expect((await asPower('POST', '/tokens', { label: 'w', scopes: ['write:jira-work'] })).json().scopes).toEqual(['write:jira-work']);
    const deleteRefused = await asPower('POST', '/tokens', { label: 'd', scopes: ['delete:issue:jira'] });
    expect(deleteRefused.statusCode).toBe(403);
    expectErrorBody(deleteRefused.json(), 403, 'SCOPE_NOT_ALLOWED');
    expect(deleteRefused.json().errors[0].detail).toBe(
      'The policy "Power users may write" does not allow the scopes delete:issue:jira. Ask an administrator to change the policy or to assign you to another one.',
    );
    // An admin cannot exceed the member's policy either.
    expectErrorBody((await issue(member.id, { scopes: ['write:jira-work'] })).json(), 403, 'SCOPE_NOT_ALLOWED');

    const effective = await api('GET', `/users/${power.id}/effective-policy`);
    expect(effective.statusCode).toBe(200);
    expect(effective.json().data).toMatchObject({
      policy: { id: created.json().data.id, name: 'Power users may write', priority: 10 },
      via: [{ type: 'group', id: group, name: 'Power users' }],
      applied: [{ name: 'Power users may write' }, { isDefault: true }],
      reason: expect.stringContaining('Power users'),
    });
    expect(effective.json().data.allowedScopeNames).toContain('write:jira-work');
    expect((await asPower('GET', '/effective-policy')).json().data).toMatchObject({ creation: 'direct', policy: { name: 'Power users may write' } });
    expect((await api('GET', `/users/${member.id}/effective-policy`)).json().data.policy.isDefault).toBe(true);
  });

  it('(d) lifetime capped at 90 days: a 365-day request is refused, never clamped', async () => {
    await setDefault({ tokenCreation: 'allowed', maxLifetimeDays: 90, defaultLifetimeDays: 30 });
    const member = await seedUser(t.app, t.orgId);
    const me = await memberApi(t, member);
    const long = await me('POST', '/tokens', { label: 'long', scopes: ['read:jira-work'], expiresInDays: 365 });
    expectErrorBody(long.json(), 403, 'LIFETIME_TOO_LONG');
    expect(long.json().errors[0].detail).toBe('The policy "Default" caps token lifetimes at 90 days; 365 were asked for.');
    const byDefault = (await me('POST', '/tokens', { label: 'default', scopes: ['read:jira-work'] })).json();
    expect(Date.parse(byDefault.expiresAt) - Date.parse(byDefault.createdAt)).toBe(30 * DAY_MS);
    const refused = await issue(member.id, { scopes: ['read:jira-work'], expiresInDays: 365 });
    expect(refused.statusCode).toBe(403);
    expectErrorBody(refused.json(), 403, 'LIFETIME_TOO_LONG');
    expect((await issue(member.id, { scopes: ['read:jira-work'], expiresInDays: 90 })).statusCode).toBe(201);
  });

  it('(e) a policy tightened: the preview lists the affected tokens, then clamp is applied', async () => {
    await setDefault({ tokenCreation: 'allowed', maxLifetimeDays: 365 });
    const member = await seedUser(t.app, t.orgId);
    const group = await createGroup(t, 'Contractors', [member.id]);
    const policy = await api('POST', '/policies', policyBody('Contractors', { tokenCreation: 'allowed', maxLifetimeDays: 365 }, { priority: 5, groupIds: [group] }));
    const policyId = policy.json().data.id as string;
    const wide = await seedToken(t.app, t.orgId, { type: 'user', id: member.id }, { label: 'wide', scopes: ['read:jira-work', 'write:jira-work'], expiresAt: new Date(Date.now() + 300 * DAY_MS) });
    const fine = await seedToken(t.app, t.orgId, { type: 'user', id: member.id }, { label: 'fine', scopes: ['read:jira-work'], expiresAt: new Date(Date.now() + 10 * DAY_MS) });

    const tightened = policyBody('Contractors', { tokenCreation: 'allowed', maxLifetimeDays: 90, allowedScopes: ['class:read'] }, { priority: 5, groupIds: [group], existingTokens: 'clamp' });
    const preview = await api('POST', `/policies/${policyId}/preview`, tightened);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().data).toMatchObject({ affected: 1, tokens: [{ id: wide.token.id, violations: ['LIFETIME_TOO_LONG', 'SCOPES_NOT_ALLOWED'], disallowedScopes: ['write:jira-work'], policyId }] });
    // A preview changes nothing.
    expect((await api('GET', `/policies/${policyId}`)).json().data.attributes.rule.maxLifetimeDays).toBe(365);

    const applied = await api('PUT', `/policies/${policyId}`, tightened);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().meta.existingTokens).toEqual({ mode: 'clamp', affected: 1, clamped: 1, revoked: 0, left: 0 });
    const mine = (await (await memberApi(t, member))('GET', '/tokens')).json().data as Array<{ id: string; scopes: string[]; expiresAt: string }>;
    const clamped = mine.find((tok) => tok.id === wide.token.id)!;
    expect(clamped.scopes).toEqual(['read:jira-work']);
    expect(Date.parse(clamped.expiresAt)).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);
    expect(mine.find((tok) => tok.id === fine.token.id)!.expiresAt).toBe(fine.token.expiresAt!.toISOString());
    const actions = await auditActions(t);
    expect(actions).toContain('policy.changed');
    expect(actions).toContain('token.clamped');
    expect((await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'policy.changed', 50)).map((e) => e.payload)).toContainEqual(expect.objectContaining({ policyId }));
  });
});
