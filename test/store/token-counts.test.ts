/**
 * The inventory's maintained counts (migration 0021's and 0022's triggers): after any sequence of
 * the writes that change tokens (issue, revoke, suspend and restore, expiry moved by a clamp, deletes
 * and the cascades of a deleted owner, bulk revokes, uses, a connector's upserts, expiry sweeps run
 * at other clocks), the counts read from `token_counts` and `token_idle_counts` equal COUNT(*) over
 * the tokens themselves, at a clock inside the day where some tokens have just expired and others
 * expire later the same day, and for idle cutoffs anywhere in a day.
 */
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import type { Token } from '../../src/domain/models.js';
import { createOrgTokenStore } from '../../src/store/org-token-store.js';
import type { Database } from '../../src/store/schema.js';
import { createServiceAccountTokenQueries } from '../../src/store/service-account-token-queries.js';
import { createStores } from '../../src/store/stores.js';
import { foldCountDeltas, readMaintainedCounts } from '../../src/store/token-counts.js';
import { readIdleCounts, sweepExpiryMarks } from '../../src/store/token-idle-counts.js';
import type { DateBounds } from '../../src/domain/date-filters.js';
import { createTokenSearchStore } from '../../src/store/token-search-store.js';
import type { DialectName } from '../../src/store/db.js';
import { DIALECTS, openMigratedTestDatabase } from '../support/databases.js';

const HOUR = 3_600_000;
// Mid-day, so "expires today" holds tokens on both sides of now.
const NOW = Date.parse('2026-06-01T13:30:00Z');

type Op =
  | { op: 'issue'; owner: number; expiresInHours: number | null; usedHoursAgo: number | null; createdHoursAgo: number; scopes: string[] }
  | { op: 'revoke'; pick: number }
  | { op: 'suspendUser'; user: number }
  | { op: 'restoreUser'; user: number }
  | { op: 'setUserStatus'; user: number; to: 'active' | 'deactivated' }
  | { op: 'setStatus'; pick: number; to: 'active' | 'suspended' }
  | { op: 'clamp'; pick: number; expiresInHours: number; scopes: string[] }
  | { op: 'rescope'; pick: number; scopes: string[] }
  | { op: 'deleteToken'; pick: number }
  | { op: 'deleteUser'; user: number }
  | { op: 'bulkRevoke'; batch: number }
  | { op: 'revokeAccount'; account: number }
  | { op: 'touch'; picks: number[]; hoursAgo: number }
  | { op: 'external'; key: number; status: 'active' | 'revoked'; expiresInHours: number | null; usedHoursAgo: number | null; scopes: string[] }
  | { op: 'deleteExternal'; key: number }
  | { op: 'fold' }
  | { op: 'sweep'; atHours: number };

