/**
 * What a token is for, and one token at a time, over HTTP on both dialects: a policy requiring a
 * purpose; the purpose travelling from a request onto the approved token; an admin suspending and
 * resuming one token (a deactivation and reactivation of its owner do not lift the suspension);
 * an expiry extended within the policy only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, auditActions, defaultPolicyId, memberApi, policyBody, verifySecret } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)('purpose and per-token controls on %s', (dialect) => {
  let t: TestApp;
  let nowMs = Date.parse('2026-07-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
  });
  afterAll(async () => t.close());

  it('a policy asks for a purpose; it travels from the request onto the approved token', async () => {
    const admin = adminApi(t);
    const defaultId = await defaultPolicyId(t);
    const rule = { tokenCreation: 'approval' as const, creationByClass: { read: 'allowed' as const }, maxLifetimeDays: 90, purposeMinLength: 12 };
    expect((await admin('PUT', `/policies/${defaultId}`, policyBody('Default', rule))).statusCode).toBe(200);
    const member = await seedUser(t.app, t.orgId);
    const me = await memberApi(t, member);

    const missing = await me('POST', '/tokens', { label: 'r', scopes: ['read:jira-work'] });
    expectErrorBody(missing.json(), 400, 'PURPOSE_REQUIRED');
    expect(missing.json().errors[0].detail).toBe('The policy "Default" requires a purpose of at least 12 characters: say what the token is for.');
    expectErrorBody((await me('POST', '/tokens', { label: 'r', scopes: ['read:jira-work'], purpose: 'dashboards' })).json(), 400, 'PURPOSE_REQUIRED');
    expectErrorBody((await me('POST', '/tokens', { label: 'r', scopes: ['read:jira-work'], purpose: 'weekly dashboards', tags: ['Not A Tag!'] })).json(), 400, 'VALIDATION_FAILED');
    const created = await me('POST', '/tokens', { label: 'r', scopes: ['read:jira-work'], purpose: '  weekly dashboards ', tags: ['reports', 'Team:Platform'] });
    expect(created.statusCode, created.body).toBe(201);
    expect((await admin('GET', `/tokens/${created.json().id}/controls`)).json()).toMatchObject({ purpose: 'weekly dashboards', tags: ['reports', 'team:platform'], suspension: null });

    expectErrorBody((await me('POST', '/token-requests', { label: 'w', scopes: ['write:jira-work'] })).json(), 400, 'PURPOSE_REQUIRED');
    const filed = await me('POST', '/token-requests', { label: 'w', scopes: ['write:jira-work'], purpose: 'CI updates tickets', tags: ['ci'] });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ purpose: 'CI updates tickets', tags: ['ci'] });
    const approved = await admin('POST', `/token-requests/${filed.json().id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await admin('GET', `/tokens/${approved.json().tokenId}/controls`)).json()).toMatchObject({ purpose: 'CI updates tickets', tags: ['ci'] });

    // Central issuance is held to it too; the purpose can be given later, within the policy.
    expectErrorBody((await admin('POST', '/tokens', { owner: { type: 'user', id: member.id }, label: 'x', scopes: ['read:jira-work'] })).json(), 400, 'PURPOSE_REQUIRED');
    expectErrorBody((await admin('PUT', `/tokens/${created.json().id}/purpose`, { purpose: 'short' })).json(), 400, 'PURPOSE_REQUIRED');
    expect((await admin('PUT', `/tokens/${created.json().id}/purpose`, { purpose: 'the weekly board report', tags: [] })).json()).toMatchObject({ purpose: 'the weekly board report', tags: [] });
    expect(await auditActions(t)).toContain('token.purpose_changed');
    const csv = (await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/export.csv`, headers: { authorization: `Bearer ${t.adminKey}` } })).body;
    expect(csv.split('\n')[0]).toMatch(/,purpose,tags,sourceType$/);
    expect(csv).toContain('the weekly board report');
    expect(csv).toContain('CI updates tickets,ci');
    expect((await admin('PUT', `/policies/${defaultId}`, policyBody('Default', { ...rule, purposeMinLength: 0 }))).statusCode).toBe(200);
  });

  it('suspends and resumes one token with a reason; the owner\'s reactivation does not lift it', async () => {
    const admin = adminApi(t);
    const owner = await seedUser(t.app, t.orgId);
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { expiresAt: new Date(nowMs + 10 * DAY_MS) });
    const id = issued.token.id;
    expect(await verifySecret(t, issued.secret, null)).toMatchObject({ allowed: true });

    expectErrorBody((await admin('POST', `/tokens/${id}/suspend`, { reason: ' ' })).json(), 400, 'VALIDATION_FAILED');
    const suspended = await admin('POST', `/tokens/${id}/suspend`, { reason: 'odd calls at night' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', suspension: { reason: 'odd calls at night' } });
    expect(await verifySecret(t, issued.secret, null)).toMatchObject({ allowed: false, code: 'SUSPENDED' });
    expectErrorBody((await admin('POST', `/tokens/${id}/suspend`, { reason: 'again' })).json(), 409, 'CONFLICT');

    expect((await admin('POST', `/users/${owner.id}/deactivate`)).statusCode).toBe(200);
    expect((await admin('POST', `/users/${owner.id}/reactivate`)).statusCode).toBe(200);
    expect(await verifySecret(t, issued.secret, null)).toMatchObject({ allowed: false, code: 'SUSPENDED' });

    const resumed = await admin('POST', `/tokens/${id}/resume`, { reason: 'explained: a batch job' });
    expect(resumed.json()).toMatchObject({ status: 'active', suspension: null });
    expect(await verifySecret(t, issued.secret, null)).toMatchObject({ allowed: true });
    expectErrorBody((await admin('POST', `/tokens/${id}/resume`, { reason: 'again' })).json(), 409, 'CONFLICT');
    const actions = await auditActions(t);
    for (const action of ['token.suspended', 'token.resumed']) expect(actions).toContain(action);
  });

  it('extends an expiry within the owner\'s policy only', async () => {
    const admin = adminApi(t);
    const bot = await seedServiceAccount(t.app, t.orgId);
    const issued = await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id }, { expiresAt: new Date(nowMs + 10 * DAY_MS) });
    const id = issued.token.id;
    const tooLong = await admin('POST', `/tokens/${id}/extend`, { expiresInDays: 91 });
    expectErrorBody(tooLong.json(), 403, 'LIFETIME_TOO_LONG');
    expect(tooLong.json().errors[0].detail).toContain('caps token lifetimes at 90 days');
    expectErrorBody((await admin('POST', `/tokens/${id}/extend`, { expiresInDays: 5 })).json(), 400, 'VALIDATION_FAILED');
    const extended = await admin('POST', `/tokens/${id}/extend`, { expiresInDays: 60 });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().expiresAt).toBe(new Date(nowMs + 60 * DAY_MS).toISOString());
    nowMs += 61 * DAY_MS;
    expectErrorBody((await admin('POST', `/tokens/${id}/extend`, { expiresInDays: 30 })).json(), 409, 'CONFLICT');
    expect(await auditActions(t)).toContain('token.extended');
  });
});
