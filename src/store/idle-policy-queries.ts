/**
 * Tokens idle past their owner's policy, judged in SQL: each owner's governing policy is resolved
 * in the query (the precedence of the domain's `comparePrecedence`: higher priority, then a direct
 * assignment over a group's, then the older policy, then the smaller id; the default policy when
 * no enabled policy is assigned), so only the tokens a job acts on leave the database, and the
 * console's "idle past policy" figure is a count, not a load of every active token.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Token } from '../domain/models.js';
import { DAY_MS } from '../domain/time.js';
import type { Database, TokenTable } from './schema.js';
import { toToken } from './token-store.js';

/** Idle limits in days (null: never revoked for idleness), already with the org setting as fallback. */
export interface IdleLimits {
  /** Each policy's limit, by policy id (the default policy's included). */
  byPolicy: ReadonlyMap<string, number | null>;
  /** The default policy's id: it governs owners no enabled policy is assigned to. */
  defaultPolicyId: string;
  /** Tokens without an owner. */
  ownerless: number | null;
}

export interface IdleToken {
  token: Token;
  revokeAfterDays: number;
}

export function createIdlePolicyQueries(db: Kysely<Database>) {
  /**
   * Active, unexpired user and service-account tokens of the org with their limit, idle for at
   * least `limit - slackDays` days. The limit of a token: its owner's winning policy's.
   */
  function idleTokens(orgId: string, nowMs: number, limits: IdleLimits, slackDays: number) {
    const limitOf = (policyId: RawBuilder<unknown>) => {
      const arms = [...limits.byPolicy].map(([id, days]) => sql`when ${id} then cast(${days} as bigint)`);
      return arms.length === 0 ? sql`cast(null as bigint)` : sql`(case ${policyId} ${sql.join(arms, sql` `)} else cast(null as bigint) end)`;
    };
    const candidates = sql`
      select pa.assignee_id as owner_id, p.id as policy_id, p.priority as priority, 0 as via_group, p.created_at as created_at
        from policy_assignments pa join policies p on p.id = pa.policy_id
        where pa.org_id = ${orgId} and p.status = 'enabled' and p.is_default = 0 and pa.assignee_type in ('user', 'service_account')
      union all
      select gm.user_id, p.id, p.priority, 1, p.created_at
        from policy_assignments pa join policies p on p.id = pa.policy_id join group_members gm on gm.group_id = pa.assignee_id
        where pa.org_id = ${orgId} and p.status = 'enabled' and p.is_default = 0 and pa.assignee_type = 'group'`;
    const since = sql`coalesce(t.last_active_at, t.created_at)`;
    const limit = sql`(case when coalesce(t.owner_user_id, t.owner_service_account_id) is null then cast(${limits.ownerless} as bigint)
      else ${limitOf(sql`coalesce(w.policy_id, ${limits.defaultPolicyId})`)} end)`;
    return sql`
      with ranked as (
        select owner_id, policy_id, row_number() over (partition by owner_id order by priority desc, via_group, created_at, policy_id) as rank
        from (${candidates}) c
      ),
      winners as (select owner_id, policy_id from ranked where rank = 1),
      governed as (
        select t.*, ${since} as idle_since, ${limit} as limit_days
        from tokens t left join winners w on w.owner_id = coalesce(t.owner_user_id, t.owner_service_account_id)
        where t.org_id = ${orgId} and t.status = 'active' and t.kind <> 'admin_key'
          and (t.expires_at is null or t.expires_at > ${nowMs})
      )
      select * from governed g
      where g.limit_days > 0 and g.idle_since <= ${nowMs} - (g.limit_days - ${slackDays}) * ${sql.lit(DAY_MS)}`;
  }

  type Row = Selectable<TokenTable> & { limit_days: number | string; idle_since: number | string; total?: number | string };
  const toIdle = (row: Row): IdleToken => ({ token: toToken(row), revokeAfterDays: Number(row.limit_days) });

  return {
    /** Every token the idle-revoke job may act on (idle past its limit, or inside the warning window), oldest first. */
    async actionable(orgId: string, now: Date, limits: IdleLimits, warningDays: number): Promise<IdleToken[]> {
      const result = await sql<Row>`${idleTokens(orgId, now.getTime(), limits, Math.max(0, warningDays))} order by g.created_at, g.id`.execute(db);
      return result.rows.map(toIdle);
    },

    /** How many tokens are idle past their limit, and the `limit` longest idle (then oldest) of them. */
    async pastLimit(orgId: string, now: Date, limits: IdleLimits, limit: number): Promise<{ total: number; longest: IdleToken[] }> {
      const nowMs = now.getTime();
      const result = await sql<Row>`
        select p.*, count(*) over () as total from (${idleTokens(orgId, nowMs, limits, 0)}) p
        order by (${nowMs} - p.idle_since) / ${sql.lit(DAY_MS)} desc, p.created_at, p.id
        limit ${limit}`.execute(db);
      const first = result.rows[0];
      if (first) return { total: Number(first.total), longest: result.rows.map(toIdle) };
      return { total: 0, longest: [] };
    },

    /** Tokens inside the warning window (idle at least `limit - warningDays` days, not yet past it), oldest first. */
    async inWarningWindow(orgId: string, now: Date, limits: IdleLimits, warningDays: number): Promise<IdleToken[]> {
      if (warningDays <= 0) return [];
      const nowMs = now.getTime();
      const result = await sql<Row>`
        select * from (${idleTokens(orgId, nowMs, limits, warningDays)}) w
        where w.idle_since > ${nowMs} - w.limit_days * ${sql.lit(DAY_MS)}
        order by w.created_at, w.id`.execute(db);
      return result.rows.map(toIdle);
    },
  };
}

export type IdlePolicyQueries = ReturnType<typeof createIdlePolicyQueries>;
