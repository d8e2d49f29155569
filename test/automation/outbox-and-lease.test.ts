/**
 * The outbox commits with its change or not at all, and with two nodes on one database each
 * scheduled job run is created once and executed once. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveCursorKey } from '../../src/domain/cursor.js';
import { DEFAULT_BACKOFF } from '../../src/domain/retry.js';
import { newOrgId } from '../../src/domain/ids.js';
import { createHygieneJobs } from '../../src/service/hygiene-jobs.js';
import { createJobService } from '../../src/service/job-service.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { recordEvent } from '../../src/store/event-store.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)('outbox and leases on %s', (dialect) => {
  let t: TestApp;
  let second: DatabaseHandle;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    second = openDatabase({ databaseUrl: t.db.databaseUrl, dataDir: t.db.dataDir });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('keeps no event of a transaction that rolled back', async () => {
    const db = t.app.core.database.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await recordEvent(trx, { orgId: t.orgId, type: 'policy.changed', payload: { policyId: 'pol_x', actor: { type: 'system', id: null } }, occurredAt: new Date() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await createStores(db).events.listOfType(t.orgId, 'policy.changed', 10)).toEqual([]);
  });

  it('raises events from the existing token paths: issue, revoke, deactivate', async () => {
    const db = t.app.core.database.db;
    const user = await seedUser(t.app, t.orgId);
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    const revoked = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    const response = await t.app.http.inject({ method: 'DELETE', url: `/users/${user.id}/manage/api-tokens/${revoked.token.id}`, headers: bearer(t.adminKey) });
    expect(response.statusCode).toBeLessThan(300);
    const deactivated = await t.app.http.inject({ method: 'POST', url: `/admin/tokenward/v1/orgs/${t.orgId}/users/${user.id}/deactivate`, headers: bearer(t.adminKey) });
    expect(deactivated.statusCode).toBe(200);
    const events = createStores(db).events;
    const created = (await events.listOfType(t.orgId, 'token.created', 10)).map((e) => (e.payload as { token: { id: string } }).token.id);
    expect(created).toEqual(expect.arrayContaining([issued.token.id, revoked.token.id]));
    const [revocation] = await events.listOfType(t.orgId, 'token.revoked', 10);
    expect(revocation?.payload).toMatchObject({ token: { id: revoked.token.id }, reason: 'admin_api', actor: { type: 'admin_key' } });
    const [deactivation] = await events.listOfType(t.orgId, 'user.deactivated', 10);
    expect(deactivation?.payload).toMatchObject({ userId: user.id, tokensSuspended: 1 });
    // Never a secret in the outbox.
    const payloads = await db.selectFrom('events').select('payload').execute();
    for (const row of payloads) expect(row.payload).not.toContain(issued.secret);
  });

  it('creates and executes each scheduled run once with two nodes racing', async () => {
    const otherOrg = newOrgId();
    await createStores(t.app.core.database.db).organizations.insert({ id: otherOrg, name: 'second', createdAt: new Date() });
    const clock = () => new Date();
    const node = (handle: DatabaseHandle) =>
      createJobService({
        db: handle.db,
        clock,
        cursorKey: deriveCursorKey(Buffer.from('k'.repeat(32))),
        jobs: createHygieneJobs({ clock }),
        options: { leaseMs: 60_000, stepDelayMs: 0, backoff: DEFAULT_BACKOFF },
      });
    const a = node(t.app.core.database);
    const b = node(second);
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const created = await Promise.all([a.createScheduledRuns('weekly-digest', slot), b.createScheduledRuns('weekly-digest', slot), a.createScheduledRuns('weekly-digest', slot)]);
    expect(created.reduce((x, y) => x + y, 0)).toBe(2); // one per org
    const executed: string[] = [];
    const drain = async (service: typeof a) => {
      for (let run = await service.executeNextDue(); run; run = await service.executeNextDue()) executed.push(run.id);
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    expect(executed).toHaveLength(2);
    expect(new Set(executed).size).toBe(2);
    const runs = await t.app.core.database.db.selectFrom('job_runs').selectAll().where('job_name', '=', 'weekly-digest').where('trigger', '=', 'schedule').execute();
    expect(runs.map((r) => [r.status, r.attempts])).toEqual([
      ['succeeded', 1],
      ['succeeded', 1],
    ]);
    const digests = await t.app.core.database.db.selectFrom('events').select('org_id').where('type', '=', 'digest.weekly').execute();
    expect(digests.map((d) => d.org_id).sort()).toEqual([t.orgId, otherOrg].sort());
  });
});
