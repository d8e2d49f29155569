/**
 * Reads behind "who governs what" in the console: the policy candidates of a whole page of token
 * owners in one query, live tokens per owner, and the per-row columns of the people and service
 * account lists (groups, live tokens, last sign-in, last use, accountable owner), each one query
 * for the whole page.
 */
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { TokenOwner } from '../domain/models.js';
import type { PolicyRule, PolicyStatus } from '../domain/policy.js';
import type { PolicyCandidate } from '../domain/policy-resolution.js';
import { toDate } from './rows.js';
import type { Database, PolicyTable } from './schema.js';

export const ownerKeyOf = (owner: TokenOwner): string => `${owner.type}:${owner.id}`;

function toPolicy(row: Selectable<PolicyTable>) {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    status: row.status as PolicyStatus,
    priority: row.priority,
    isDefault: row.is_default === 1,
    rule: JSON.parse(row.rule) as PolicyRule,
    assignees: { groupIds: [], userIds: [], serviceAccountIds: [] },
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export interface OwnerColumns {
  liveTokens: number;
  lastActiveAt: Date | null;
}

export function createGovernanceQueries(db: Kysely<Database>) {
  return {
    /**
     * Every policy that may govern each of `owners`, in one query: the default policy (for all),
     * direct assignments, and group assignments through the groups a person of the page belongs
     * to. Returns the default's candidates under the key `default` too, for owners with nothing else.
     */
    async candidatesForOwners(orgId: string, owners: readonly TokenOwner[]): Promise<{ byOwner: Map<string, PolicyCandidate[]>; defaults: PolicyCandidate[] }> {
      const userIds = [...new Set(owners.filter((o) => o.type === 'user').map((o) => o.id))];
      const accountIds = [...new Set(owners.filter((o) => o.type === 'service_account').map((o) => o.id))];
      const memberIn = userIds.length > 0 ? sql<SqlBool>`gm.user_id in (${sql.join(userIds)})` : sql<SqlBool>`1 = 0`;
      const direct: ReturnType<typeof sql<SqlBool>>[] = [];
      if (userIds.length > 0) direct.push(sql<SqlBool>`(pa.assignee_type = 'user' and pa.assignee_id in (${sql.join(userIds)}))`);
      if (accountIds.length > 0) direct.push(sql<SqlBool>`(pa.assignee_type = 'service_account' and pa.assignee_id in (${sql.join(accountIds)}))`);
      const result = await sql<Selectable<PolicyTable> & { assignee_type: string | null; assignee_id: string | null; member_id: string | null }>`
        select p.*, pa.assignee_type, pa.assignee_id, gm.user_id as member_id
        from policies p
        left join policy_assignments pa on pa.policy_id = p.id
        left join group_members gm on pa.assignee_type = 'group' and gm.group_id = pa.assignee_id and ${memberIn}
        where p.org_id = ${orgId}
          and (p.is_default = 1 or gm.user_id is not null ${direct.length > 0 ? sql`or ${sql.join(direct, sql` or `)}` : sql``})`.execute(db);
      const byOwner = new Map<string, PolicyCandidate[]>();
      const defaults: PolicyCandidate[] = [];
      const add = (key: string, candidate: PolicyCandidate) => byOwner.set(key, [...(byOwner.get(key) ?? []), candidate]);
      for (const row of result.rows) {
        const policy = toPolicy(row);
        if (policy.isDefault) defaults.push({ policy, via: { type: 'default' } });
        else if (row.assignee_type === 'group' && row.member_id) add(`user:${row.member_id}`, { policy, via: { type: 'group', id: row.assignee_id!, name: null } });
        else if (row.assignee_type === 'user' || row.assignee_type === 'service_account') add(`${row.assignee_type}:${row.assignee_id!}`, { policy, via: { type: row.assignee_type, id: row.assignee_id! } });
      }
      return { byOwner, defaults };
    },

    /**
     * Live tokens (active, not past expiry) per owner, Tokenward's and connected systems' matched
     * to a person, keyed as `ownerKeyOf`; with `ownerIds`, only theirs. One query.
     */
    async liveTokensByOwner(orgId: string, nowMs: number, ownerIds?: readonly string[]): Promise<Map<string, OwnerColumns>> {
      if (ownerIds && ownerIds.length === 0) return new Map();
      const own = ownerIds
        ? sql<SqlBool>`(owner_user_id in (${sql.join(ownerIds)}) or owner_service_account_id in (${sql.join(ownerIds)}))`
        : sql<SqlBool>`(owner_user_id is not null or owner_service_account_id is not null)`;
      const ownExternal = ownerIds ? sql<SqlBool>`owner_user_id in (${sql.join(ownerIds)})` : sql<SqlBool>`owner_user_id is not null`;
      const live = sql<SqlBool>`status = 'active' and (expires_at is null or expires_at > ${nowMs})`;
      const result = await sql<{ user_id: string | null; account_id: string | null; n: number | string; last_at: number | string | null }>`
        select owner_user_id as user_id, owner_service_account_id as account_id, count(*) as n, max(last_active_at) as last_at
          from tokens where org_id = ${orgId} and ${own} and ${live} group by owner_user_id, owner_service_account_id
        union all
        select owner_user_id as user_id, cast(null as varchar(64)) as account_id, count(*) as n, max(last_active_at) as last_at
          from external_tokens where org_id = ${orgId} and ${ownExternal} and ${live} group by owner_user_id`.execute(db);
      const map = new Map<string, OwnerColumns>();
      for (const row of result.rows) {
        const key = row.account_id ? `service_account:${row.account_id}` : `user:${row.user_id!}`;
        const known = map.get(key) ?? { liveTokens: 0, lastActiveAt: null };
        const lastMs = row.last_at === null ? null : Number(row.last_at);
        const last = lastMs !== null && (known.lastActiveAt === null || lastMs > known.lastActiveAt.getTime()) ? new Date(lastMs) : known.lastActiveAt;
        map.set(key, { liveTokens: known.liveTokens + Number(row.n), lastActiveAt: last });
      }
      return map;
    },

    /** The latest use of any token (revoked ones too) of each service account. One query. */
    async lastUseOfAccounts(orgId: string, accountIds: readonly string[]): Promise<Map<string, Date>> {
      if (accountIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('tokens')
        .select(['owner_service_account_id', (eb) => eb.fn.max('last_active_at').as('last_at')])
        .where('org_id', '=', orgId)
        .where('owner_service_account_id', 'in', [...accountIds])
        .groupBy('owner_service_account_id')
        .execute();
      return new Map(rows.filter((r) => r.last_at !== null).map((r) => [r.owner_service_account_id!, new Date(Number(r.last_at))]));
    },

    /** Active people and live service accounts of the org, as owners. Two small queries. */
    async activeOwners(orgId: string): Promise<TokenOwner[]> {
      const [users, accounts] = await Promise.all([
        db.selectFrom('users').select('id').where('org_id', '=', orgId).where('status', '=', 'active').execute(),
        db.selectFrom('service_accounts').select('id').where('org_id', '=', orgId).where('deleted_at', 'is', null).where('status', '=', 'ACTIVE').execute(),
      ]);
      return [...users.map((u) => ({ type: 'user' as const, id: u.id })), ...accounts.map((a) => ({ type: 'service_account' as const, id: a.id }))];
    },

    /** The groups of each person, by name. One query. */
    async groupsOfUsers(orgId: string, userIds: readonly string[]): Promise<Map<string, Array<{ id: string; name: string }>>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('group_members as gm')
        .innerJoin('groups as g', 'g.id', 'gm.group_id')
        .select(['gm.user_id', 'g.id', 'g.name'])
        .where('g.org_id', '=', orgId)
        .where('gm.user_id', 'in', [...userIds])
        .orderBy('g.name')
        .execute();
      const map = new Map<string, Array<{ id: string; name: string }>>();
      for (const row of rows) map.set(row.user_id, [...(map.get(row.user_id) ?? []), { id: row.id, name: row.name }]);
      return map;
    },

    /** Each person's latest sign-in, as the audit log keeps it. One query. */
    async lastSignIns(orgId: string, userIds: readonly string[]): Promise<Map<string, Date>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('audit_log')
        .select(['actor_id', (eb) => eb.fn.max('at').as('last_at')])
        .where('org_id', '=', orgId)
        .where('action', '=', 'user.signed_in')
        .where('actor_id', 'in', [...userIds])
        .groupBy('actor_id')
        .execute();
      return new Map(rows.filter((r) => r.last_at !== null).map((r) => [r.actor_id!, new Date(Number(r.last_at))]));
    },

    /** The accountable owner of each service account, by name (a person or a group). One query. */
    async accountableOwners(orgId: string, accountIds: readonly string[]): Promise<Map<string, { type: 'user' | 'group'; id: string; name: string | null; needsReassignment: boolean }>> {
      if (accountIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('service_account_owners as o')
        .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'o.owner_id').on('o.owner_type', '=', 'user'))
        .leftJoin('groups as g', (join) => join.onRef('g.id', '=', 'o.owner_id').on('o.owner_type', '=', 'group'))
        .select(['o.service_account_id', 'o.owner_type', 'o.owner_id', 'o.needs_reassignment', 'u.name as user_name', 'g.name as group_name'])
        .where('o.org_id', '=', orgId)
        .where('o.service_account_id', 'in', [...accountIds])
        .execute();
      return new Map(
        rows.map((r) => [
          r.service_account_id,
          { type: r.owner_type as 'user' | 'group', id: r.owner_id, name: r.owner_type === 'user' ? r.user_name : r.group_name, needsReassignment: r.needs_reassignment === 1 },
        ]),
      );
    },
  };
}

export type GovernanceQueries = ReturnType<typeof createGovernanceQueries>;
