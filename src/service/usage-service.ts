/**
 * The activity API's use cases: a token's usage events (filtered, keyset pages, newest
 * first) and summary (per day, route and IP, first and last seen); the org's top tokens and tokens
 * used from new IPs. Plus the retention purge of raw events, for the automation jobs.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { decodeCursor, encodeCursor, queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import type { Token } from '../domain/models.js';
import { dayOf, dayToIsoDate } from '../domain/usage.js';
import { DAY_MS } from '../domain/time.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { createUsageQueries, type EventPosition, type UsageEventFilter, type UsageEventRow } from '../store/usage-queries.js';
import { createUsageStore } from '../store/usage-store.js';

/** Raw events are kept this long by default; aggregates stay. */
export const DEFAULT_USAGE_RETENTION_DAYS = 90;
export const DEFAULT_EVENTS_PAGE_SIZE = 100;
export const MAX_EVENTS_PAGE_SIZE = 1000;
const PURGE_BATCH = 5000;
/** How many routes and IPs a summary lists (the busiest ones). */
const SUMMARY_ROWS = 100;

export interface EventQuery extends UsageEventFilter {
  pageSize?: number | undefined;
  cursor?: string | undefined;
}

export interface UsageServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
}

export function createUsageService(deps: UsageServiceDeps) {
  const { db, clock, cursorKey } = deps;
  const queries = createUsageQueries(db);
  const stores = createStores(db);

  async function mustFindToken(orgId: string, tokenId: string): Promise<Token> {
    const token = await stores.tokens.findById(orgId, tokenId);
    if (!token) throw new DomainError('TOKEN_NOT_FOUND');
    return token;
  }

  const sinceDayOf = (days: number) => dayOf(clock().getTime()) - (days - 1);

  /**
   * Marks the event where the token was first used from an address (or with a user agent) it had
   * not used before: the token's very first call is not marked (everything is new then). Two
   * indexed queries per page, whatever its length.
   */
  async function markFirstSeen(tokenId: string, items: readonly UsageEventRow[]) {
    const ips = [...new Set(items.flatMap((e) => (e.ip ? [e.ip] : [])))];
    const agents = [...new Set(items.flatMap((e) => (e.userAgent ? [e.userAgent] : [])))];
    const [totals, ipFirst, agentFirst] = await Promise.all([queries.tokenTotals(tokenId), queries.firstSeenOfIps(tokenId, ips), queries.firstSeenOfUserAgents(tokenId, agents)]);
    const tokenFirst = totals.firstAtMs ?? Number.POSITIVE_INFINITY;
    // Oldest first, so that of two calls in the same millisecond only the earlier row is marked.
    const claimedIps = new Set<string>();
    const claimedAgents = new Set<string>();
    const marked = [...items].reverse().map((event) => {
      const ipAt = event.ip ? ipFirst.get(event.ip) : undefined;
      const agentAt = event.userAgent ? agentFirst.get(event.userAgent) : undefined;
      const isNewIp = ipAt !== undefined && ipAt > tokenFirst && ipAt >= event.atMs && ipAt <= event.lastAtMs && !claimedIps.has(event.ip!);
      const isNewUserAgent = agentAt !== undefined && agentAt > tokenFirst && agentAt === event.atMs && !claimedAgents.has(event.userAgent!);
      if (isNewIp) claimedIps.add(event.ip!);
      if (isNewUserAgent) claimedAgents.add(event.userAgent!);
      return { ...event, isNewIp, isNewUserAgent };
    });
    return marked.reverse();
  }

  const service = {
    /** A token's usage events, newest first; `next` is the cursor of the following page. */
    async listTokenEvents(orgId: string, tokenId: string, query: EventQuery) {
      await mustFindToken(orgId, tokenId);
      const filter: UsageEventFilter = { fromMs: query.fromMs, toMs: query.toMs, code: query.code, route: query.route, ip: query.ip };
      const fingerprint = queryFingerprint({ list: 'usage-events', orgId, tokenId, ...filter });
      const limit = Math.min(Math.max(Math.trunc(query.pageSize ?? DEFAULT_EVENTS_PAGE_SIZE), 1), MAX_EVENTS_PAGE_SIZE);
      let after: EventPosition | null = null;
      if (query.cursor) {
        const { a } = decodeCursor(cursorKey, fingerprint, query.cursor);
        if (!Array.isArray(a) || a.length !== 2 || !Number.isSafeInteger(a[0]) || !Number.isSafeInteger(a[1])) throw new DomainError('INVALID_PAGE_CURSOR');
        after = { atMs: a[0] as number, seq: a[1] as number };
      }
      const { items, hasMore } = await queries.eventsOfToken(tokenId, filter, after, limit);
      const last = items[items.length - 1];
      const marked = await markFirstSeen(tokenId, items);
      return { items: marked, next: hasMore && last ? encodeCursor(cursorKey, fingerprint, { a: [last.atMs, last.seq] }) : null };
    },

    /** Usage of one token over the last `days` UTC days (today included), and all-time first and last use. */
    async tokenSummary(orgId: string, tokenId: string, days: number) {
      await mustFindToken(orgId, tokenId);
      const sinceDay = sinceDayOf(days);
      const [totals, daily, routes, ips] = await Promise.all([
        queries.tokenTotals(tokenId),
        queries.dailyOfToken(tokenId, sinceDay),
        queries.routesOfToken(tokenId, sinceDay, SUMMARY_ROWS),
        queries.ipsOfToken(tokenId, sinceDay * DAY_MS, SUMMARY_ROWS),
      ]);
      return {
        tokenId,
        days,
        firstSeenAt: totals.firstAtMs === null ? null : new Date(totals.firstAtMs),
        lastSeenAt: totals.lastAtMs === null ? null : new Date(totals.lastAtMs),
        totals: { calls: totals.calls, errors: totals.errors },
        perDay: daily.map((row) => ({ date: dayToIsoDate(row.day), calls: row.calls, errors: row.errors, distinctIps: row.distinctIps })),
        perRoute: routes,
        perIp: ips.map((row) => ({ ip: row.ip, calls: row.calls, firstSeenAt: new Date(row.firstSeenAtMs), lastSeenAt: new Date(row.lastSeenAtMs) })),
      };
    },

    /**
     * The org's calls per UTC day over the last `days` days, today included, every day present
     * (zero when nothing was called), oldest first: the console overview's chart.
     */
    async orgDaily(orgId: string, days: number) {
      const sinceDay = sinceDayOf(days);
      const byDay = new Map((await queries.dailyOfOrg(orgId, sinceDay)).map((row) => [row.day, row]));
      const perDay = Array.from({ length: days }, (_, index) => {
        const day = sinceDay + index;
        const row = byDay.get(day);
        return { date: dayToIsoDate(day), calls: row?.calls ?? 0, errors: row?.errors ?? 0, tokens: row?.tokens ?? 0 };
      });
      const totals = perDay.reduce((sum, row) => ({ calls: sum.calls + row.calls, errors: sum.errors + row.errors }), { calls: 0, errors: 0 });
      return { days, totals, perDay };
    },

    /**
     * A member's own token's summary (`GET /api/v1/me/tokens/{id}/usage/summary`): a token
     * that is not theirs answers TOKEN_NOT_FOUND, exactly as one that does not exist.
     */
    async ownTokenSummary(orgId: string, userId: string, tokenId: string, days: number) {
      const token = await stores.tokens.findById(orgId, tokenId);
      if (!token || token.owner?.type !== 'user' || token.owner.id !== userId) throw new DomainError('TOKEN_NOT_FOUND');
      return service.tokenSummary(orgId, tokenId, days);
    },

    async topTokens(orgId: string, days: number, limit: number) {
      const rows = await queries.topTokens(orgId, sinceDayOf(days), limit);
      return rows.map((row) => ({
        tokenId: row.tokenId,
        label: row.label,
        kind: row.kind,
        owner: row.ownerUserId ? { type: 'user', id: row.ownerUserId } : row.ownerServiceAccountId ? { type: 'service_account', id: row.ownerServiceAccountId } : null,
        calls: row.calls,
        errors: row.errors,
        lastSeenAt: new Date(row.lastAtMs),
      }));
    },

    async newIps(orgId: string, days: number, limit: number) {
      const rows = await queries.newIps(orgId, sinceDayOf(days) * DAY_MS, limit);
      return rows.map((row) => ({
        tokenId: row.tokenId,
        label: row.label,
        kind: row.kind,
        ip: row.ip,
        calls: row.calls,
        firstSeenAt: new Date(row.firstSeenAtMs),
        lastSeenAt: new Date(row.lastSeenAtMs),
      }));
    },

    /**
     * Deletes raw usage events older than the retention, in short batches (other writers go in
     * between); aggregates stay. For the scheduled jobs. Returns how many went.
     */
    async purgeUsageEvents(retentionDays = DEFAULT_USAGE_RETENTION_DAYS): Promise<number> {
      const beforeMs = clock().getTime() - retentionDays * DAY_MS;
      const store = createUsageStore(db);
      let total = 0;
      for (;;) {
        const deleted = await store.purgeEventsBefore(beforeMs, PURGE_BATCH);
        total += deleted;
        if (deleted < PURGE_BATCH) return total;
      }
    },
  };
  return service;
}

export type UsageService = ReturnType<typeof createUsageService>;