const SCOPES = ['read:jira-work', 'write:jira-work', 'manage:jira-project'];
// Duplicates included: a scope listed twice still counts its token once.
const scopes = fc.array(fc.constantFrom(...SCOPES), { maxLength: 4 });
const hours = fc.option(fc.integer({ min: -60, max: 60 }), { nil: null });
// Last uses and creations spread over several days, so idle cutoffs fall between and inside them.
const hoursAgo = fc.integer({ min: 0, max: 120 });
// Expiry windows as the `expiresAt` filter gives them: either edge open, cutting days anywhere.
const minutes = fc.option(fc.integer({ min: -80 * 60, max: 80 * 60 }), { nil: null });
const windowArb = fc.record({ min: minutes, max: minutes, includeNull: fc.boolean() }).map(
  ({ min, max, includeNull }): DateBounds => ({ minMs: min === null ? null : NOW + min * 60_000, maxMs: max === null ? null : NOW + max * 60_000, includeNull }),
);
// Last-use windows as the `lastActiveAt` filter gives them: over the days uses are spread on, either
// edge open, cutting days anywhere, with or without the never-used tokens.
const useMinutes = fc.option(fc.integer({ min: -130 * 60, max: 60 }), { nil: null });
const useWindowArb = fc.record({ min: useMinutes, max: useMinutes, includeNull: fc.boolean() }).map(
  ({ min, max, includeNull }): DateBounds => ({ minMs: min === null ? null : NOW + min * 60_000, maxMs: max === null ? null : NOW + max * 60_000, includeNull }),
);
// Idle cutoffs as `idleDays` gives them (now less whole days), and anywhere inside a day.
const idleArb = fc.oneof(fc.integer({ min: 0, max: 6 }).map((days) => NOW - days * 24 * HOUR), fc.integer({ min: 0, max: 130 * 60 }).map((m) => NOW - m * 60_000));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('issue' as const), owner: fc.nat(5), expiresInHours: hours, usedHoursAgo: fc.option(hoursAgo, { nil: null }), createdHoursAgo: fc.integer({ min: 0, max: 150 }), scopes }) },
  fc.record({ op: fc.constant('revoke' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('suspendUser' as const), user: fc.nat(2) }),
  fc.record({ op: fc.constant('restoreUser' as const), user: fc.nat(2) }),
  // A person deactivated or back, their tokens untouched: only the Atlassian-compatible counts see it.
  fc.record({ op: fc.constant('setUserStatus' as const), user: fc.nat(2), to: fc.constantFrom('active' as const, 'deactivated' as const) }),
  fc.record({ op: fc.constant('setStatus' as const), pick: fc.nat(), to: fc.constantFrom('active' as const, 'suspended' as const) }),
  fc.record({ op: fc.constant('clamp' as const), pick: fc.nat(), expiresInHours: fc.integer({ min: -60, max: 60 }), scopes }),
  fc.record({ op: fc.constant('rescope' as const), pick: fc.nat(), scopes }),
  fc.record({ op: fc.constant('deleteToken' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('deleteUser' as const), user: fc.nat(2) }),
  fc.record({ op: fc.constant('bulkRevoke' as const), batch: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('revokeAccount' as const), account: fc.nat(1) }),
  fc.record({ op: fc.constant('touch' as const), picks: fc.array(fc.nat(), { maxLength: 4 }), hoursAgo }),
  { weight: 2, arbitrary: fc.record({ op: fc.constant('external' as const), key: fc.nat(4), status: fc.constantFrom('active' as const, 'revoked' as const), expiresInHours: hours, usedHoursAgo: fc.option(hoursAgo, { nil: null }), scopes }) },
  fc.record({ op: fc.constant('deleteExternal' as const), key: fc.nat(4) }),
  // The background step that moves PostgreSQL's pending deltas into the counts, at any point.
  fc.record({ op: fc.constant('fold' as const) }),
  // The background sweep of expiry marks, run at a clock before or after the one read at.
  fc.record({ op: fc.constant('sweep' as const), atHours: fc.integer({ min: -60, max: 60 }) }),
);

/** COUNT(*) over both tables, with the inventory's status at NOW; the reference the counters must equal. */
async function countedRowByRow(db: Kysely<Database>, orgId: string, scope: string | null = null, isUsed = false, expiry: DateBounds | null = null, idleSinceMs: number | null = null): Promise<Record<string, number>> {
  // The text match the scope filter used before token_scopes: a quoted name inside the JSON list.
  const within = expiry === null
    ? sql``
    : sql`and ((t.expires_at is null and ${sql.lit(expiry.includeNull)}) or (t.expires_at >= ${expiry.minMs ?? -1} and t.expires_at <= ${expiry.maxMs ?? Number.MAX_SAFE_INTEGER}))`;
  const idle = idleSinceMs === null ? sql`` : sql`and coalesce(t.last_active_at, t.created_at) < ${idleSinceMs}`;
  const holding = sql`${scope === null ? sql`` : sql`and t.scopes like ${`%${JSON.stringify(scope)}%`}`} ${isUsed ? sql`and t.last_active_at is not null` : sql``} ${within} ${idle}`;
  const status = sql`case when t.status = 'revoked' then 'revoked' when t.status = 'suspended' then 'suspended'
    when t.expires_at <= ${NOW} then 'expired' else 'active' end`;
  const result = await sql<{ source: string; kind: string; status: string; n: number | string }>`
    select 'tokenward' as source, t.kind as kind, ${status} as status, count(*) as n from tokens t where t.org_id = ${orgId} ${holding} group by 2, 3
    union all
    select t.connector_id as source, t.kind as kind, ${status} as status, count(*) as n from external_tokens t where t.org_id = ${orgId} ${holding} group by 1, 2, 3`.execute(db);
  return Object.fromEntries(result.rows.map((r) => [`${r.source} ${r.kind} ${r.status}`, Number(r.n)]));
}

/**
 * The Atlassian-compatible count, token by token: unrevoked tokens of one kind, allowed (active, not
 * expired, its owner active) or blocked (the others), within an expiry and a last-use window.
 */
async function countedAsAtlassian(db: Kysely<Database>, orgId: string, kind: 'user' | 'admin_key', status: 'allowed' | 'blocked' | null, dates: { expiresAt?: DateBounds; lastActiveAt?: DateBounds }): Promise<number> {
  const bounded = (column: string, bounds: DateBounds | undefined) => bounds === undefined
    ? sql``
    : sql`and ((${sql.ref(column)} is null and ${sql.lit(bounds.includeNull)}) or (${sql.ref(column)} >= ${bounds.minMs ?? -1} and ${sql.ref(column)} <= ${bounds.maxMs ?? Number.MAX_SAFE_INTEGER}))`;
  const within = sql`${bounded('t.expires_at', dates.expiresAt)} ${bounded('t.last_active_at', dates.lastActiveAt)}`;
  const allowed = sql`(t.status = 'active' and (t.expires_at is null or t.expires_at > ${NOW}) and (u.id is null or u.status = 'active'))`;
  const wanted = status === null ? sql`` : status === 'allowed' ? sql`and ${allowed}` : sql`and not ${allowed}`;
  const result = await sql<{ n: number | string }>`select count(*) as n from tokens t left join users u on u.id = t.owner_user_id
    where t.org_id = ${orgId} and t.kind = ${kind} and t.status <> 'revoked' ${within} ${wanted}`.execute(db);
  return Number(result.rows[0]!.n);
}

async function run(db: Kysely<Database>, dialect: DialectName, ops: Op[], seq: number): Promise<string> {
  const orgId = newOrgId();
  const stores = createStores(db);
  const at = new Date(NOW);
  await db.insertInto('organizations').values({ id: orgId, name: 'o', created_at: 1 }).execute();
  const users = [0, 1, 2].map((i) => `usr_${seq}_${i}`);
  for (const [i, id] of users.entries()) {
    await db.insertInto('users').values({ id, org_id: orgId, email: `u${i}@x`, email_lower: `u${i}@x`, name: `u ${i}`, role: 'member', account_type: 'managed', status: 'active', created_at: 1, updated_at: 1 }).execute();
  }
  const accounts = [0, 1].map((i) => `sa_${seq}_${i}`);
  for (const id of accounts) {
    await db.insertInto('service_accounts').values({ id, org_id: orgId, email: `${id}@sa`, display_name: id, description: null, picture: null, status: 'active', created_by_id: null, created_at: 1, updated_at: 1, deleted_at: null, deleted_by: null }).execute();
  }
  const connectorId = `con_${seq}`;
  await db.insertInto('connectors').values({ id: connectorId, org_id: orgId, type: 'atlassian', name: 'c', base_url: 'https://x', upstream_org_id: 'u', credential_sealed: 's', schedule_minutes: 60, unmatched_policy_id: null, next_sync_at: null, lease_run_id: null, lease_until: null, created_at: 1, updated_at: 1 }).execute();

  const ids: string[] = [];
  const pick = (n: number) => ids[n % Math.max(1, ids.length)];
  for (const [step, o] of ops.entries()) {
    switch (o.op) {
      case 'issue': {
        const id = `tok_${seq}_${step}`;
        const owner: Token['owner'] = o.owner < 3 ? { type: 'user', id: users[o.owner]! } : o.owner < 5 ? { type: 'service_account', id: accounts[o.owner - 3]! } : null;
        const kind = owner === null ? 'admin_key' : owner.type === 'user' ? 'user' : 'service_account';
        const isOwnerGone = owner?.type === 'user' && !(await db.selectFrom('users').select('id').where('id', '=', owner.id).executeTakeFirst());
        if (isOwnerGone) break;
        const token: Token = {
          id, orgId, kind, owner, label: `t ${step}`, displayPrefix: 'twu_x', scopes: o.scopes, status: 'active',
          createdAt: new Date(NOW - o.createdHoursAgo * HOUR), expiresAt: o.expiresInHours === null ? null : new Date(NOW + o.expiresInHours * HOUR),
          lastActiveAt: o.usedHoursAgo === null ? null : new Date(NOW - o.usedHoursAgo * HOUR), createdBy: null, revokedAt: null, revokedBy: null, revokedReason: null,
        };
        await db.transaction().execute((trx) => createStores(trx).tokens.insert(token, `${seq}-${step}`.padStart(64, '0')));
        ids.push(id);
        break;
      }
      case 'revoke':
        if (pick(o.pick)) await stores.tokens.revoke(orgId, pick(o.pick)!, null, 'r', at);
        break;
      case 'suspendUser':
        await stores.tokenStatus.suspendActiveUserTokens(orgId, users[o.user]!);
        break;
      case 'restoreUser':
        await stores.tokenStatus.restoreSuspendedUserTokens(orgId, users[o.user]!);
        break;
      case 'setUserStatus':
        await db.updateTable('users').set({ status: o.to }).where('id', '=', users[o.user]!).execute();
        break;
      case 'setStatus':
        if (pick(o.pick)) await stores.tokenStatus.setTokenStatus(orgId, pick(o.pick)!, o.to === 'active' ? 'suspended' : 'active', o.to);
        break;
      case 'clamp':
        if (pick(o.pick)) await stores.tokens.clamp(orgId, pick(o.pick)!, new Date(NOW + o.expiresInHours * HOUR), o.scopes);
        break;
      case 'rescope': {
        // A policy change narrowing scopes alone: the expiry is written back unchanged.
        const token = pick(o.pick) ? await stores.tokens.findById(orgId, pick(o.pick)!) : null;
        if (token?.expiresAt) await stores.tokens.clamp(orgId, token.id, token.expiresAt, o.scopes);
        break;
      }
      case 'deleteToken':
        if (pick(o.pick)) await db.deleteFrom('tokens').where('id', '=', pick(o.pick)!).execute();
        break;
      case 'deleteUser':
        // The owner's tokens go by the foreign key's cascade.
        await db.deleteFrom('users').where('id', '=', users[o.user]!).execute();
        break;
      case 'bulkRevoke':
        // One batch of the bulk revoke of managed users' tokens.
        await db.transaction().execute((trx) => createTokenSearchStore(trx, dialect).revokeNextManagedUserTokens(orgId, null, null, o.batch, null, 'bulk_revoke', at));
        break;
      case 'revokeAccount':
        await createServiceAccountTokenQueries(db).revokeAllOfAccount(orgId, accounts[o.account]!, null, 'r', at);
        break;
      case 'touch':
        // The usage flush's last-activity update: no token moves between the counts by expiry; it
        // may move between idle days.
        for (const p of o.picks) if (pick(p)) await db.updateTable('tokens').set({ last_active_at: NOW - o.hoursAgo * HOUR }).where('id', '=', pick(p)!).execute();
        break;
      case 'external': {
        const row = {
          id: `ext_${seq}_${o.key}`, org_id: orgId, connector_id: connectorId, kind: o.key % 2 === 0 ? 'user' : 'service_account', external_id: `x${o.key}`,
          owner_user_id: null, owner_external_id: 'o', owner_name: 'o', owner_email: 'o@x', label: 'x', scopes: JSON.stringify(o.scopes), status: o.status,
          created_at: 1, expires_at: o.expiresInHours === null ? null : NOW + o.expiresInHours * HOUR, last_active_at: o.usedHoursAgo === null ? null : NOW - o.usedHoursAgo * HOUR, search_text: 'x',
          first_seen_at: 1, last_seen_at: 1, seen_sync_id: 's', gone_at: null, revoked_at: null, revoked_by: null, revoked_reason: null,
        };
        // As a sync writes: insert, or update the row the upstream key already names.
        await db
          .insertInto('external_tokens')
          .values(row)
          .onConflict((oc) => oc.columns(['connector_id', 'kind', 'external_id']).doUpdateSet({ status: row.status, expires_at: row.expires_at, scopes: row.scopes, last_active_at: row.last_active_at }))
          .execute();
        break;
      }
      case 'deleteExternal':
        await db.deleteFrom('external_tokens').where('id', '=', `ext_${seq}_${o.key}`).execute();
        break;
      case 'fold':
        await foldCountDeltas(db, dialect);
        break;
      case 'sweep':
        await sweepExpiryMarks(db, dialect, NOW + o.atHours * HOUR);
        break;
    }
  }
  return orgId;
}

/** No narrowing: every token of the org. */
const EVERY = { source: null, scope: null, expiry: null };

const asRecord = (cells: Array<{ source: string; kind: string; status: string; count: number }>) =>
  Object.fromEntries(cells.map((c) => [`${c.source} ${c.kind} ${c.status}`, c.count]));

describe.each(DIALECTS)('maintained token counts on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('equal COUNT(*) of the tokens after any sequence of writes', async () => {
    const { db } = database.handle;
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), fc.array(windowArb, { minLength: 1, maxLength: 3 }), fc.array(idleArb, { minLength: 1, maxLength: 3 }), fc.array(useWindowArb, { minLength: 1, maxLength: 3 }), async (ops, windows, idleCutoffs, useWindows) => {
        seq++;
        const orgId = await run(db, dialect, ops, seq);
        const expected = await countedRowByRow(db, orgId);
        expect(asRecord(await readMaintainedCounts(db, orgId, NOW, EVERY))).toEqual(expected);
        // Through the store the counts endpoint uses, narrowed to Tokenward's own tokens.
        const search = { orgId, kinds: [], statuses: [], q: null, dates: {}, scope: null, neverUsed: null, idleSinceMs: null, ownerId: null, nowMs: NOW, source: 'tokenward', tag: null, hasPurpose: null };
        const own = Object.fromEntries(Object.entries(expected).filter(([key]) => key.startsWith('tokenward ')));
        const store = createOrgTokenStore(db, dialect);
        expect(asRecord(await store.countByKindAndStatus(search))).toEqual(own);
        for (const scope of SCOPES) {
          expect(asRecord(await readMaintainedCounts(db, orgId, NOW, { source: null, scope: scope, expiry: null }))).toEqual(await countedRowByRow(db, orgId, scope));
          // The scope filter of lists and filtered counts reads token_scopes; the same set.
          const filtered = await store.countByKindAndStatus({ ...search, source: null, scope, neverUsed: false });
          const used = await countedRowByRow(db, orgId, scope, true);
          expect(asRecord(filtered)).toEqual(used);
        }
        for (const expiry of windows) {
          const scope = SCOPES[0]!;
          expect(asRecord(await readMaintainedCounts(db, orgId, NOW, { source: null, scope: null, expiry }))).toEqual(await countedRowByRow(db, orgId, null, false, expiry));
          expect(asRecord(await readMaintainedCounts(db, orgId, NOW, { source: null, scope, expiry }))).toEqual(await countedRowByRow(db, orgId, scope, false, expiry));
          // The counts endpoint's store takes an expiry window alone from the maintained counts too.
          const windowed = await store.countByKindAndStatus({ ...search, dates: { expiresAt: expiry } });
          const ownWindowed = Object.fromEntries(Object.entries(await countedRowByRow(db, orgId, null, false, expiry)).filter(([key]) => key.startsWith('tokenward ')));
          expect(asRecord(windowed)).toEqual(ownWindowed);
        }
        // The Atlassian-compatible counts: from the maintained counts when no filter but the expiry or
        // the last use narrows them, else counted in the index; both equal to counting token by token.
        const atlassian = createTokenSearchStore(db, dialect);
        const dateFilters = [{}, ...windows.map((expiresAt) => ({ expiresAt })), ...useWindows.map((lastActiveAt) => ({ lastActiveAt }))];
        for (const kind of ['user', 'admin_key'] as const) {
          for (const status of [null, 'allowed', 'blocked'] as const) {
            for (const dates of dateFilters) {
              const expected = await countedAsAtlassian(db, orgId, kind, status, dates);
              const counted = { orgId, kind, q: null, status, keyType: null, dates, nowMs: NOW };
              const what = `${kind} ${status ?? 'any'} ${JSON.stringify(dates)}`;
              expect(await atlassian.count(counted), what).toBe(expected);
              // Any creation date: counted in the index instead.
              const everCreated = { minMs: 0, maxMs: null, includeNull: false };
              expect(await atlassian.count({ ...counted, dates: { ...counted.dates, createdAt: everCreated } }), `${what}, any creation`).toBe(expected);
            }
          }
        }
        const idleChecks = async () => {
          for (const idleSinceMs of idleCutoffs) {
            const idle = await countedRowByRow(db, orgId, null, false, null, idleSinceMs);
            expect(asRecord(await readIdleCounts(db, orgId, NOW, idleSinceMs, null)), `idle since ${new Date(idleSinceMs).toISOString()}`).toEqual(idle);
            // Through the counts endpoint's store, for each kind of source filter.
            const ownIdle = Object.fromEntries(Object.entries(idle).filter(([key]) => key.startsWith('tokenward ')));
            expect(asRecord(await store.countByKindAndStatus({ ...search, idleSinceMs }))).toEqual(ownIdle);
            const connected = Object.fromEntries(Object.entries(idle).filter(([key]) => !key.startsWith('tokenward ')));
            expect(asRecord(await store.countByKindAndStatus({ ...search, idleSinceMs, source: 'atlassian' }))).toEqual(connected);
          }
        };
        await idleChecks();
        // Folded, the same counts, and nothing left pending.
        await foldCountDeltas(db, dialect);
        expect(asRecord(await readMaintainedCounts(db, orgId, NOW, EVERY))).toEqual(expected);
        await idleChecks();
        for (const table of ['token_count_deltas', 'token_idle_count_deltas'] as const) {
          const pending = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
          expect(Number(pending.n)).toBe(0);
        }
      }),
      { numRuns: dialect === 'postgres' ? 25 : 60 },
    );
  }, 240_000);

  it.runIf(dialect === 'postgres')('let two transactions change tokens of two orgs in opposite orders without waiting on each other', async () => {
    const { db } = database.handle;
    const issue = { op: 'issue' as const, owner: 3, expiresInHours: null, usedHoursAgo: null, createdHoursAgo: 100, scopes: ['read:jira-work'] };
    const orgs = [await run(db, dialect, [issue, issue], 20_000), await run(db, dialect, [issue, issue], 20_001)];
    const tokensOf = async (orgId: string) => (await db.selectFrom('tokens').select('id').where('org_id', '=', orgId).orderBy('id').execute()).map((t) => t.id);
    const [[a1, a2], [b1, b2]] = [await tokensOf(orgs[0]!), await tokensOf(orgs[1]!)];
    const revoke = (tx: Kysely<Database>, id: string | undefined) => tx.updateTable('tokens').set({ status: 'revoked' }).where('id', '=', id!).execute();
    let firstDone!: () => void;
    let secondDone!: () => void;
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    const second = new Promise<void>((resolve) => (secondDone = resolve));
    // Each holds its first org's change uncommitted while it changes the other org's tokens: had
    // the triggers locked count rows, each would wait on the other (a deadlock, one aborted).
    await Promise.all([
      db.transaction().execute(async (tx) => {
        await revoke(tx, a1);
        firstDone();
        await second;
        await revoke(tx, b1);
      }),
      db.transaction().execute(async (tx) => {
        await first;
        await revoke(tx, b2);
        secondDone();
        await revoke(tx, a2);
      }),
    ]);
    for (const orgId of orgs) {
      expect(asRecord(await readMaintainedCounts(db, orgId, NOW, EVERY))).toEqual({ 'tokenward service_account revoked': 2 });
      expect(asRecord(await readMaintainedCounts(db, orgId, NOW, EVERY))).toEqual(await countedRowByRow(db, orgId));
    }
  });

  it.runIf(dialect === 'postgres')('sweep expiry marks past rows another transaction holds, and the counts stay exact', async () => {
    const { db } = database.handle;
    const expired = { op: 'issue' as const, owner: 3, expiresInHours: -2, usedHoursAgo: 50, createdHoursAgo: 100, scopes: [] };
    const orgId = await run(db, dialect, [expired, expired], 30_000);
    const [held, free] = (await db.selectFrom('tokens').select('id').where('org_id', '=', orgId).orderBy('id').execute()).map((t) => t.id);
    const markOf = async (id: string | undefined) => (await db.selectFrom('tokens').select('expiry_passed').where('id', '=', id!).executeTakeFirstOrThrow()).expiry_passed;
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('tokens').set({ label: 'held' }).where('id', '=', held!).execute();
      // Had the sweep waited on the held row, this would time out.
      await Promise.race([sweepExpiryMarks(db, dialect, NOW), new Promise((_, reject) => setTimeout(() => reject(new Error('the sweep waited')), 5000))]);
      expect([await markOf(held), await markOf(free)]).toEqual([0, 1]);
      expect(asRecord(await readIdleCounts(db, orgId, NOW, NOW - 24 * HOUR, null))).toEqual({ 'tokenward service_account expired': 2 });
    });
    await sweepExpiryMarks(db, dialect, NOW);
    expect(await markOf(held)).toBe(1);
    expect(asRecord(await readIdleCounts(db, orgId, NOW, NOW - 24 * HOUR, null))).toEqual(await countedRowByRow(db, orgId, null, false, null, NOW - 24 * HOUR));
  });

  it('answer the Atlassian-compatible counts with a deactivated person\'s usable tokens blocked', async () => {
    const { db } = database.handle;
    const issue = (owner: number, expiresInHours: number | null): Op => ({ op: 'issue', owner, expiresInHours, usedHoursAgo: null, createdHoursAgo: 1, scopes: [] });
    const ops: Op[] = [issue(0, null), issue(0, -5), issue(1, null), issue(1, 5), issue(1, -5), { op: 'setUserStatus', user: 1, to: 'deactivated' }];
    const orgId = await run(db, dialect, ops, 40_000);
    const atlassian = createTokenSearchStore(db, dialect);
    const counted = (status: 'allowed' | 'blocked' | null, expiresAt?: DateBounds) =>
      atlassian.count({ orgId, kind: 'user', q: null, status, keyType: null, dates: expiresAt ? { expiresAt } : {}, nowMs: NOW });
    expect([await counted(null), await counted('allowed'), await counted('blocked')]).toEqual([5, 1, 4]);
    const fromNow = { minMs: NOW, maxMs: null, includeNull: false };
    expect([await counted(null, fromNow), await counted('allowed', fromNow), await counted('blocked', fromNow)]).toEqual([1, 0, 1]);
  });

  it('are filled for tokens that existed before the migration', async () => {
    const { db } = database.handle;
    const orgId = await run(db, dialect, [
      { op: 'issue', owner: 0, expiresInHours: -2, usedHoursAgo: 1, createdHoursAgo: 100, scopes: ['read:jira-work'] },
      { op: 'issue', owner: 3, expiresInHours: 5, usedHoursAgo: null, createdHoursAgo: 100, scopes: ['read:jira-work', 'write:jira-work'] },
      { op: 'issue', owner: 5, expiresInHours: null, usedHoursAgo: null, createdHoursAgo: 100, scopes: [] },
      { op: 'revoke', pick: 2 },
    ], 10_000);
    // Undo migration 0021 and run it again over the tokens already there.
    const { down, up } = await import('../../src/store/migrations/0021_token_counts.js');
    await down(db as unknown as Kysely<any>, dialect);
    await up(db as unknown as Kysely<any>, dialect);
    expect(asRecord(await readMaintainedCounts(db, orgId, NOW, EVERY))).toEqual(await countedRowByRow(db, orgId));
    expect(asRecord(await readMaintainedCounts(db, orgId, NOW, EVERY))).toEqual({ 'tokenward user expired': 1, 'tokenward service_account active': 1, 'tokenward admin_key revoked': 1 });
    expect(asRecord(await readMaintainedCounts(db, orgId, NOW, { source: null, scope: 'write:jira-work', expiry: null }))).toEqual({ 'tokenward service_account active': 1 });
    const search = { orgId, kinds: [], statuses: [], q: null, dates: {}, scope: 'read:jira-work', neverUsed: true, idleSinceMs: null, ownerId: null, nowMs: NOW, source: null, tag: null, hasPurpose: null };
    expect(asRecord(await createOrgTokenStore(db, dialect).countByKindAndStatus(search))).toEqual({ 'tokenward service_account active': 1 });
    // And the idle counts: migration 0022 marks by the real clock, so the token expiring after NOW is
    // marked as past and the reader moves it back.
    const idleCounts = await import('../../src/store/migrations/0022_idle_counts.js');
    const neverUsedApart = await import('../../src/store/migrations/0025_idle_cells_never_used.js');
    await idleCounts.down(db as unknown as Kysely<any>, dialect);
    await idleCounts.up(db as unknown as Kysely<any>, dialect);
    // Then the cells rebuilt with never-used tokens apart, as an existing database is migrated; and
    // once more after undoing it, which puts 0022's cells and triggers back.
    await neverUsedApart.up(db as unknown as Kysely<any>, dialect);
    await neverUsedApart.down(db as unknown as Kysely<any>, dialect);
    await neverUsedApart.up(db as unknown as Kysely<any>, dialect);
    for (const idleSinceMs of [NOW, NOW - 2 * HOUR, NOW - 200 * HOUR]) {
      expect(asRecord(await readIdleCounts(db, orgId, NOW, idleSinceMs, null))).toEqual(await countedRowByRow(db, orgId, null, false, null, idleSinceMs));
    }
    expect(asRecord(await readIdleCounts(db, orgId, NOW, NOW - 2 * HOUR, null))).toEqual({ 'tokenward service_account active': 1, 'tokenward admin_key revoked': 1 });
  });
});
