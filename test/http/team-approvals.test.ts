/**
 * The scenario admins asked for, on a fresh install's default policy, over HTTP on both dialects:
 * a member creates a read-only token on their own; asks for write and gets a pending request that
 * their group's approver (and not another group's) sees with the requester's context and approves
 * narrowed; an admin scope is refused naming the policy and the class. Then the fallback to the
 * org's approvers, bulk decisions with one reason, and a requester cancelling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, auditActions, createGroup, memberApi, policyBody, verifySecret } from '../support/policies.js';
import { seedToken, seedUser } from '../support/seed.js';
import { createStores } from '../../src/store/stores.js';

describe.each(DIALECTS)('read on one\'s own, write through the team\'s approver, on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('runs the scenario under the default policy of a fresh install', async () => {
    const admin = adminApi(t);
    const alice = await seedUser(t.app, t.orgId, { name: 'Alice Member' });
    const leadA = await seedUser(t.app, t.orgId, { name: 'Lead Platform' });
    const leadB = await seedUser(t.app, t.orgId, { name: 'Lead Data' });
    const platform = await createGroup(t, 'Platform', [alice.id, leadA.id]);
    const data = await createGroup(t, 'Data', [leadB.id]);
    expect((await admin('PUT', `/groups/${platform}/approvers`, { userIds: [leadA.id] })).json().data).toEqual({ groupId: platform, approverIds: [leadA.id] });
    expect((await admin('PUT', `/groups/${data}/approvers`, { userIds: [leadB.id] })).statusCode).toBe(200);
    expectErrorBody((await admin('PUT', `/groups/${data}/approvers`, { userIds: ['usr_nobody'] })).json(), 400, 'VALIDATION_FAILED');
    const me = await memberApi(t, alice);
    const asLeadA = await memberApi(t, leadA);
    const asLeadB = await memberApi(t, leadB);

    // Read: on her own.
    const read = await me('POST', '/tokens', { label: 'dashboards', scopes: ['read:jira-work'] });
    expect(read.statusCode, read.body).toBe(201);
    expect(Date.parse(read.json().expiresAt) - Date.parse(read.json().createdAt)).toBe(90 * DAY_MS);
    expectErrorBody((await me('POST', '/tokens', { label: 'long', scopes: ['read:jira-work'], expiresInDays: 91 })).json(), 403, 'LIFETIME_TOO_LONG');

    // Write: the policy explains, per scope, why it takes an approval.
    const explained = (await me('GET', '/effective-policy?scopes=read:jira-work,write:jira-work')).json().data;
    expect(explained).toMatchObject({ creation: 'approval', policy: { name: 'Default authentication policy', isDefault: true } });
    expect(explained.decision).toMatchObject({
      creation: 'approval',
      decidingClasses: ['write'],
      scopes: [
        { scope: 'read:jira-work', class: 'read', creation: 'allowed', allowedByPolicy: true },
        { scope: 'write:jira-work', class: 'write', creation: 'approval', allowedByPolicy: true },
      ],
    });
    expect(explained.decision.reason).toContain('"Default authentication policy" puts through approval tokens with write scopes (write:jira-work)');
    const direct = await me('POST', '/tokens', { label: 'ci', scopes: ['read:jira-work', 'write:jira-work'] });
    expectErrorBody(direct.json(), 403, 'APPROVAL_REQUIRED');
    expect(direct.json().errors[0].detail).toMatch(/write scopes \(write:jira-work\).*File a request/);

    const filing = await me('POST', '/token-requests', { label: 'ci', scopes: ['read:jira-work', 'write:jira-work', 'write:confluence-content'], lifetimeDays: 60, justification: 'CI updates tickets' });
    expect(filing.statusCode, filing.body).toBe(201);
    const requestId = filing.json().id as string;

    // Another group's approver neither sees nor decides it.
    expect((await asLeadB('GET', '/approvals')).json().data).toEqual([]);
    expectErrorBody((await asLeadB('GET', `/approvals/${requestId}`)).json(), 404, 'TOKEN_REQUEST_NOT_FOUND');
    expectErrorBody((await asLeadB('POST', `/approvals/${requestId}/approve`, {})).json(), 404, 'TOKEN_REQUEST_NOT_FOUND');

    // Her group's approver sees it, with her context.
    expect((await asLeadA('GET', '/approvals')).json().data.map((r: { id: string }) => r.id)).toEqual([requestId]);
    const detail = await asLeadA('GET', `/approvals/${requestId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const { context } = detail.json().data;
    expect(context).toMatchObject({
      requester: { id: alice.id, name: 'Alice Member' },
      groups: [{ id: platform, name: 'Platform', approverIds: [leadA.id] }],
      route: { to: 'group', approverIds: [leadA.id] },
      policy: { name: 'Default authentication policy', creationByClass: { read: 'allowed', write: 'approval', delete: 'approval', admin: 'blocked' }, maxLifetimeDays: 90 },
      decision: { creation: 'approval' },
    });
    expect(context.scopes).toEqual([
      expect.objectContaining({ scope: 'read:jira-work', class: 'read', description: expect.stringContaining('Read Jira') }),
      expect.objectContaining({ scope: 'write:jira-work', class: 'write', description: expect.stringContaining('Create and edit issues') }),
      expect.objectContaining({ scope: 'write:confluence-content', class: 'write' }),
    ]);
    expect(context.existingTokens.map((tok: { id: string }) => tok.id)).toEqual([read.json().id]);
    // The admin queue shows the same context.
    expect((await admin('GET', `/token-requests/${requestId}`)).json().data.context.route).toEqual({ to: 'group', approverIds: [leadA.id] });

    const approved = await asLeadA('POST', `/approvals/${requestId}/approve`, { scopes: ['read:jira-work', 'write:jira-work'], lifetimeDays: 30, reason: 'Jira only' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: leadA.id, grantedScopes: ['read:jira-work', 'write:jira-work'], grantedLifetimeDays: 30 });
    const retrieved = (await me('POST', `/token-requests/${requestId}/retrieve`)).json();
    expect(await verifySecret(t, retrieved.token, null, ['write:jira-work'])).toMatchObject({ allowed: true });
    expect(await verifySecret(t, retrieved.token, null, ['write:confluence-content'])).toMatchObject({ allowed: false, code: 'INSUFFICIENT_SCOPE' });

    // Admin: refused, naming the policy and the class, both on her own and through a request.
    for (const [path, body] of [
      ['/tokens', { label: 'admin', scopes: ['read:jira-work', 'manage:jira-project'] }],
      ['/token-requests', { label: 'admin', scopes: ['manage:jira-project'], justification: 'please' }],
    ] as const) {
      const refused = await me('POST', path, body);
      expectErrorBody(refused.json(), 403, 'TOKEN_CREATION_BLOCKED');
      expect(refused.json().errors[0].detail).toContain('The policy "Default authentication policy" blocks members from creating tokens with admin scopes (manage:jira-project).');
    }
    const actions = await auditActions(t);
    for (const action of ['group.approvers_changed', 'approval.requested', 'approval.decided']) expect(actions).toContain(action);
  });

  it('falls back to the org approvers, decides in bulk with one reason, and lets a requester cancel', async () => {
    const loner = await seedUser(t.app, t.orgId);
    const orgApprover = await seedUser(t.app, t.orgId, { role: 'approver' });
    const lead = await seedUser(t.app, t.orgId);
    const teamMember = await seedUser(t.app, t.orgId);
    const team = await createGroup(t, 'Support', [teamMember.id]);
    expect((await adminApi(t)('PUT', `/groups/${team}/approvers`, { userIds: [lead.id] })).statusCode).toBe(200);
    const asLoner = await memberApi(t, loner);
    const asMember = await memberApi(t, teamMember);
    const asOrgApprover = await memberApi(t, orgApprover);
    const asLead = await memberApi(t, lead);
    const file = async (who: typeof asLoner, label: string) => {
      const response = await who('POST', '/token-requests', { label, scopes: ['write:jira-work'] });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };

    const unrouted = await file(asLoner, 'no team');
    const first = await file(asMember, 'one');
    const second = await file(asMember, 'two');
    const orgQueue = (await asOrgApprover('GET', '/approvals')).json().data.map((r: { id: string }) => r.id);
    expect(orgQueue).toContain(unrouted);
    expect(orgQueue).not.toContain(first);
    expect((await asLead('GET', '/approvals')).json().data.map((r: { id: string }) => r.id)).toEqual([first, second]);
    expect((await asOrgApprover('GET', `/approvals/${unrouted}`)).json().data.context.route).toEqual({ to: 'org' });

    const bulk = await asLead('POST', '/approvals/decide', { requestIds: [first, second, unrouted], decision: 'deny', reason: 'use the shared bot' });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json().data).toEqual([
      { id: first, status: 'denied' },
      { id: second, status: 'denied' },
      { id: unrouted, status: 'failed', code: 'TOKEN_REQUEST_NOT_FOUND', detail: expect.any(String) },
    ]);
    const mine = (await asMember('GET', '/token-requests')).json().data;
    expect(mine.map((r: { status: string; decisionReason: string }) => [r.status, r.decisionReason])).toEqual([
      ['denied', 'use the shared bot'],
      ['denied', 'use the shared bot'],
    ]);
    expectErrorBody((await asLead('POST', '/approvals/decide', { requestIds: [first], decision: 'deny', reason: ' ' })).json(), 400, 'VALIDATION_FAILED');

    const adminBulk = await adminApi(t)('POST', '/token-requests/decide', { requestIds: [unrouted], decision: 'approve', reason: 'fine' });
    expect(adminBulk.json().data).toEqual([{ id: unrouted, status: 'approved' }]);

    const third = await file(asMember, 'three');
    expectErrorBody((await asLoner('POST', `/token-requests/${third}/cancel`)).json(), 404, 'TOKEN_REQUEST_NOT_FOUND');
    const cancelled = await asMember('POST', `/token-requests/${third}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expectErrorBody((await asMember('POST', `/token-requests/${third}/cancel`)).json(), 409, 'CONFLICT');
    expect((await asLead('GET', '/approvals')).json().data).toEqual([]);
    expectErrorBody((await asLead('POST', `/approvals/${third}/approve`, {})).json(), 409, 'CONFLICT');
    expect(await auditActions(t)).toContain('approval.cancelled');
  });

  it('previews and applies a change of modes per class: modes alone break no existing token; scopes clamp as before', async () => {
    const admin = adminApi(t);
    const member = await seedUser(t.app, t.orgId);
    const group = await createGroup(t, 'Contractors', [member.id]);
    const rule = { tokenCreation: 'approval' as const, creationByClass: { read: 'allowed' as const }, maxLifetimeDays: 90, allowedScopes: ['class:read', 'class:write', 'class:admin'] };
    const created = await admin('POST', '/policies', policyBody('Contractors', rule, { priority: 5, groupIds: [group] }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().data.attributes.rule.creationByClass).toEqual({ read: 'allowed', write: 'approval', delete: 'approval', admin: 'approval' });
    const policyId = created.json().data.id as string;
    const wide = await seedToken(t.app, t.orgId, { type: 'user', id: member.id }, { scopes: ['read:jira-work', 'manage:jira-project'], expiresAt: new Date(Date.now() + 30 * DAY_MS) });

    const modesOnly = policyBody('Contractors', { ...rule, creationByClass: { read: 'allowed', write: 'blocked', admin: 'blocked' } }, { priority: 5, groupIds: [group], existingTokens: 'clamp' });
    const preview = await admin('POST', `/policies/${policyId}/preview`, modesOnly);
    expect(preview.json().data).toMatchObject({ affected: 0 });
    expect((await admin('PUT', `/policies/${policyId}`, modesOnly)).json().meta.existingTokens).toMatchObject({ affected: 0, clamped: 0 });
    const me = await memberApi(t, member);
    expectErrorBody((await me('POST', '/tokens', { label: 'w', scopes: ['write:jira-work'] })).json(), 403, 'TOKEN_CREATION_BLOCKED');
    expect((await admin('GET', `/users/${member.id}/effective-policy?scopes=read:jira-work`)).json().data.decision).toMatchObject({ creation: 'direct', scopes: [{ class: 'read', creation: 'allowed' }] });

    const narrowed = policyBody('Contractors', { ...rule, allowedScopes: ['class:read'], creationByClass: { read: 'allowed', admin: 'blocked' } }, { priority: 5, groupIds: [group], existingTokens: 'clamp' });
    expect((await admin('POST', `/policies/${policyId}/preview`, narrowed)).json().data).toMatchObject({ affected: 1, tokens: [{ id: wide.token.id, disallowedScopes: ['manage:jira-project'] }] });
    expect((await admin('PUT', `/policies/${policyId}`, narrowed)).json().meta.existingTokens).toMatchObject({ affected: 1, clamped: 1 });
    expect((await createStores(t.app.core.database.db).tokens.findById(t.orgId, wide.token.id))?.scopes).toEqual(['read:jira-work']);
  });
});
