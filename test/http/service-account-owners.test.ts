/**
 * Who answers for a service account, over HTTP on both dialects: an owner (a person or a group) is
 * named; a leak of the account's token is mailed to the group's members (real SMTP on loopback);
 * accounts nobody answers for are listed; deactivating the owning person flags the account for
 * reassignment instead of leaving it silently ownerless.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_OFF } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, auditActions, createGroup } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';
import { startSmtp } from '../support/smtp.js';

describe.each(DIALECTS)('accountable owners of service accounts on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(dialect, { config: { automation: { ...AUTOMATION_OFF } } });
    const smtpSet = await adminApi(t)('PUT', '/notifications/smtp', { host: '127.0.0.1', port: smtp.port, secure: false, username: 'mailer', password: 's3cret-smtp', fromAddress: 'tokenward@acme.test' });
    expect(smtpSet.statusCode, smtpSet.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('names owners, mails them about the account\'s tokens, and flags accounts nobody answers for', async () => {
    const admin = adminApi(t);
    const lead = await seedUser(t.app, t.orgId, { email: 'lead@acme.test' });
    const dev = await seedUser(t.app, t.orgId, { email: 'dev@acme.test' });
    const platform = await createGroup(t, 'Platform', [dev.id]);
    const deployBot = await seedServiceAccount(t.app, t.orgId);
    const reportBot = await seedServiceAccount(t.app, t.orgId);
    const needing = async () => (await admin('GET', '/service-accounts/needing-owner')).json().data as Array<{ id: string; reason: string }>;

    expect((await needing()).map((a) => a.id)).toEqual(expect.arrayContaining([deployBot.id, reportBot.id]));
    expect((await admin('GET', `/service-accounts/${deployBot.id}/owner`)).json()).toEqual({ data: null });
    expectErrorBody((await admin('PUT', `/service-accounts/${deployBot.id}/owner`, { type: 'group', id: 'grp_nope' })).json(), 404, 'GROUP_NOT_FOUND');
    expectErrorBody((await admin('PUT', '/service-accounts/sa_nope/owner', { type: 'user', id: lead.id })).json(), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    expect((await admin('PUT', `/service-accounts/${deployBot.id}/owner`, { type: 'group', id: platform })).json()).toEqual({ data: { owner: { type: 'group', id: platform }, needsReassignment: false } });
    expect((await admin('PUT', `/service-accounts/${reportBot.id}/owner`, { type: 'user', id: lead.id })).statusCode).toBe(200);
    expect((await needing()).map((a) => a.id)).not.toContain(deployBot.id);
    expect((await needing()).map((a) => a.id)).not.toContain(reportBot.id);

    // A leak of the account's token reaches the group answering for it (and the admins).
    const leaked = await seedToken(t.app, t.orgId, { type: 'service_account', id: deployBot.id }, { label: 'deploy' });
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/tokens/revoke-by-value', payload: { tokens: [leaked.secret] } })).statusCode).toBe(202);
    await t.app.worker.runPass();
    const mails = smtp.mails.filter((m) => m.raw.includes('leaked'));
    expect(mails.map((m) => m.to).flat().sort()).toEqual(['dev@acme.test', 'owner@acme.test']);

    // The owning person leaves: the account is flagged, not silently ownerless.
    expect((await admin('POST', `/users/${lead.id}/deactivate`)).statusCode).toBe(200);
    expect((await needing()).find((a) => a.id === reportBot.id)).toMatchObject({ reason: 'owner_deactivated' });
    expect((await admin('GET', `/service-accounts/${reportBot.id}/owner`)).json().data).toMatchObject({ needsReassignment: true });
    expectErrorBody((await admin('PUT', `/service-accounts/${reportBot.id}/owner`, { type: 'user', id: lead.id })).json(), 400, 'VALIDATION_FAILED');
    expect((await admin('PUT', `/service-accounts/${reportBot.id}/owner`, { type: 'user', id: dev.id })).json().data).toEqual({ owner: { type: 'user', id: dev.id }, needsReassignment: false });
    expect((await needing()).map((a) => a.id)).not.toContain(reportBot.id);
    expect(await auditActions(t)).toContain('service_account.owner_changed');
  });
});
