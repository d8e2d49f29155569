/**
 * Token requests reach the right approvers by e-mail, on both dialects, against a real SMTP server
 * on loopback: a request from a team member goes to that team's approvers only (not another
 * team's, not the org's approvers); a request from someone in no team with approvers goes to the
 * org's approvers; a team whose only approver is the requester, or is deactivated, falls back to
 * the org's approvers; reminders follow the same route; the event tells webhooks the route; no
 * message holds a token value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/models.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { movableClock } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, createGroup, memberApi } from '../support/policies.js';
import { seedUser } from '../support/seed.js';
import { startSmtp } from '../support/smtp.js';

const HOUR_MS = 3_600_000;

describe.each(DIALECTS)('approval notifications on %s', (dialect) => {
  const time = movableClock('2026-06-01T08:00:00.000Z');
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const people: Record<string, User> = {};

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(dialect, { clock: time.clock });
    const admin = adminApi(t);
    const smtpSet = await t.app.http.inject({
      method: 'PUT',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/notifications/smtp`,
      headers: bearer(t.adminKey),
      payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: 'mailer', password: 's3cret-smtp', fromAddress: 'tokenward@acme.test' },
    });
    expect(smtpSet.statusCode).toBe(200);
    const person = async (key: string, role: User['role'] = 'member') => (people[key] = await seedUser(t.app, t.orgId, { name: key, email: `${key}@acme.test`, role }));
    for (const key of ['alice', 'bob', 'carol', 'dave', 'leadPlatform', 'leadPlatform2', 'leadData', 'leadGone']) await person(key);
    await person('orgApprover', 'approver');
    await person('orgAdmin', 'admin');
    await person('auditor', 'auditor');
    // Platform: alice and its two leads; Data: bob and its lead; Ops: dave, its lead deactivated; carol in no group.
    const platform = await createGroup(t, 'Platform', [people.alice!.id, people.leadPlatform!.id, people.leadPlatform2!.id]);
    const data = await createGroup(t, 'Data', [people.bob!.id, people.leadData!.id]);
    const ops = await createGroup(t, 'Ops', [people.dave!.id]);
    expect((await admin('PUT', `/groups/${platform}/approvers`, { userIds: [people.leadPlatform!.id, people.leadPlatform2!.id] })).statusCode).toBe(200);
    expect((await admin('PUT', `/groups/${data}/approvers`, { userIds: [people.leadData!.id] })).statusCode).toBe(200);
    expect((await admin('PUT', `/groups/${ops}/approvers`, { userIds: [people.leadGone!.id] })).statusCode).toBe(200);
    expect((await admin('POST', `/users/${people.leadGone!.id}/deactivate`)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** Files a write request as `key` (the default policy puts write scopes through approval). */
  async function fileRequest(key: string): Promise<string> {
    const me = await memberApi(t, people[key]!);
    const filed = await me('POST', '/token-requests', { label: `deploys of ${key}`, scopes: ['read:jira-work', 'write:jira-work'], justification: 'ticket updates from CI' });
    expect(filed.statusCode, filed.body).toBe(201);
    return filed.json().id as string;
  }

  /** The addresses mailed about `requestId` since `from`, sorted. */
  async function mailedAbout(requestId: string, from: number): Promise<string[]> {
    await t.app.worker.runPass();
    const mails = smtp.mails.slice(from).filter((m) => m.raw.includes(requestId));
    for (const mail of mails) {
      expect(mail.raw).not.toMatch(/tw[a-z]?_[A-Za-z0-9_-]{20,}/); // no token value, ever
      expect(mail.raw).not.toContain('s3cret-smtp');
    }
    return mails.flatMap((m) => m.to).sort();
  }

  const emails = (...keys: string[]) => keys.map((k) => `${k}@acme.test`).sort();
  const orgApprovers = () => [...emails('orgApprover', 'orgAdmin'), 'owner@acme.test'].sort();

  it("mails a team member's request to that team's approvers only", async () => {
    const before = smtp.mails.length;
    const id = await fileRequest('alice');
    expect(await mailedAbout(id, before)).toEqual(emails('leadPlatform', 'leadPlatform2'));
    const mail = smtp.mails.slice(before).find((m) => m.raw.includes(id))!;
    const text = mail.raw.replace(/=\r?\n/g, ''); // quoted-printable soft line breaks
    expect(text).toContain('Token request waiting for approval');
    expect(text).toContain('deploys of alice: read:jira-work, write:jira-work for 90 days');

    const bobBefore = smtp.mails.length;
    const bobs = await fileRequest('bob');
    expect(await mailedAbout(bobs, bobBefore)).toEqual(emails('leadData'));

    // Webhooks receive the same route in the event.
    const events = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'approval.requested', 50);
    const payloadOf = (requestId: string) => events.find((e) => (e.payload as { approvalId: string }).approvalId === requestId)!.payload;
    expect(payloadOf(id)).toMatchObject({ requesterId: people.alice!.id, approverIds: [people.leadPlatform!.id, people.leadPlatform2!.id].sort() });
    expect(payloadOf(bobs)).toMatchObject({ approverIds: [people.leadData!.id] });
  });

  it("mails the org's approvers when no team approver can decide: no team, only the requester, or deactivated", async () => {
    const before = smtp.mails.length;
    const carols = await fileRequest('carol');
    expect(await mailedAbout(carols, before)).toEqual(orgApprovers());

    const daveBefore = smtp.mails.length;
    const daves = await fileRequest('dave');
    expect(await mailedAbout(daves, daveBefore)).toEqual(orgApprovers());

    // A lead asking for themselves: the other lead decides; the requester is never mailed about their own request.
    const leadBefore = smtp.mails.length;
    const leads = await fileRequest('leadPlatform');
    expect(await mailedAbout(leads, leadBefore)).toEqual(emails('leadPlatform2'));

    // An org approver asking, with no team: the other org approvers, not themselves.
    const approverBefore = smtp.mails.length;
    const own = await fileRequest('orgApprover');
    expect(await mailedAbout(own, approverBefore)).toEqual([...emails('orgAdmin'), 'owner@acme.test'].sort());
    const events = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'approval.requested', 50);
    expect(events.find((e) => (e.payload as { approvalId: string }).approvalId === carols)!.payload).toMatchObject({ approverIds: [] });
  });

  it('sends reminders along the same route', async () => {
    const id = await fileRequest('bob');
    await t.app.worker.runPass();
    time.advance(49 * HOUR_MS);
    const before = smtp.mails.length;
    const run = await t.app.http.inject({ method: 'POST', url: `/admin/tokenward/v1/orgs/${t.orgId}/jobs/approval-reminders/run`, headers: bearer(t.adminKey) });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().actions).toContainEqual(expect.objectContaining({ type: 'remind_approvers', approvalId: id }));
    await t.app.worker.runPass();
    const reminders = smtp.mails.slice(before).filter((m) => m.raw.includes(id) && m.raw.includes('Reminder'));
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(emails('leadData'));
  });
});
