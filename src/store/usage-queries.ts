/**
 * Reads of usage for the activity API. Every read is a fixed number of indexed queries,
 * whatever the number of rows: pages by keyset on `(at, seq)`, summaries grouped in SQL.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.js';

export interface UsageEventRow {
  seq: number;
  atMs: number;
  lastAtMs: number;
  count: number;
  tokenId: string | null;
  code: string;
  method: string | null;
  route: string | null;
  ip: string | null;
  userAgent: string | null;
  upstreamStatus: number | null;
  upstreamAccount: string | null;
}

export interface UsageEventFilter {
  fromMs?: number | undefined;
  toMs?: number | undefined;
  code?: string | undefined;
  route?: string | undefined;
  ip?: string | undefined;
}

/** Newest first: the page continues strictly before `(atMs, seq)`. */
export interface EventPosition {
  atMs: number;
  seq: number;
}

const num = (value: unknown): number => Number(value ?? 0);

export function createUsageQueries(db: Kysely<Database>) {
  return {
    async eventsOfToken(tokenId: string, filter: UsageEventFilter, after: EventPosition | null, limit: number): Promise<{ items: UsageEventRow[]; hasMore: boolean }> {
      let query = db.selectFrom('usage_events').selectAll().where('token_id', '=', tokenId);
      if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
      if (filter.toMs !== undefined) query = query.where('at', '<', filter.toMs);
      if (filter.code !== undefined) query = query.where('code', '=', filter.code);
      if (filter.route !== undefined) query = query.where('route', '=', filter.route);
      if (filter.ip !== undefined) query = query.where('ip', '=', filter.ip);
      if (after) query = query.where(sql<SqlBool>`(at, seq) < (${after.atMs}, ${after.seq})`);
      const rows = await query.orderBy('at', 'desc').orderBy('seq', 'desc').limit(limit + 1).execute();
      return {
        items: rows.slice(0, limit).map((row) => ({
          seq: num(row.seq),
          atMs: num(row.at),
          lastAtMs: num(row.last_at),
          count: num(row.count),
          tokenId: row.token_id,
          code: row.code,
          method: row.method,
          route: row.route,
          ip: row.ip,
          userAgent: row.user_agent,
          upstreamStatus: row.upstream_status,
          upstreamAccount: row.upstream_account,
        })),
        hasMore: rows.length > limit,
      };
    },

    /** When the token was first used from each of `ips` (one indexed query for a page of events). */
    async firstSeenOfIps(tokenId: string, ips: readonly string[]): Promise<Map<string, number>> {
      if (ips.length === 0) return new Map();
      const rows = await db.selectFrom('token_ips').select(['ip', 'first_seen_at']).where('token_id', '=', tokenId).where('ip', 'in', [...ips]).execute();
      return new Map(rows.map((row) => [row.ip, num(row.first_seen_at)]));
    },

    /** The earliest kept event of the token with each of `agents` (events are kept 90 days by default). */
    async firstSeenOfUserAgents(tokenId: string, agents: readonly string[]): Promise<Map<string, number>> {
      if (agents.length === 0) return new Map();
      const rows = await db
        .selectFrom('usage_events')
        .select(['user_agent', (eb) => eb.fn.min('at').as('first_at')])
        .where('token_id', '=', tokenId)
        .where('user_agent', 'in', [...agents])
        .groupBy('user_agent')
        .execute();
      return new Map(rows.map((row) => [row.user_agent ?? '', num(row.first_at)]));
    },

    /** First and last use ever, and totals, from the daily aggregates (they outlive raw events). */
    async tokenTotals(tokenId: string): Promise<{ calls: number; errors: number; firstAtMs: number | null; lastAtMs: number | null }> {
      const row = await db
        .selectFrom('usage_daily')
        .select((eb) => [eb.fn.sum<number>('calls').as('calls'), eb.fn.sum<number>('errors').as('errors'), eb.fn.min('first_at').as('first'), eb.fn.max('last_at').as('last')])
        .where('token_id', '=', tokenId)
        .executeTakeFirst();
      return {
        calls: num(row?.calls),
        errors: num(row?.errors),
        firstAtMs: row?.first == null ? null : num(row.first),
        lastAtMs: row?.last == null ? null : num(row.last),
      };
    },

    async dailyOfToken(tokenId: string, sinceDay: number) {
      const days = await db
        .selectFrom('usage_daily')
        .select(['day', 'calls', 'errors'])
        .where('token_id', '=', tokenId)
        .where('day', '>=', sinceDay)
        .orderBy('day')
        .execute();
      const ips = await db
        .selectFrom('usage_daily_ips')
        .select(['day', (eb) => eb.fn.countAll<number>().as('ips')])
        .where('token_id', '=', tokenId)
        .where('day', '>=', sinceDay)
        .where('ip', '<>', '')
        .groupBy('day')
        .execute();
      const ipsByDay = new Map(ips.map((row) => [num(row.day), num(row.ips)]));
      return days.map((row) => ({ day: num(row.day), calls: num(row.calls), errors: num(row.errors), distinctIps: ipsByDay.get(num(row.day)) ?? 0 }));
    },

    async routesOfToken(tokenId: string, sinceDay: number, limit: number) {
      const rows = await db
        .selectFrom('usage_daily_routes')
        .select(['method', 'route', (eb) => eb.fn.sum<number>('calls').as('calls'), (eb) => eb.fn.sum<number>('errors').as('errors')])
        .where('token_id', '=', tokenId)
        .where('day', '>=', sinceDay)
        .groupBy(['method', 'route'])
        .orderBy('calls', 'desc')
        .orderBy('method')
        .orderBy('route')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ method: row.method || null, route: row.route || null, calls: num(row.calls), errors: num(row.errors) }));
    },

    async ipsOfToken(tokenId: string, sinceMs: number, limit: number) {
      const rows = await db
        .selectFrom('token_ips')
        .selectAll()
        .where('token_id', '=', tokenId)
        .where('last_seen_at', '>=', sinceMs)
        .orderBy('last_seen_at', 'desc')
        .orderBy('ip')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ip: row.ip || null, calls: num(row.calls), firstSeenAtMs: num(row.first_seen_at), lastSeenAtMs: num(row.last_seen_at) }));
    },

    /**
     * The org's verified calls per UTC day since `sinceDay`, from the daily aggregates (index
     * usage_daily_org_day_idx); days without calls are absent. Admin keys' own calls to the admin
     * API are left out: they are kept per key, but this is the traffic of the APIs being protected.
     */
    async dailyOfOrg(orgId: string, sinceDay: number) {
      const rows = await db
        .selectFrom('usage_daily as d')
        .innerJoin('tokens as t', 't.id', 'd.token_id')
        .select(['d.day as day', (eb) => eb.fn.sum<number>('d.calls').as('calls'), (eb) => eb.fn.sum<number>('d.errors').as('errors'), (eb) => eb.fn.countAll<number>().as('tokens')])
        .where('d.org_id', '=', orgId)
        .where('d.day', '>=', sinceDay)
        .where('t.kind', '<>', 'admin_key')
        .groupBy('d.day')
        .orderBy('d.day')
        .execute();
      return rows.map((row) => ({ day: num(row.day), calls: num(row.calls), errors: num(row.errors), tokens: num(row.tokens) }));
    },

    /** The org's most used tokens since `sinceDay`, with their label and kind (one joined query). */
    async topTokens(orgId: string, sinceDay: number, limit: number) {
      const rows = await db
        .selectFrom('usage_daily as d')
        .innerJoin('tokens as t', 't.id', 'd.token_id')
        .select([
          'd.token_id as tokenId',
          't.label as label',
          't.kind as kind',
          't.owner_user_id as ownerUserId',
          't.owner_service_account_id as ownerServiceAccountId',
          (eb) => eb.fn.sum<number>('d.calls').as('calls'),
          (eb) => eb.fn.sum<number>('d.errors').as('errors'),
          (eb) => eb.fn.max('d.last_at').as('lastAt'),
        ])
        .where('d.org_id', '=', orgId)
        .where('d.day', '>=', sinceDay)
        .groupBy(['d.token_id', 't.label', 't.kind', 't.owner_user_id', 't.owner_service_account_id'])
        .orderBy('calls', 'desc')
        .orderBy('d.token_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...row, calls: num(row.calls), errors: num(row.errors), lastAtMs: num(row.lastAt) }));
    },

    /**
     * IPs first seen since `sinceMs` by tokens that were already in use from other IPs before it:
     * a known token showing up somewhere new (a brand-new token's first IPs are not "new").
     */
    async newIps(orgId: string, sinceMs: number, limit: number) {
      const rows = await db
        .selectFrom('token_ips as n')
        .innerJoin('tokens as t', 't.id', 'n.token_id')
        .select(['n.token_id as tokenId', 't.label as label', 't.kind as kind', 'n.ip as ip', 'n.first_seen_at as firstSeenAt', 'n.last_seen_at as lastSeenAt', 'n.calls as calls'])
        .where('n.org_id', '=', orgId)
        .where('n.first_seen_at', '>=', sinceMs)
        .where('n.ip', '<>', '')
        .where(({ exists, selectFrom }) =>
          exists(selectFrom('token_ips as o').select('o.ip').whereRef('o.token_id', '=', 'n.token_id').where('o.first_seen_at', '<', sinceMs)),
        )
        .orderBy('n.first_seen_at', 'desc')
        .orderBy('n.token_id')
        .orderBy('n.ip')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...row, firstSeenAtMs: num(row.firstSeenAt), lastSeenAtMs: num(row.lastSeenAt), calls: num(row.calls) }));
    },
  };
}

export type UsageQueries = ReturnType<typeof createUsageQueries>;
