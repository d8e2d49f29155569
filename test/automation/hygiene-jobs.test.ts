/**
 * Acceptance: with a fixed clock each hygiene job acts on exactly the right tokens, and
 * the dry run lists exactly what the real run then does. Real services, both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HygieneAction } from '../../src/domain/hygiene.js';
import type { Principal } from '../../src/domain/principal.js';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY, movableClock, setLastActive } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, policyBody } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');

describe.each(DIALECTS)('hygiene jobs with a fixed clock on %s', (dialect) => {
  const time = movableClock(T0);
  let t: TestApp;
  let admin: Principal;
  const ids: Record<string, string> = {};

  const ofType = (actions: HygieneAction[], type: HygieneAction['type']) =>
    actions.filter((a) => a.type === type).map((a) => ('tokenId' in a ? a.tokenId : '')).sort();

  async function dryThenRun(job: string) {
    const dry = await t.app.core.services.jobs.dryRun(t.orgId, job);
    const run = await t.app.core.services.jobs.runNow(admin, t.orgId, job, null);
    return { dry: dry.actions, run };
  }

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: time.clock });
    admin = await t.app.core.services.tokens.authenticateAdminKey(t.adminKey);
    const alice = await seedUser(t.app, t.orgId, { email: 'alice@acme.test' });
    const bot = await seedServiceAccount(t.app, t.orgId);
    const owner = { type: 'user' as const, id: alice.id };
    // Issued 200 days before T0, with expiries chosen relative to T0.
    time.set(new Date(T0.getTime() - 200 * DAY));
    const issue = async (name: string, expiresInDaysFromT0: number, who: { type: 'user' | 'service_account'; id: string } = owner) => {
      ids[name] = (await seedToken(t.app, t.orgId, who, { label: name, expiresAt: new Date(T0.getTime() + expiresInDaysFromT0 * DAY) })).token.id;
    };
    await issue('expiresIn40', 40);
    await issue('expiresIn25', 25);
    await issue('expiresIn5', 5);
    await issue('expiresInHalfDay', 0.5);
    await issue('expiredYesterday', -1);
    await issue('expiredAndRevoked', -2);
    await issue('usedRecently', 100);
    await issue('idle85', 100);
    await issue('idle95', 100, { type: 'service_account', id: bot.id });
    await issue('neverUsed', 100);
    time.set(T0);
    await t.app.core.database.db.updateTable('tokens').set({ status: 'revoked', revoked_at: T0.getTime() - DAY }).where('id', '=', ids.expiredAndRevoked!).execute();
    await setLastActive(t.app, ids.usedRecently!, new Date(T0.getTime() - 2 * DAY));
    await setLastActive(t.app, ids.idle85!, new Date(T0.getTime() - 85 * DAY));
    await setLastActive(t.app, ids.idle95!, new Date(T0.getTime() - 95 * DAY));
    // These were used yesterday; neverUsed is idle since its creation, 200 days ago.
    for (const name of ['expiresIn40', 'expiresIn25', 'expiresIn5', 'expiresInHalfDay', 'expiredYesterday']) {
      await setLastActive(t.app, ids[name]!, new Date(T0.getTime() - DAY));
    }
  });
  afterAll(async () => t.close());

  it('mark-expired: the unrevoked expired token only, once', async () => {
    const { dry, run } = await dryThenRun('mark-expired');
    expect(run.status).toBe('succeeded');
    expect(run.actions).toEqual(dry);
    expect(ofType(dry, 'mark_expired')).toEqual([ids.expiredYesterday]);
    const events = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'token.expired', 10);
    expect(events.map((e) => (e.payload as { token: { id: string } }).token.id)).toEqual([ids.expiredYesterday]);
    const again = await dryThenRun('mark-expired');
    expect(again.dry).toEqual([]);
    expect(again.run.actions).toEqual([]);
  });

  it('expiry-warnings: the tightest threshold each token is inside, once per threshold', async () => {
    const { dry, run } = await dryThenRun('expiry-warnings');
    expect(run.actions).toEqual(dry);
    expect(run.doneCount).toBe(dry.length);
    const warned = Object.fromEntries(dry.map((a) => [a.type === 'warn_expiring' ? a.tokenId : '', a.type === 'warn_expiring' ? a.daysBefore : 0]));
    expect(warned).toEqual({ [ids.expiresIn25!]: 30, [ids.expiresIn5!]: 7, [ids.expiresInHalfDay!]: 1 });
    expect((await dryThenRun('expiry-warnings')).dry).toEqual([]);

    // Three days on, the 5-day token is 2 days out: still inside 7, nothing new; a day later, inside 1.
    time.set(new Date(T0.getTime() + 3 * DAY));
    expect((await t.app.core.services.jobs.dryRun(t.orgId, 'expiry-warnings')).actions).toEqual([]);
    time.set(new Date(T0.getTime() + 4.5 * DAY));
    const later = await dryThenRun('expiry-warnings');
    expect(later.dry.map((a) => (a.type === 'warn_expiring' ? [a.tokenId, a.daysBefore] : null))).toEqual([[ids.expiresIn5, 1]]);
    expect(later.run.actions).toEqual(later.dry);
    time.set(T0);
  });

  it('idle-revoke: nothing without a limit; with 90 days, revokes the idle ones and warns those within 7 days', async () => {
    expect((await dryThenRun('idle-revoke')).dry).toEqual([]);
    await t.app.core.services.notificationSettings.putAutomation({ principal: admin, ip: null }, t.orgId, { idleRevokeAfterDays: 90, idleWarningDays: 7 });
    // The console's "idle past policy" figure: what the run is about to revoke, longest idle first.
    const pastPolicy = (await adminApi(t)('GET', '/tokens/idle-past-policy')).json();
    expect(pastPolicy).toMatchObject({ pastPolicy: 2, warned: 1 });
    expect(pastPolicy.tokens.map((tok: { id: string }) => tok.id)).toEqual([ids.neverUsed, ids.idle95]);
    expect(pastPolicy.tokens[1]).toMatchObject({ idleDays: 95, revokeAfterDays: 90 });
    const { dry, run } = await dryThenRun('idle-revoke');
    expect(run.status).toBe('succeeded');
    expect(run.actions).toEqual(dry);
    expect(ofType(dry, 'revoke_idle')).toEqual([ids.idle95, ids.neverUsed].sort());
    expect(ofType(dry, 'warn_idle')).toEqual([ids.idle85]);
    const tokens = createStores(t.app.core.database.db).tokens;
    expect((await tokens.findById(t.orgId, ids.idle95!))?.status).toBe('revoked');
    expect((await tokens.findById(t.orgId, ids.neverUsed!))?.status).toBe('revoked');
    expect((await tokens.findById(t.orgId, ids.idle85!))?.status).toBe('active');
    expect((await tokens.findById(t.orgId, ids.usedRecently!))?.status).toBe('active');
    // The warning is not repeated; the revocations are not repeated.
    expect((await dryThenRun('idle-revoke')).dry).toEqual([]);
    expect((await adminApi(t)('GET', '/tokens/idle-past-policy')).json()).toMatchObject({ pastPolicy: 0, tokens: [] });
    // Used again, then idle again: a new idle period warns again.
    await setLastActive(t.app, ids.idle85!, new Date(T0.getTime() - 84 * DAY));
    expect(ofType((await t.app.core.services.jobs.dryRun(t.orgId, 'idle-revoke')).actions, 'warn_idle')).toEqual([ids.idle85]);
  });

  it("idle-revoke: a policy's idleRevokeAfterDays governs its assignees; others keep the org setting", async () => {
    const bob = await seedUser(t.app, t.orgId, { email: 'bob@acme.test' });
    time.set(new Date(T0.getTime() - 50 * DAY));
    const bobs = (await seedToken(t.app, t.orgId, { type: 'user', id: bob.id }, { label: 'bob', expiresAt: new Date(T0.getTime() + 100 * DAY) })).token.id;
    time.set(T0);
    // 50 days idle: under the org's 90, over a 40-day policy once bob is assigned one.
    expect(ofType((await t.app.core.services.jobs.dryRun(t.orgId, 'idle-revoke')).actions, 'revoke_idle')).not.toContain(bobs);
    const created = await adminApi(t)('POST', '/policies', policyBody('Short idle', { tokenCreation: 'allowed', maxLifetimeDays: 365, idleRevokeAfterDays: 40 }, { priority: 5, userIds: [bob.id] }));
    expect(created.statusCode).toBeLessThan(300);
    const { dry, run } = await dryThenRun('idle-revoke');
    expect(run.actions).toEqual(dry);
    expect(dry.filter((a) => a.type === 'revoke_idle')).toEqual([{ type: 'revoke_idle', tokenId: bobs, idleDays: 50, revokeAfterDays: 40, lastActiveAt: new Date(T0.getTime() - 50 * DAY).toISOString() }]);
  });

  // The idle revocations happened at T0 itself, the end of the period (exclusive): not counted.
  it('weekly-digest: one digest event with the figures of the week', async () => {
    const { dry, run } = await dryThenRun('weekly-digest');
    expect(run.actions).toEqual(dry);
    const [digest] = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'digest.weekly', 10);
    expect(digest?.payload).toMatchObject({ periodEnd: T0.toISOString(), revoked: 1, created: 0 });
  });

  it('lists the jobs with their last run', async () => {
    const jobs = await t.app.core.services.jobs.listJobs(t.orgId);
    expect(jobs.map((j) => [j.job.name, j.job.isAvailable])).toEqual([
      ['mark-expired', true],
      ['expiry-warnings', true],
      ['idle-revoke', true],
      ['unretrieved-revoke', true],
      ['approval-reminders', true],
      ['usage-purge', true],
      ['outbox-purge', true],
      ['audit-purge', true],
      ['weekly-digest', true],
    ]);
    expect(jobs.find((j) => j.job.name === 'idle-revoke')?.lastRun?.status).toBe('succeeded');
  });

  it('outbox-purge: removes dispatched events and finished runs past retention, exactly as the dry run counted', async () => {
    await t.app.worker.runPass(); // dispatches the outbox (no endpoint, no SMTP: no deliveries)
    const db = t.app.core.database.db;
    time.set(new Date(T0.getTime() + 91 * DAY));
    const before = new Date(T0.getTime() + DAY);
    const oldEvents = await db.selectFrom('events').select('id').where('org_id', '=', t.orgId).where('occurred_at', '<', before.getTime()).execute();
    const oldRuns = await db.selectFrom('job_runs').select('id').where('org_id', '=', t.orgId).where('created_at', '<', before.getTime()).execute();
    const dry = await t.app.core.services.jobs.dryRun(t.orgId, 'outbox-purge');
    expect(dry.actions).toEqual([{ type: 'purge_outbox', before: before.toISOString(), events: oldEvents.length, jobRuns: oldRuns.length }]);
    expect(oldEvents.length).toBeGreaterThan(10);
    const run = await t.app.core.services.jobs.runNow(admin, t.orgId, 'outbox-purge', null);
    expect(run.actions).toEqual(dry.actions);
    expect(await db.selectFrom('events').select('id').where('occurred_at', '<', before.getTime()).execute()).toEqual([]);
    // Left: the expiry-warnings run made at T0 + 4.5 days, and the purge run itself.
    expect((await db.selectFrom('job_runs').select('job_name').where('org_id', '=', t.orgId).orderBy('created_at').execute()).map((r) => r.job_name)).toEqual(['expiry-warnings', 'outbox-purge']);
    time.set(T0);
  });

  it('audit-purge: nothing while the org keeps its log forever; past a retention, the old entries, as the dry run listed, and the chain still verifies', async () => {
    expect((await t.app.core.services.jobs.dryRun(t.orgId, 'audit-purge')).actions).toEqual([]);
    const settings = await adminApi(t)('PUT', '/audit-log/settings', { retentionDays: 30 });
    expect(settings.statusCode, settings.body).toBe(200);
    const db = t.app.core.database.db;
    time.set(new Date(T0.getTime() + 120 * DAY));
    const cutoff = T0.getTime() + 90 * DAY;
    // Only a prefix of the chain goes: earlier tests moved the clock, so seq order is not time order.
    const entries = await db.selectFrom('audit_log').select(['seq', 'at']).where('org_id', '=', t.orgId).orderBy('seq').execute();
    const firstKept = entries.findIndex((e) => e.at >= cutoff);
    const due = firstKept < 0 ? entries : entries.slice(0, firstKept);
    expect(due.length).toBeGreaterThan(3);
    const dry = await t.app.core.services.jobs.dryRun(t.orgId, 'audit-purge');
    expect(dry.actions.reduce((sum, a) => sum + (a.type === 'purge_audit' ? a.count : 0), 0)).toBe(due.length);
    const run = await t.app.core.services.jobs.runNow(admin, t.orgId, 'audit-purge', null);
    expect(run.actions).toEqual(dry.actions);
    const left = await db.selectFrom('audit_log').select('seq').where('org_id', '=', t.orgId).orderBy('seq').execute();
    expect(left[0]?.seq).toBeGreaterThan(due[due.length - 1]!.seq);
    expect(await t.app.core.services.auditChain.verifyChain()).toMatchObject({ ok: true });
    time.set(T0);
  });
});
