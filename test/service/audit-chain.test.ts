/** The audit hash chain on both dialects: verify, tampering of every kind, concurrency, retention. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { newOrgId } from '../../src/domain/ids.js';
import { auditEntry } from '../../src/service/audit-service.js';
import { DAY_MS } from '../../src/domain/time.js';
import { applyAuditPurgeStep, planAuditPurge } from '../../src/service/audit-purge.js';
import { openDatabase } from '../../src/store/db.js';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';

describe.each(DIALECTS)('audit chain on %s', (dialect) => {
  let t: TestApp;
  let nowMs = Date.parse('2026-05-01T00:00:00.000Z');
  const clock: Clock = () => new Date(nowMs);

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
  });
  afterAll(async () => t.close());

  const db = () => t.app.core.database.db;
  const verify = () => t.app.core.services.auditChain.verifyChain();
  const append = (orgId: string | null, action: string, details: Record<string, unknown> = {}) =>
    createStores(db()).audit.append(auditEntry({ orgId, actorType: 'system', actorId: 'test', action, details }, clock));
  const rowsOf = (orgId: string) => db().selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();

  /** Runs `tamper`, checks verify reports `kind` on the row `expectRow` names, then `restore`s. */
  async function expectBroken(tamper: () => Promise<unknown>, kind: string, expected: { seq: number | null; id: string | null }, restore: () => Promise<unknown>) {
    await tamper();
    const result = await verify();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ kind, seq: expected.seq, id: expected.id });
    await restore();
    expect((await verify()).ok).toBe(true);
  }

  it('chains the bootstrap entries and every append, per org, and verifies', async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true });
    const other = newOrgId();
    await createStores(db()).organizations.insert({ id: other, name: 'other', createdAt: clock() });
    for (let i = 0; i < 5; i += 1) {
      await append(t.orgId, 'test.mine', { i });
      await append(other, 'test.theirs', { i });
    }
    await append(null, 'test.instance');
    const result = await verify();
    expect(result).toEqual({ ok: true, entries: (before.ok ? before.entries : 0) + 11, chains: 3 });
    const rows = await rowsOf(t.orgId);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(rows[0]!.prev_hash).toBeNull();
    const chain = await db().selectFrom('audit_chains').selectAll().where('chain_id', '=', t.orgId).executeTakeFirstOrThrow();
    expect(chain.head_id).toBe(rows.at(-1)!.id);
  });

  it('chains entries appended together as if appended one by one, across several inserts, and refuses two orgs in one call', async () => {
    const before = await verify();
    const entries = Array.from({ length: 1_201 }, (_, i) => auditEntry({ orgId: t.orgId, actorType: 'system', actorId: 'test', action: 'test.batch', details: { i } }, clock));
    await createStores(db()).audit.appendMany(entries);
    expect(await verify()).toMatchObject({ ok: true, entries: (before.ok ? before.entries : 0) + 1_201 });
    // In the order given, each linked to the one before, and the head on the last.
    const rows = (await rowsOf(t.orgId)).filter((row) => row.action === 'test.batch');
    expect(rows.map((row) => row.id)).toEqual(entries.map((entry) => entry.id));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const chain = await db().selectFrom('audit_chains').selectAll().where('chain_id', '=', t.orgId).executeTakeFirstOrThrow();
    expect(chain.head_id).toBe(entries.at(-1)!.id);

    const mixed = [auditEntry({ orgId: t.orgId, actorType: 'system', actorId: 'test', action: 'test.mixed' }, clock), auditEntry({ orgId: null, actorType: 'system', actorId: 'test', action: 'test.mixed' }, clock)];
    await expect(createStores(db()).audit.appendMany(mixed)).rejects.toThrow('one audit chain');
    expect(await db().selectFrom('audit_log').select('id').where('action', '=', 'test.mixed').execute()).toEqual([]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('stays intact through the real services, each appending in its own transaction', async () => {
    const admin = { authorization: `Bearer ${t.adminKey}` };
    const inject = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: object) => {
      const response = await t.app.http.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url} ${response.body.slice(0, 200)}`).toBeLessThan(300);
      return (response.body ? response.json() : {}) as Record<string, unknown>;
    };
    const dir = `/admin/tokenward/v1/orgs/${t.orgId}`;
    const api = `/admin/api-access/v1/orgs/${t.orgId}`;
    const before = (await rowsOf(t.orgId)).length;
    const user = await inject('POST', `${dir}/users`, { email: 'chain@example.com', name: 'Chain' });
    const group = await inject('POST', `${dir}/groups`, { name: 'chained' });
    await inject('PUT', `${dir}/groups/${group.id as string}/members`, { userIds: [user.id] });
    await inject('POST', `${dir}/users/${user.id as string}/deactivate`);
    await inject('POST', `${dir}/users/${user.id as string}/reactivate`);
    const key = await inject('POST', `${api}/api-keys?label=chained&scopes=read:tokens:admin`);
    await inject('PATCH', `${api}/api-keys/revoke/${key.id as string}`);
    await inject('DELETE', `${api}/api-tokens`);
    await inject('PUT', `${dir}/audit-log/settings`, { retentionDays: 400 });
    expect((await rowsOf(t.orgId)).length).toBeGreaterThan(before + 6);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names an edited row, whatever column changed', async () => {
    const row = (await rowsOf(t.orgId))[3]!;
    for (const change of [{ details: '{"i":99}' }, { action: 'test.other' }, { at: Number(row.at) + 1 }, { actor_id: 'someone' }, { org_id: null }]) {
      await expectBroken(
        () => db().updateTable('audit_log').set(change).where('seq', '=', row.seq).execute(),
        'edited',
        { seq: Number(row.seq), id: row.id },
        () => db().updateTable('audit_log').set({ details: row.details, action: row.action, at: row.at, actor_id: row.actor_id, org_id: row.org_id }).where('seq', '=', row.seq).execute(),
      );
    }
  });

  it('names the row after a deleted one, and a deleted newest entry', async () => {
    const rows = await rowsOf(t.orgId);
    const victim = rows[2]!;
    await expectBroken(
      () => db().deleteFrom('audit_log').where('seq', '=', victim.seq).execute(),
      'deleted',
      { seq: Number(rows[3]!.seq), id: rows[3]!.id },
      () => db().insertInto('audit_log').values(victim).execute(),
    );
    const newest = rows.at(-1)!;
    await expectBroken(
      () => db().deleteFrom('audit_log').where('seq', '=', newest.seq).execute(),
      'deleted',
      { seq: Number(newest.seq), id: newest.id },
      () => db().insertInto('audit_log').values(newest).execute(),
    );
  });

  it('reports rows moved to another place as reordered', async () => {
    const rows = await rowsOf(t.orgId);
    const [a, b] = [rows[1]!, rows[2]!];
    const swap = async (x: typeof a, y: typeof a) => {
      await db().updateTable('audit_log').set({ seq: -1 }).where('seq', '=', x.seq).execute();
      await db().updateTable('audit_log').set({ seq: x.seq }).where('seq', '=', y.seq).execute();
      await db().updateTable('audit_log').set({ seq: y.seq }).where('seq', '=', -1).execute();
    };
    await expectBroken(() => swap(a, b), 'reordered', { seq: Number(a.seq), id: b.id }, () => swap(b, a));
  });

  it('reports a forged head, a row inserted outside the chain, and a head record removed', async () => {
    const chain = await db().selectFrom('audit_chains').selectAll().where('chain_id', '=', t.orgId).executeTakeFirstOrThrow();
    const rows = await rowsOf(t.orgId);
    const previous = rows.at(-2)!;
    // Truncating the newest entry and pointing the head at the one before: the head's MAC fails.
    await expectBroken(
      () => db().updateTable('audit_chains').set({ head_seq: previous.seq, head_id: previous.id, head_hash: previous.hash }).where('chain_id', '=', t.orgId).execute(),
      'head',
      { seq: Number(previous.seq), id: previous.id },
      () => db().updateTable('audit_chains').set(chain).where('chain_id', '=', t.orgId).execute(),
    );
    const forged = { ...rows[0]!, id: 'aud_forged', seq: Number(rows.at(-1)!.seq) + 1000, prev_hash: null, hash: null };
    await expectBroken(
      () => db().insertInto('audit_log').values(forged).execute(),
      'unsealed',
      { seq: forged.seq, id: 'aud_forged' },
      () => db().deleteFrom('audit_log').where('id', '=', 'aud_forged').execute(),
    );
    await expectBroken(
      () => db().deleteFrom('audit_chains').where('chain_id', '=', t.orgId).execute(),
      'head',
      { seq: Number(rows.at(-1)!.seq), id: rows.at(-1)!.id },
      () => db().insertInto('audit_chains').values(chain).execute(),
    );
  });

  it('purges entries past retention, keeps the chain verifiable, and refuses a fake purge', async () => {
    const orgId = newOrgId();
    await createStores(db()).organizations.insert({ id: orgId, name: 'retained', createdAt: clock() });
    const start = nowMs;
    for (let i = 0; i < 6; i += 1) {
      nowMs = start + i * 10 * DAY_MS;
      await append(orgId, 'test.old', { i });
    }
    nowMs = start + 60 * DAY_MS;
    expect(await t.app.core.services.auditChain.purgeExpiredEntries(orgId)).toMatchObject({ purged: 0, cutoff: null });
    await createStores(db()).auditChains.setRetentionDays(orgId, 30, nowMs);
    // Entries at day 0, 10, 20 are older than 30 days at day 60; day 30 is not (at >= cutoff stays).
    // The plan (a dry run) in batches of 2 lists exactly what the steps then remove.
    const plan = await planAuditPurge(createStores(db()), orgId, clock(), 2);
    expect(plan.map((s) => [s.count, s.totalCount])).toEqual([[2, null], [1, 3]]);
    expect(await verify()).toMatchObject({ ok: true });
    let removed = 0;
    for (const step of plan) removed += await db().transaction().execute((trx) => applyAuditPurgeStep(createStores(trx), orgId, step, clock));
    expect(removed).toBe(3);
    // Applied again (a resumed run): nothing more, no second audit.purged entry.
    for (const step of plan) expect(await db().transaction().execute((trx) => applyAuditPurgeStep(createStores(trx), orgId, step, clock))).toBe(0);
    const result = { purged: removed };
    expect(result.purged).toBe(3);
    const left = await rowsOf(orgId);
    expect(left.map((r) => r.action)).toEqual(['test.old', 'test.old', 'test.old', 'audit.purged']);
    expect(JSON.parse(left.at(-1)!.details)).toMatchObject({ count: 3, retentionDays: 30 });
    expect(await verify()).toMatchObject({ ok: true });
    expect((await t.app.core.services.auditChain.purgeExpiredEntries(orgId)).purged).toBe(0);

    // Deleting the oldest remaining entry by hand is not a purge: the anchor does not cover it.
    const oldest = left[0]!;
    await expectBroken(
      () => db().deleteFrom('audit_log').where('seq', '=', oldest.seq).execute(),
      'deleted',
      { seq: Number(left[1]!.seq), id: left[1]!.id },
      () => db().insertInto('audit_log').values(oldest).execute(),
    );
    const chain = await db().selectFrom('audit_chains').selectAll().where('chain_id', '=', orgId).executeTakeFirstOrThrow();
    await expectBroken(
      () => db().updateTable('audit_chains').set({ anchor_seq: oldest.seq, anchor_id: oldest.id, anchor_hash: oldest.hash }).where('chain_id', '=', orgId).execute(),
      'anchor',
      { seq: Number(oldest.seq), id: oldest.id },
      () => db().updateTable('audit_chains').set(chain).where('chain_id', '=', orgId).execute(),
    );
  });

  it('writes unsealed rows from a handle opened without the pepper, and verify says so', async () => {
    const bare = openDatabase({ databaseUrl: t.db.databaseUrl, dataDir: t.db.dataDir });
    try {
      await createStores(bare.db).audit.append(auditEntry({ orgId: t.orgId, actorType: 'system', actorId: 'bare', action: 'test.bare' }, clock));
      const result = await verify();
      expect(result).toMatchObject({ ok: false, problem: { kind: 'unsealed' } });
      await db().deleteFrom('audit_log').where('action', '=', 'test.bare').execute();
      expect((await verify()).ok).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it.runIf(dialect === 'postgres')('stays one chain when two nodes append concurrently', async () => {
    const nodes = [0, 1].map(() => openDatabase({ databaseUrl: t.db.databaseUrl, dataDir: t.db.dataDir, pepper: t.app.core.pepper, poolSize: 8 }));
    try {
      const writes: Array<Promise<unknown>> = [];
      for (let i = 0; i < 60; i += 1) {
        const node = nodes[i % 2]!;
        writes.push(
          node.db.transaction().execute(async (trx) => {
            await createStores(trx).audit.append(auditEntry({ orgId: t.orgId, actorType: 'system', actorId: `node${i % 2}`, action: 'test.concurrent', details: { i } }, clock));
            await sql`select pg_sleep(0.002)`.execute(trx);
          }),
        );
      }
      await Promise.all(writes);
      expect(await verify()).toMatchObject({ ok: true });
      const rows = await rowsOf(t.orgId);
      expect(rows.filter((r) => r.action === 'test.concurrent')).toHaveLength(60);
    } finally {
      for (const node of nodes) await node.close();
    }
  });
});
