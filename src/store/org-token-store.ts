/**
 * Reads over every token of an org, whatever its kind (issue #9; docs/tokens-api.md): the
 * console's one inventory table, its counts, one token with its owner.
 *
 * The keyset indexes of migration 0002 all start with `(org_id, kind, ...)`, so one ORDER BY over
 * several kinds could not walk any of them. A page is therefore read as one UNION ALL of a per-kind
 * query (each an index range read of at most `limit + 1` rows in sort order), merged and cut to
 * `limit + 1`: three short range reads instead of sorting the org's million tokens.
 */
import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { DateBounds, DateField } from '../domain/date-filters.js';
import type { ServiceAccountStatus, Token, UserStatus } from '../domain/models.js';
import { INVENTORY_KINDS, type InventoryKind, type LifecycleStatus } from '../domain/org-token-query.js';
import type { Sort } from '../domain/token-query.js';
import type { DialectName } from './db.js';
import type { Database, TokenTable } from './schema.js';
import { datePredicate, isTrigramSearch, searchTextPredicate, sortKeyExpr, type KeysetPosition } from './token-search-store.js';
import { toToken } from './token-store.js';
import { escapeLike } from './like.js';

export interface OrgTokenSearch {
  orgId: string;
  kinds: readonly InventoryKind[];
  statuses: readonly LifecycleStatus[];
  q: string | null;
  dates: Partial<Record<DateField, DateBounds>>;
  scope: string | null;
  neverUsed: boolean | null;
  /** Not used since this instant (a never-used token: not created since). */
  idleSinceMs: number | null;
  /** Tokens of this user or service account. */
  ownerId: string | null;
  /** "Expired" is judged at this instant. */
  nowMs: number;
}

export type OwnerOfToken =
  | { kind: 'user'; id: string; name: string; email: string; status: UserStatus }
  | { kind: 'service-account'; id: string; name: string; email: string; status: ServiceAccountStatus; isDeleted: boolean };

export interface OrgTokenRow {
  token: Token;
  owner: OwnerOfToken | null;
}

export interface CountCell {
  kind: InventoryKind;
  status: LifecycleStatus;
  count: number;
}

type JoinedRow = Selectable<TokenTable> & {
  sort_key?: unknown;
  u_name: string | null;
  u_email: string | null;
  u_status: string | null;
  s_name: string | null;
  s_email: string | null;
  s_status: string | null;
  s_deleted_at: number | string | null;
};

const ALL_STATUSES = 4;

/** Mirrors `lifecycleStatusOf` (src/domain/org-token-query.ts). */
function statusPredicate(status: LifecycleStatus, nowMs: number): RawBuilder<SqlBool> {
  switch (status) {
    case 'active':
      return sql<SqlBool>`(t.status = 'active' and (t.expires_at is null or t.expires_at > ${nowMs}))`;
    case 'expired':
      return sql<SqlBool>`(t.status = 'active' and t.expires_at <= ${nowMs})`;
    case 'suspended':
      return sql<SqlBool>`t.status = 'suspended'`;
    case 'revoked':
      return sql<SqlBool>`t.status = 'revoked'`;
  }
}

function toOwner(row: JoinedRow): OwnerOfToken | null {
  if (row.owner_user_id && row.u_name !== null) {
    return { kind: 'user', id: row.owner_user_id, name: row.u_name, email: row.u_email ?? '', status: row.u_status as UserStatus };
  }
  if (row.owner_service_account_id && row.s_name !== null) {
    return {
      kind: 'service-account',
      id: row.owner_service_account_id,
      name: row.s_name,
      email: row.s_email ?? '',
      status: row.s_status as ServiceAccountStatus,
      isDeleted: row.s_deleted_at !== null,
    };
  }
  return null;
}

const OWNER_COLUMNS = sql`u.name as u_name, u.email as u_email, u.status as u_status, s.display_name as s_name, s.email as s_email, s.status as s_status, s.deleted_at as s_deleted_at`;
const OWNER_JOINS = sql`left join users u on u.id = t.owner_user_id left join service_accounts s on s.id = t.owner_service_account_id`;

