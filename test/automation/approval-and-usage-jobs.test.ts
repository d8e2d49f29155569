/**
 * The jobs over other parts' tables: approval reminders over token requests and the
 * raw usage purge over usage events. Fixed clock; the dry run lists what the run does. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, newOrgId } from '../../src/domain/ids.js';
import type { Principal } from '../../src/domain/principal.js';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY, movableClock } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, defaultPolicyId, policyBody } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

const T0 = new Date('2026-04-01T09:00:00.000Z');
const HOUR = 3_600_000;

describe.each(DIALECTS)('approval reminders and usage purge on %s', (dialect) => {
  const time = movableClock(T0);
  let t: TestApp;
  let admin: Principal;

  const dryThenRun = async (job: string) => {
    const dry = await t.app.core.services.jobs.dryRun(t.orgId, job);
    const run = await t.app.core.services.jobs.runNow(admin, t.orgId, job, null);
    expect(run.status).toBe('succeeded');
    expect(run.actions).toEqual(dry.actions);
    return dry.actions;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: time.clock });
    admin = await t.app.core.services.tokens.authenticateAdminKey(t.adminKey);
  });
  afterAll(async () => t.close());

  it('reminds approvers once per 48 hours a request stays pending, and never of a decided one', async () => {
    const requester = await seedUser(t.app, t.orgId);
    const requests = createStores(t.app.core.database.db).tokenRequests;
    const file = async (hoursAgo: number, status: 'pending' | 'approved' = 'pending') => {
      const id = newId('treq');
      await requests.insert({
        id,
        orgId: t.orgId,
        requesterId: requester.id,
        label: `asked ${hoursAgo}h ago`,
        scopes: ['read:jira-work'],
        lifetimeDays: 30,
        justification: null,
        policyId: 'pol_default',
        status,
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        grantedScopes: null,
        grantedLifetimeDays: null,
        tokenId: null,
        createdAt: new Date(T0.getTime() - hoursAgo * HOUR),
      });
      return id;
    };
    const fresh = await file(10);
    const old = await file(50);
    const older = await file(100);
    await file(200, 'approved');

    const first = await dryThenRun('approval-reminders');
    expect(first).toEqual([
      { type: 'remind_approvers', approvalId: older, reminder: 2, pendingHours: 100 },
      { type: 'remind_approvers', approvalId: old, reminder: 1, pendingHours: 50 },
    ]);
    expect(await dryThenRun('approval-reminders')).toEqual([]);
    // 47 hours on, each pending request has entered its next period; the approved one never counts.
    time.set(new Date(T0.getTime() + 47 * HOUR));
    try {
      expect(await dryThenRun('approval-reminders')).toEqual([
        { type: 'remind_approvers', approvalId: older, reminder: 3, pendingHours: 147 },
        { type: 'remind_approvers', approvalId: old, reminder: 2, pendingHours: 97 },
        { type: 'remind_approvers', approvalId: fresh, reminder: 1, pendingHours: 57 },
      ]);
    } finally {
      time.set(T0);
    }
    const reminders = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'approval.reminder', 10);
    expect(reminders).toHaveLength(5);
  });

  it('purges raw usage older than the retention, this org only, as counted by the dry run', async () => {
    const db = t.app.core.database.db;
    // A second org's old usage, to see the purge stay in its own org.
    const otherOrg = newOrgId();
    await createStores(db).organizations.insert({ id: otherOrg, name: 'other', createdAt: T0 });
    const row = (daysAgo: number, orgId = t.orgId) => ({
      org_id: orgId,
      token_id: null,
      at: T0.getTime() - daysAgo * DAY,
      last_at: T0.getTime() - daysAgo * DAY,
      count: 1,
      code: 'ok',
      method: 'GET',
      route: '/x',
      ip: '10.0.0.1',
      user_agent: null,
      upstream_status: null,
    });
    await db.insertInto('usage_events').values([row(120), row(95), row(91), row(10), row(1), row(200, otherOrg)]).execute();
    expect(await dryThenRun('usage-purge')).toEqual([{ type: 'purge_usage', before: new Date(T0.getTime() - 90 * DAY).toISOString(), events: 3 }]);
    const left = await db.selectFrom('usage_events').select('at').where('org_id', '=', t.orgId).execute();
    expect(left.map((r) => Number(r.at)).sort()).toEqual([T0.getTime() - 10 * DAY, T0.getTime() - DAY]);
    expect(await dryThenRun('usage-purge')).toEqual([]);
    expect(await db.selectFrom('usage_events').select('org_id').where('org_id', '=', otherOrg).execute()).toHaveLength(1);
  });

  it('raises policy.changed, approval.requested and approval.decided in the transactions of those changes', async () => {
    const events = createStores(t.app.core.database.db).events;
    const defaultId = await defaultPolicyId(t);
    expect((await adminApi(t)('PUT', `/policies/${defaultId}`, policyBody('Default', { tokenCreation: 'approval', maxLifetimeDays: 365 }))).statusCode).toBe(200);
    expect((await events.listOfType(t.orgId, 'policy.changed', 10)).map((e) => e.payload)).toContainEqual(expect.objectContaining({ policyId: defaultId }));
    const member = await seedUser(t.app, t.orgId);
    const request = await t.app.core.services.selfService.fileRequest(t.orgId, member.id, { label: 'CI', scopes: ['read:jira-work'] }, null);
    const [requested] = await events.listOfType(t.orgId, 'approval.requested', 10);
    expect(requested?.payload).toMatchObject({ approvalId: request.id, requesterId: member.id, summary: expect.stringContaining('CI: read:jira-work') });
    expect((await adminApi(t)('POST', `/token-requests/${request.id}/approve`, {})).statusCode).toBe(200);
    const [decided] = await events.listOfType(t.orgId, 'approval.decided', 10);
    expect(decided?.payload).toMatchObject({ approvalId: request.id, decision: 'approved' });
  });
});
