/**
 * Central issuance, single revoke, rotation with a grace period (admin keys included,
 * through the one rotation-aware lookup), member self-service, and the 7-day retrieval window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/time.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, auditActions, defaultPolicyId, policyBody, verifySecret } from '../support/policies.js';
import { seedServiceAccount, seedUser } from '../support/seed.js';

const HOUR_MS = 3_600_000;

describe.each(DIALECTS)('issuance, revoke and rotation on %s', (dialect) => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;
  let nowMs = Date.parse('2026-05-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
    api = adminApi(t);
  });
  afterAll(async () => t.close());

  it('issues for a service account within the default policy (90 days on a fresh install), and refuses bad owners and links', async () => {
    const bot = await seedServiceAccount(t.app, t.orgId);
    const issued = await api('POST', '/tokens', { owner: { type: 'service-account', id: bot.id }, label: 'deploy', scopes: ['write:jira-work'] });
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({ kind: 'service-account', owner: { type: 'service-account', id: bot.id }, expiresAt: new Date(nowMs + 90 * DAY_MS).toISOString() });
    expect(issued.json().token).toMatch(/^tws_/);
    expectErrorBody((await api('POST', '/tokens', { owner: { type: 'service-account', id: bot.id }, label: 'x', scopes: ['read:jira-work'], delivery: 'link' })).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await api('POST', '/tokens', { owner: { type: 'user', id: 'usr_missing' }, label: 'x', scopes: ['read:jira-work'] })).json(), 404, 'USER_NOT_FOUND');
    expectErrorBody((await api('POST', '/tokens', { owner: { type: 'user', id: 'usr_x' }, label: 'x', scopes: ['read:jira-work'], expiresInDays: 366 })).json(), 400, 'VALIDATION_FAILED');
    const user = await seedUser(t.app, t.orgId);
    expectErrorBody((await api('POST', '/tokens', { owner: { type: 'user', id: user.id }, label: 'x', scopes: ['read:unknown-thing'] })).json(), 400, 'VALIDATION_FAILED');
  });

  it('refuses to issue a token whose use the policy blocks', async () => {
    const user = await seedUser(t.app, t.orgId);
    await api('POST', '/policies', policyBody('No API for this one', { tokenCreation: 'blocked', tokenUse: 'blocked', maxLifetimeDays: 30 }, { userIds: [user.id], priority: 50 }));
    const refused = await api('POST', '/tokens', { owner: { type: 'user', id: user.id }, label: 'x', scopes: ['read:jira-work'] });
    expectErrorBody(refused.json(), 403, 'USE_BLOCKED_BY_POLICY');
  });

  it('revokes one token with a reason, once', async () => {
    const user = await seedUser(t.app, t.orgId);
    const issued = (await api('POST', '/tokens', { owner: { type: 'user', id: user.id }, label: 'x', scopes: ['read:jira-work'] })).json();
    const revoked = await api('DELETE', `/tokens/${issued.id}?reason=${encodeURIComponent('left the team')}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedReason: 'left the team' });
    expect(await verifySecret(t, issued.token, null)).toMatchObject({ allowed: false, code: 'REVOKED' });
    expect((await api('DELETE', `/tokens/${issued.id}`)).json()).toMatchObject({ status: 'revoked', revokedReason: 'left the team' });
    expectErrorBody((await api('DELETE', '/tokens/tok_missing')).json(), 404, 'TOKEN_NOT_FOUND');
    expectErrorBody((await api('POST', `/tokens/${issued.id}/rotate`, {})).json(), 409, 'CONFLICT');
  });

  it('rotates with a grace period during which the old secret still verifies', async () => {
    const user = await seedUser(t.app, t.orgId);
    const issued = (await api('POST', '/tokens', { owner: { type: 'user', id: user.id }, label: 'x', scopes: ['read:jira-work'] })).json();
    const rotated = await api('POST', `/tokens/${issued.id}/rotate`, { gracePeriodHours: 2 });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json()).toMatchObject({ id: issued.id, scopes: ['read:jira-work'] });
    expect(rotated.json().token).not.toBe(issued.token);
    expect(await verifySecret(t, rotated.json().token, null)).toMatchObject({ allowed: true });
    expect(await verifySecret(t, issued.token, null)).toMatchObject({ allowed: true });
    nowMs += 2 * HOUR_MS + 1;
    expect(await verifySecret(t, issued.token, null)).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    expect(await verifySecret(t, rotated.json().token, null)).toMatchObject({ allowed: true });

    // No body: no grace period; the old secret stops at once.
    const again = await t.app.http.inject({ method: 'POST', url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${issued.id}/rotate`, headers: bearer(t.adminKey) });
    expect(again.statusCode).toBe(200);
    expect(await verifySecret(t, rotated.json().token, null)).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    expectErrorBody((await api('POST', `/tokens/${issued.id}/rotate`, { gracePeriodHours: 25 })).json(), 400, 'VALIDATION_FAILED');
    expect(await auditActions(t)).toContain('token.rotated');
  });

  it('rotates an admin key: the old key keeps working on the admin API during the grace period only', async () => {
    const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
    const key = await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'rotating', scopes: [], createdBy: null, audit });
    const rotated = await api('POST', `/tokens/${key.token.id}/rotate`, { gracePeriodHours: 1 });
    expect(rotated.json().token).toMatch(/^twa_/);
    expect((await adminApi(t, key.secret)('GET', '/scopes')).statusCode).toBe(200);
    expect((await adminApi(t, rotated.json().token)('GET', '/scopes')).statusCode).toBe(200);
    nowMs += HOUR_MS + 1;
    expect((await adminApi(t, key.secret)('GET', '/scopes')).statusCode).toBe(401);
    expect((await adminApi(t, rotated.json().token)('GET', '/scopes')).statusCode).toBe(200);
  });

  it('lets a member list, rotate and revoke their own tokens only', async () => {
    const me = t.app.core.services.selfService;
    const member = await seedUser(t.app, t.orgId);
    const other = await seedUser(t.app, t.orgId);
    const mine = await me.createOwnToken(t.orgId, member.id, { label: 'mine', scopes: ['read:jira-work'] }, '10.0.0.1');
    const theirs = await me.createOwnToken(t.orgId, other.id, { label: 'theirs', scopes: ['read:jira-work'] }, null);
    expect((await me.listOwnTokens(t.orgId, member.id, {})).items.map((x) => x.id)).toEqual([mine.token.id]);
    await expect(me.revokeOwnToken(t.orgId, member.id, theirs.token.id, null, null)).rejects.toMatchObject({ code: 'TOKEN_NOT_FOUND' });
    await expect(me.rotateOwnToken(t.orgId, member.id, theirs.token.id, 0, null)).rejects.toMatchObject({ code: 'TOKEN_NOT_FOUND' });
    const rotated = await me.rotateOwnToken(t.orgId, member.id, mine.token.id, 0, null);
    expect(await verifySecret(t, rotated.secret, null)).toMatchObject({ allowed: true });
    expect((await me.revokeOwnToken(t.orgId, member.id, mine.token.id, 'done', null)).status).toBe('revoked');
    const policy = await me.myEffectivePolicy(t.orgId, member.id);
    expect(policy).toMatchObject({ creation: 'direct', effective: { policy: { isDefault: true } } });
  });

  it('lets an approved token be retrieved within 7 days only', async () => {
    const defaultId = await defaultPolicyId(t);
    await api('PUT', `/policies/${defaultId}`, policyBody('Default', { tokenCreation: 'approval', maxLifetimeDays: 365 }));
    const me = t.app.core.services.selfService;
    const member = await seedUser(t.app, t.orgId);
    const late = await me.fileRequest(t.orgId, member.id, { label: 'late', scopes: ['read:jira-work'] }, null);
    const denied = await me.fileRequest(t.orgId, member.id, { label: 'denied', scopes: ['read:jira-work'] }, null);
    expect((await api('POST', `/token-requests/${late.id}/approve`, {})).statusCode).toBe(200);
    expectErrorBody((await api('POST', `/token-requests/${denied.id}/deny`, { reason: '' })).json(), 400, 'VALIDATION_FAILED');
    expect((await api('POST', `/token-requests/${denied.id}/deny`, { reason: 'use the shared bot' })).json()).toMatchObject({ status: 'denied', decisionReason: 'use the shared bot' });
    await expect(me.retrieveApprovedToken(t.orgId, member.id, denied.id, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    nowMs += 7 * DAY_MS;
    await expect(me.retrieveApprovedToken(t.orgId, member.id, late.id, null)).rejects.toMatchObject({ code: 'DELIVERY_GONE' });
    const own = await me.listOwnRequests(t.orgId, member.id, {});
    // Both were filed at the same instant of the fixed clock: their order is a tie, so compare by label.
    expect(Object.fromEntries(own.items.map((r) => [r.label, r.status]))).toEqual({ late: 'approved', denied: 'denied' });
    const approvedQueue = await api('GET', '/token-requests?status=approved');
    expect(approvedQueue.json().data.map((r: { id: string }) => r.id)).toContain(late.id);
    expectErrorBody((await api('POST', '/token-requests/treq_missing/approve', {})).json(), 404, 'TOKEN_REQUEST_NOT_FOUND');
  });
});