export function createOrgTokenStore(db: Kysely<Database>, dialect: DialectName) {
  /** Every filter but kind (each UNION member names its own) and, for counts, status. */
  function predicates(search: OrgTokenSearch, options: { withStatus: boolean }): RawBuilder<SqlBool>[] {
    const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`t.org_id = ${search.orgId}`];
    if (options.withStatus && search.statuses.length < ALL_STATUSES) {
      const isDefault = search.statuses.length === 3 && !search.statuses.includes('revoked');
      where.push(
        isDefault
          ? sql<SqlBool>`t.status <> 'revoked'`
          : sql<SqlBool>`(${sql.join(search.statuses.map((s) => statusPredicate(s, search.nowMs)), sql` or `)})`,
      );
    }
    // An "active only" set holds no token past its expiry. Said again as a bound on the expiry sort
    // key (the expression of tokens_inv_expires_idx), it lets a page sorted by expiry start its
    // index range at now instead of walking every expired token first (the console's "expiring
    // next"; issue 9's 1M bench in docs/tokens-api.md).
    if (options.withStatus && search.statuses.length === 1 && search.statuses[0] === 'active') {
      where.push(sql<SqlBool>`${sortKeyExpr('expiresAt').expr} > ${search.nowMs}`);
    }
    if (search.q) where.push(searchTextPredicate(dialect, search.q));
    for (const [field, bounds] of Object.entries(search.dates) as Array<[DateField, DateBounds]>) where.push(datePredicate(field, bounds));
    // Scopes are a JSON array of strings: a quoted name is matched whole, never as a prefix.
    if (search.scope) where.push(sql<SqlBool>`t.scopes like ${`%${escapeLike(JSON.stringify(search.scope))}%`} escape '\\'`);
    if (search.ownerId) where.push(sql<SqlBool>`(t.owner_user_id = ${search.ownerId} or t.owner_service_account_id = ${search.ownerId})`);
    if (search.neverUsed === true) where.push(sql<SqlBool>`t.last_active_at is null`);
    if (search.neverUsed === false) where.push(sql<SqlBool>`t.last_active_at is not null`);
    if (search.idleSinceMs !== null) {
      // Idle = last used before the instant, or never used and created before it. Written on the
      // last-activity sort key (never used = -1, the expression of tokens_inv_last_active_idx) so
      // the index gives the range and the table row is read only for never-used tokens' created_at.
      const lastActive = sortKeyExpr('lastActiveAt').expr;
      where.push(sql<SqlBool>`(${lastActive} < ${search.idleSinceMs} and (${lastActive} >= 0 or t.created_at < ${search.idleSinceMs}))`);
    }
    return where;
  }

  const allOf = (parts: RawBuilder<SqlBool>[]) => sql<SqlBool>`${sql.join(parts, sql` and `)}`;

  return {
    /**
     * One page in walking order (`limit + 1` rows read to learn whether more lie beyond); a `prev`
     * page is read backwards and returned in display order.
     */
    async page(search: OrgTokenSearch, sort: Sort, position: KeysetPosition | null, limit: number): Promise<{ items: OrgTokenRow[]; hasMore: boolean }> {
      if (search.kinds.length === 0) return { items: [], hasMore: false };
      const { expr } = sortKeyExpr(sort.field);
      const isBackwards = position?.direction === 'prev';
      const isDescending = sort.descending !== isBackwards;
      const direction = sql.raw(isDescending ? 'desc' : 'asc');
      const where = predicates(search, { withStatus: true });
      if (position) {
        const op = `${isDescending ? '<' : '>'}${position.isInclusive ? '=' : ''}`;
        where.push(sql<SqlBool>`(${expr}, t.id) ${sql.raw(op)} (${position.key}, ${position.id})`);
      }
      // See token-search-store.ts `page`: with a trigram `q`, PostgreSQL must read the matches
      // first, so the ORDER BY is one the sort index cannot serve.
      const orderExpr = !isTrigramSearch(dialect, search.q) ? expr : sort.field === 'label' ? sql`(${expr} || '')` : sql`(${expr} + 0)`;
      const members = search.kinds.map(
        (kind, index) => sql`select * from (
          select t.*, ${expr} as sort_key, ${OWNER_COLUMNS}
          from tokens t ${OWNER_JOINS}
          where ${allOf([...where, sql<SqlBool>`t.kind = ${kind}`])}
          order by ${orderExpr} ${direction}, t.id ${direction}
          limit ${limit + 1}) as ${sql.raw(`k${index}`)}`,
      );
      const result = await sql<JoinedRow>`
        select * from (${sql.join(members, sql` union all `)}) as merged
        order by merged.sort_key ${direction}, merged.id ${direction}
        limit ${limit + 1}`.execute(db);
      const rows = result.rows;
      const hasMore = rows.length > limit;
      const kept = rows.slice(0, limit);
      if (isBackwards) kept.reverse();
      return { items: kept.map((row) => ({ token: toToken(row), owner: toOwner(row) })), hasMore };
    },

    /** How many tokens match every filter but status and kind, by kind and status, in one query. */
    async countByKindAndStatus(search: OrgTokenSearch): Promise<CountCell[]> {
      const statusExpr = sql<string>`case
        when t.status = 'revoked' then 'revoked'
        when t.status = 'suspended' then 'suspended'
        when t.expires_at <= ${search.nowMs} then 'expired'
        else 'active' end`;
      const result = await sql<{ kind: string; status: string; n: number | string }>`
        select t.kind as kind, ${statusExpr} as status, count(*) as n
        from tokens t
        where ${allOf([...predicates(search, { withStatus: false }), sql<SqlBool>`t.kind in (${sql.join(INVENTORY_KINDS)})`])}
        group by 1, 2`.execute(db);
      return result.rows.map((row) => ({ kind: row.kind as InventoryKind, status: row.status as LifecycleStatus, count: Number(row.n) }));
    },

    /** One token of the org, revoked ones included, with its owner. */
    async findWithOwner(orgId: string, tokenId: string): Promise<OrgTokenRow | null> {
      const result = await sql<JoinedRow>`
        select t.*, ${OWNER_COLUMNS} from tokens t ${OWNER_JOINS}
        where t.org_id = ${orgId} and t.id = ${tokenId} and t.kind in (${sql.join(INVENTORY_KINDS)})`.execute(db);
      const row = result.rows[0];
      return row ? { token: toToken(row), owner: toOwner(row) } : null;
    },
  };
}

export type OrgTokenStore = ReturnType<typeof createOrgTokenStore>;
