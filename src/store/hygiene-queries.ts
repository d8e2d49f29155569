/**
 * The queries of the hygiene jobs and of e-mail recipients: candidate tokens per job,
 * the notices already sent, the weekly digest's figures. Each is one statement (notices in chunks
 * of bounded size), whatever the number of tokens.
 */
import { sql, type Kysely } from 'kysely';
import type { Token } from '../domain/models.js';
import type { Database } from './schema.js';
import { toToken } from './token-store.js';
import { orgOfIdList } from './org-id-list.js';

const CHUNK = 500;

export function createHygieneQueries(db: Kysely<Database>) {
  return {
    /** Not revoked, expired at `now` or before. */
    async expiredUnrevoked(orgId: string, now: Date): Promise<Token[]> {
      const rows = await db
        .selectFrom('tokens')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('status', '!=', 'revoked')
        .where('expires_at', '<=', now.getTime())
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },

    /** Active tokens whose one-time delivery expired unredeemed at `now` or before. */
    async unretrievedDeliveries(orgId: string, now: Date): Promise<Array<{ tokenId: string; deliveryId: string; expiresAt: Date }>> {
      const rows = await db
        .selectFrom('token_deliveries as d')
        .innerJoin('tokens as t', 't.id', 'd.token_id')
        .select(['d.id as delivery_id', 'd.token_id', 'd.expires_at'])
        .where('d.org_id', '=', orgId)
        .where('d.redeemed_at', 'is', null)
        .where('d.expires_at', '<=', now.getTime())
        .where('t.status', '=', 'active')
        .orderBy('d.expires_at')
        .orderBy('d.id')
        .execute();
      return rows.map((row) => ({ tokenId: row.token_id, deliveryId: row.delivery_id, expiresAt: new Date(Number(row.expires_at)) }));
    },

    /** Active tokens expiring after `now` and at most `withinMs` later. */
    async expiringActive(orgId: string, now: Date, withinMs: number): Promise<Token[]> {
      const rows = await db
        .selectFrom('tokens')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('status', '=', 'active')
        .where('expires_at', '>', now.getTime())
        .where('expires_at', '<=', now.getTime() + withinMs)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },

    async tokensByIds(orgId: string, ids: readonly string[]): Promise<Map<string, Token>> {
      const found = new Map<string, Token>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await db.selectFrom('tokens').selectAll().where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', ids.slice(i, i + CHUNK)).execute();
        for (const row of rows) found.set(row.id, toToken(row));
      }
      return found;
    },

    /** `"<tokenId> <noticeKey>"` for every notice already recorded for these tokens. */
    async noticesOf(tokenIds: readonly string[]): Promise<Set<string>> {
      const seen = new Set<string>();
      for (let i = 0; i < tokenIds.length; i += CHUNK) {
        const rows = await db.selectFrom('token_notices').select(['token_id', 'notice_key']).where('token_id', 'in', tokenIds.slice(i, i + CHUNK)).execute();
        for (const row of rows) seen.add(`${row.token_id} ${row.notice_key}`);
      }
      return seen;
    },

    /** Records a notice; false when it was already recorded (the action is then skipped). */
    async insertNotice(tokenId: string, key: string, at: Date): Promise<boolean> {
      const result = await db
        .insertInto('token_notices')
        .values({ token_id: tokenId, notice_key: key, created_at: at.getTime() })
        .onConflict((oc) => oc.columns(['token_id', 'notice_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** E-mail addresses of active users: by id, or by role within orgs. */
    async activeUserEmails(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', [...ids]).where('status', '=', 'active').execute();
      return new Map(rows.map((r) => [r.id, r.email]));
    },
    async activeEmailsByRole(orgIds: readonly string[], roles: readonly string[]): Promise<Array<{ id: string; orgId: string; role: string; email: string }>> {
      if (orgIds.length === 0) return [];
      const rows = await db
        .selectFrom('users')
        .select(['id', 'org_id', 'role', 'email'])
        .where('org_id', 'in', [...orgIds])
        .where('role', 'in', [...roles])
        .where('status', '=', 'active')
        .execute();
      return rows.map((r) => ({ id: r.id, orgId: r.org_id, role: r.role, email: r.email }));
    },

    /** The weekly digest's figures for [from, to). */
    async digestFigures(orgId: string, from: Date, to: Date, staleBefore: Date, expiringBy: Date) {
      const f = from.getTime();
      const t = to.getTime();
      const counts = await db
        .selectFrom('tokens')
        .select([
          sql<number | string>`sum(case when created_at >= ${f} and created_at < ${t} then 1 else 0 end)`.as('created'),
          sql<number | string>`sum(case when revoked_at >= ${f} and revoked_at < ${t} then 1 else 0 end)`.as('revoked'),
          sql<number | string>`sum(case when status = 'active' and expires_at > ${t} and expires_at <= ${expiringBy.getTime()} then 1 else 0 end)`.as('expiring'),
          sql<number | string>`sum(case when status = 'active' and coalesce(last_active_at, created_at) < ${staleBefore.getTime()} and (expires_at is null or expires_at > ${t}) then 1 else 0 end)`.as('stale'),
        ])
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      const mostActive = await db
        .selectFrom('tokens')
        .select(['id', 'label', 'last_active_at'])
        .where('org_id', '=', orgId)
        .where('status', '=', 'active')
        .where('last_active_at', 'is not', null)
        .orderBy('last_active_at', 'desc')
        .orderBy('id')
        .limit(5)
        .execute();
      return {
        created: Number(counts?.created ?? 0),
        revoked: Number(counts?.revoked ?? 0),
        expiringWithin30Days: Number(counts?.expiring ?? 0),
        stale: Number(counts?.stale ?? 0),
        mostActive: mostActive.map((r) => ({ id: r.id, label: r.label, lastActiveAt: r.last_active_at === null ? null : new Date(r.last_active_at).toISOString() })),
      };
    },

    async unrevokedIdsOfServiceAccount(orgId: string, serviceAccountId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('tokens')
        .select('id')
        .where('org_id', '=', orgId)
        .where('owner_service_account_id', '=', serviceAccountId)
        .where('status', '!=', 'revoked')
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Events of the org dispatched and older than `before` with no delivery still to send, and
     * finished job runs older than `before`: what the outbox purge removes. `dryRun` only counts.
     */
    async purgeOutbox(orgId: string, before: Date, dryRun: boolean): Promise<{ events: number; jobRuns: number }> {
      const ms = before.getTime();
      const purgeable = (eb: any) =>
        eb.and([
          eb('org_id', '=', orgId),
          eb('occurred_at', '<', ms),
          eb('dispatched_at', 'is not', null),
          eb.not(eb.exists(eb.selectFrom('deliveries as d').select('d.id').whereRef('d.event_id', '=', 'events.id').where('d.status', 'in', ['pending', 'delivering']))),
        ]);
      const finishedRuns = (eb: any) => eb.and([eb('org_id', '=', orgId), eb('created_at', '<', ms), eb('status', 'in', ['succeeded', 'failed'])]);
      if (dryRun) {
        const events = await db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).where(purgeable).executeTakeFirst();
        const runs = await db.selectFrom('job_runs').select((eb) => eb.fn.countAll<number | string>().as('n')).where(finishedRuns).executeTakeFirst();
        return { events: Number(events?.n ?? 0), jobRuns: Number(runs?.n ?? 0) };
      }
      // Deliveries go with their event (on delete cascade).
      await db.deleteFrom('deliveries').where('event_id', 'in', (eb: any) => eb.selectFrom('events').select('id').where(purgeable)).execute();
      const events = await db.deleteFrom('events').where(purgeable).executeTakeFirst();
      const runs = await db.deleteFrom('job_runs').where(finishedRuns).executeTakeFirst();
      return { events: Number(events.numDeletedRows), jobRuns: Number(runs.numDeletedRows) };
    },

    /** Raw usage events of the org before `before` (the table): counted, or deleted. */
    async purgeUsage(orgId: string, before: Date, dryRun: boolean): Promise<number> {
      const where = (eb: any) => eb.and([eb('org_id', '=', orgId), eb('at', '<', before.getTime())]);
      if (dryRun) {
        const row = await db.selectFrom('usage_events').select((eb) => eb.fn.countAll<number | string>().as('n')).where(where).executeTakeFirst();
        return Number(row?.n ?? 0);
      }
      const result = await db.deleteFrom('usage_events').where(where).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Token requests (the approvals) still pending and filed at or before `filedBy`. */
    async pendingRequests(orgId: string, filedBy: Date): Promise<Array<{ id: string; createdAt: Date }>> {
      const rows = await db
        .selectFrom('token_requests')
        .select(['id', 'created_at'])
        .where('org_id', '=', orgId)
        .where('status', '=', 'pending')
        .where('created_at', '<=', filedBy.getTime())
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at) }));
    },

    async isRequestPending(orgId: string, id: string): Promise<boolean> {
      const row = await db.selectFrom('token_requests').select('id').where('org_id', '=', orgId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return row !== undefined;
    },

    /** `"<request id> <reminder>"` of every approval reminder still in the outbox for the org. */
    async remindersSent(orgId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('events').select('payload').where('org_id', '=', orgId).where('type', '=', 'approval.reminder').execute();
      return new Set(
        rows.map((r) => {
          const payload = JSON.parse(r.payload) as { approvalId: string; reminder: number };
          return `${payload.approvalId} ${payload.reminder}`;
        }),
      );
    },

    async orgIds(): Promise<string[]> {
      const rows = await db.selectFrom('organizations').select('id').orderBy('created_at').execute();
      return rows.map((r) => r.id);
    },
  };
}

export type HygieneQueries = ReturnType<typeof createHygieneQueries>;
