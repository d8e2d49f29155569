/**
 * Writes of usage: one batch per transaction, raw events as multi-row inserts, the
 * aggregates as upserts adding to what is there, and `tokens.last_active_at` moved forward only
 * (that column feeds the inventory's last-activity index, which follows it). The same SQL on
 * SQLite and PostgreSQL: `ON CONFLICT ... DO UPDATE` and `UPDATE ... FROM (VALUES ...)` exist in both.
 */
import { sql, type Kysely } from 'kysely';
import type { UsageBatch } from '../domain/usage.js';
import type { Database } from './schema.js';

/** Rows per statement: 10 parameters a row stays far below both dialects' parameter limits. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const sum = (table: string, column: string) => sql`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`;
const least = (table: string, column: string) =>
  sql`case when ${sql.ref(`excluded.${column}`)} < ${sql.ref(`${table}.${column}`)} then ${sql.ref(`excluded.${column}`)} else ${sql.ref(`${table}.${column}`)} end`;
const greatest = (table: string, column: string) =>
  sql`case when ${sql.ref(`excluded.${column}`)} > ${sql.ref(`${table}.${column}`)} then ${sql.ref(`excluded.${column}`)} else ${sql.ref(`${table}.${column}`)} end`;

export function createUsageStore(db: Kysely<Database>) {
  return {
    /** Writes one folded batch; call inside a transaction so it lands whole or not at all. */
    async writeBatch(batch: UsageBatch): Promise<void> {
      for (const rows of chunks(batch.events)) {
        await db
          .insertInto('usage_events')
          .values(
            rows.map((e) => ({
              org_id: e.orgId,
              token_id: e.tokenId,
              at: e.atMs,
              last_at: e.lastAtMs,
              count: e.count,
              code: e.code,
              method: e.method,
              route: e.route,
              ip: e.ip,
              user_agent: e.userAgent,
              upstream_status: e.upstreamStatus,
              upstream_account: e.upstreamAccount ?? null,
            })),
          )
          .execute();
      }
      for (const rows of chunks(batch.daily)) {
        await db
          .insertInto('usage_daily')
          .values(rows.map((r) => ({ token_id: r.tokenId, day: r.day, org_id: r.orgId, calls: r.calls, errors: r.errors, first_at: r.firstAtMs, last_at: r.lastAtMs })))
          .onConflict((oc) =>
            oc.columns(['token_id', 'day']).doUpdateSet({
              calls: sum('usage_daily', 'calls'),
              errors: sum('usage_daily', 'errors'),
              first_at: least('usage_daily', 'first_at'),
              last_at: greatest('usage_daily', 'last_at'),
            } as never),
          )
          .execute();
      }
      for (const rows of chunks(batch.routes)) {
        await db
          .insertInto('usage_daily_routes')
          .values(rows.map((r) => ({ token_id: r.tokenId, day: r.day, method: r.method, route: r.route, org_id: r.orgId, calls: r.calls, errors: r.errors })))
          .onConflict((oc) =>
            oc.columns(['token_id', 'day', 'method', 'route']).doUpdateSet({ calls: sum('usage_daily_routes', 'calls'), errors: sum('usage_daily_routes', 'errors') } as never),
          )
          .execute();
      }
      for (const rows of chunks(batch.dailyIps)) {
        await db
          .insertInto('usage_daily_ips')
          .values(rows.map((r) => ({ token_id: r.tokenId, day: r.day, ip: r.ip, org_id: r.orgId, calls: r.calls })))
          .onConflict((oc) => oc.columns(['token_id', 'day', 'ip']).doUpdateSet({ calls: sum('usage_daily_ips', 'calls') } as never))
          .execute();
      }
      for (const rows of chunks(batch.tokenIps)) {
        await db
          .insertInto('token_ips')
          .values(rows.map((r) => ({ token_id: r.tokenId, ip: r.ip, org_id: r.orgId, first_seen_at: r.firstAtMs, last_seen_at: r.lastAtMs, calls: r.calls })))
          .onConflict((oc) =>
            oc.columns(['token_id', 'ip']).doUpdateSet({
              calls: sum('token_ips', 'calls'),
              first_seen_at: least('token_ips', 'first_seen_at'),
              last_seen_at: greatest('token_ips', 'last_seen_at'),
            } as never),
          )
          .execute();
      }
      for (const rows of chunks(batch.lastActive)) {
        const values = sql.join(rows.map((r) => sql`(${r.tokenId}, cast(${r.atMs} as bigint), cast(${r.ip} as varchar(64)))`));
        // VALUES columns are named column1, column2, column3 in both dialects. The IP of the latest
        // use feeds the policy impact preview's IP check (docs/policies.md).
        await sql`
          update tokens set last_active_at = v.column2, last_active_ip = coalesce(v.column3, tokens.last_active_ip)
          from (values ${values}) as v
          where tokens.id = v.column1 and (tokens.last_active_at is null or tokens.last_active_at < v.column2)`.execute(db);
      }
    },

    /** Deletes raw events older than `beforeMs`, at most `limit` rows; returns how many went. */
    async purgeEventsBefore(beforeMs: number, limit: number): Promise<number> {
      const result = await db
        .deleteFrom('usage_events')
        .where('seq', 'in', db.selectFrom('usage_events').select('seq').where('at', '<', beforeMs).limit(limit))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type UsageStore = ReturnType<typeof createUsageStore>;
