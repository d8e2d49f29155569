/**
 * Reads over every token of an org, whatever its kind (docs/tokens-api.md): the
 * console's one inventory table, its counts, one token with its owner.
 *
 * The keyset indexes of migration 0002 all start with `(org_id, kind, ...)`, so one ORDER BY over
 * several kinds could not walk any of them. A page is therefore read as one UNION ALL of a per-kind
 * query (each an index range read of at most `limit + 1` rows in sort order), merged and cut to
 * `limit + 1`: three short range reads instead of sorting the org's million tokens.
 */
import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { DateBounds, DateField } from '../domain/date-filters.js';
import { TOKENWARD_SOURCE, type ConnectorType, type TokenSource, type UpstreamDetails } from '../domain/connectors.js';
import type { ServiceAccountStatus, Token, UserStatus } from '../domain/models.js';
import { INVENTORY_KINDS, isSourceType, type InventoryKind, type LifecycleStatus } from '../domain/org-token-query.js';
import type { Sort } from '../domain/token-query.js';
import type { DialectName } from './db.js';
import type { Database, TokenTable } from './schema.js';
import { datePredicate, ftsRowidsOf, hasTrigramIndexFor, isTrigramSearch, searchTextPredicate, sortKeyExpr, type KeysetPosition } from './token-search-store.js';
import { toToken } from './token-store.js';
import { escapeLike } from '../domain/like-pattern.js';
import { parseJsonArray, parseJsonObject } from './rows.js';
import { readMaintainedCounts, type CountCell } from './token-counts.js';
import { readIdleCounts } from './token-idle-counts.js';

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
  /** `tokenward`, a connected system's type (every connector of it), a connector id, or null for every source. */
  source: string | null;
  /** Tokens carrying this tag. */
  tag: string | null;
  /** true: tokens with a purpose; false: without; null: either. */
  hasPurpose: boolean | null;
}

export type OwnerOfToken =
  | { kind: 'user'; id: string; name: string; email: string; status: UserStatus }
  | { kind: 'service-account'; id: string; name: string; email: string; status: ServiceAccountStatus; isDeleted: boolean }
  /** The owner of a connector's token as the connected system names them (no directory match). */
  | { kind: 'external'; id: string; name: string; email: string };

export interface OrgTokenRow {
  token: Token;
  owner: OwnerOfToken | null;
  source: TokenSource;
}

export type { CountCell };

type JoinedRow = Selectable<TokenTable> & {
  sort_key?: unknown;
  u_name: string | null;
  u_email: string | null;
  u_status: string | null;
  s_name: string | null;
  s_email: string | null;
  s_status: string | null;
  s_deleted_at: number | string | null;
  src_connector_id: string | null;
  src_type: string | null;
  src_external_id: string | null;
  src_gone_at: number | string | null;
  src_last_used_ips: string | null;
  src_details: string | null;
  x_owner_id: string | null;
  x_owner_name: string | null;
  x_owner_email: string | null;
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
  if (row.x_owner_id) return { kind: 'external', id: row.x_owner_id, name: row.x_owner_name ?? '', email: row.x_owner_email ?? '' };
  return null;
}

function toSource(row: JoinedRow): TokenSource {
  if (row.src_connector_id === null) return { type: 'tokenward' };
  return {
    type: row.src_type as ConnectorType,
    connectorId: row.src_connector_id,
    externalId: row.src_external_id ?? '',
    goneAt: row.src_gone_at === null ? null : new Date(Number(row.src_gone_at)),
    lastUsedIps: row.src_last_used_ips ? parseJsonArray(row.src_last_used_ips) : [],
    details: row.src_details ? (parseJsonObject(row.src_details) as UpstreamDetails) : null,
  };
}

function toRow(row: JoinedRow): OrgTokenRow {
  return { token: toToken(row), owner: toOwner(row), source: toSource(row) };
}

/** Which tables a search reads: Tokenward's own tokens, the connectors' tokens, or both. */
function tablesOf(source: string | null): Array<'tokens' | 'external'> {
  if (source === TOKENWARD_SOURCE) return ['tokens'];
  if (source !== null) return ['external'];
  return ['tokens', 'external'];
}

// One column list for both tables, so their rows can share a UNION ALL (typed nulls: PostgreSQL
// cannot match an untyped null against a bigint). The token's own columns, then the owner's and
// connector's.
const TOKEN_OWN_COLUMNS = sql`t.id, t.org_id, t.kind, t.owner_user_id, t.owner_service_account_id, t.label, t.display_prefix, t.scopes, t.status,
  t.created_at, t.expires_at, t.last_active_at, t.created_by, t.revoked_at, t.revoked_by, t.revoked_reason,
  cast(null as varchar(64)) as src_connector_id, cast(null as varchar(200)) as src_external_id, cast(null as bigint) as src_gone_at,
  cast(null as text) as src_last_used_ips, cast(null as text) as src_details,
  cast(null as varchar(200)) as x_owner_id, cast(null as varchar(500)) as x_owner_name, cast(null as varchar(320)) as x_owner_email`;
const TOKEN_JOINED_COLUMNS = sql`u.name as u_name, u.email as u_email, u.status as u_status, s.display_name as s_name, s.email as s_email, s.status as s_status, s.deleted_at as s_deleted_at,
  cast(null as varchar(32)) as src_type`;
const TOKEN_JOINS = sql`left join users u on u.id = t.owner_user_id left join service_accounts s on s.id = t.owner_service_account_id`;
const EXTERNAL_OWN_COLUMNS = sql`t.id, t.org_id, t.kind, t.owner_user_id, cast(null as varchar(64)) as owner_service_account_id, t.label, cast('' as varchar(64)) as display_prefix, t.scopes, t.status,
  t.created_at, t.expires_at, t.last_active_at, cast(null as varchar(64)) as created_by, t.revoked_at, t.revoked_by, t.revoked_reason,
  t.connector_id as src_connector_id, t.external_id as src_external_id, t.gone_at as src_gone_at,
  t.last_used_ips as src_last_used_ips, t.upstream_details as src_details,
  t.owner_external_id as x_owner_id, t.owner_name as x_owner_name, t.owner_email as x_owner_email`;
const EXTERNAL_JOINED_COLUMNS = sql`u.name as u_name, u.email as u_email, u.status as u_status, cast(null as varchar(500)) as s_name, cast(null as varchar(320)) as s_email, cast(null as varchar(20)) as s_status, cast(null as bigint) as s_deleted_at,
  c.type as src_type`;
const EXTERNAL_JOINS = sql`join connectors c on c.id = t.connector_id left join users u on u.id = t.owner_user_id`;
const FROM = { tokens: sql`tokens t`, external: sql`external_tokens t` };
const OWN_COLUMNS = { tokens: TOKEN_OWN_COLUMNS, external: EXTERNAL_OWN_COLUMNS };
const JOINED_COLUMNS = { tokens: TOKEN_JOINED_COLUMNS, external: EXTERNAL_JOINED_COLUMNS };
const JOINS = { tokens: TOKEN_JOINS, external: EXTERNAL_JOINS };

/** No filter but source and scope (counts ignore status and kind): the maintained counts answer. */
function isCountedAhead(search: OrgTokenSearch): boolean {
  return isNarrowedAtMostBySource(search) && Object.keys(search.dates).every((field) => field === 'expiresAt') && search.idleSinceMs === null;
}

/** Idle since an instant, and no filter but source: the maintained idle counts answer. */
function isIdleCountedAhead(search: OrgTokenSearch): search is OrgTokenSearch & { idleSinceMs: number } {
  return isNarrowedAtMostBySource(search) && Object.keys(search.dates).length === 0 && search.idleSinceMs !== null && search.scope === null;
}

/**
 * On PostgreSQL the trigram, label, expiry and last-activity indexes hold no revoked token (a
 * revoke then writes one index entry instead of five), and revoked tokens have an index of their
 * own, in creation order, that carries the columns the inventory filters and sorts by. A search of
 * Tokenward's tokens that wants revoked tokens beside others is therefore read in two parts, each
 * through its indexes; one that wants revoked tokens alone is one part of that kind. Without a
 * status filter (`withStatus` false, the counts) every status is wanted.
 */
function statusParts(dialect: DialectName, search: OrgTokenSearch, withStatus: boolean, table: 'tokens' | 'external'): StatusPart[] {
  const whole: StatusPart = { where: [], isRevokedOnly: false };
  if (dialect !== 'postgres' || table !== 'tokens') return [whole];
  const wantsRevoked = !withStatus || search.statuses.length >= ALL_STATUSES || search.statuses.includes('revoked');
  if (!wantsRevoked) return [whole];
  if (withStatus && search.statuses.length === 1) return [{ where: [], isRevokedOnly: true }];
  return [
    { where: [sql<SqlBool>`t.status <> 'revoked'`], isRevokedOnly: false },
    { where: [sql<SqlBool>`t.status = 'revoked'`], isRevokedOnly: true },
  ];
}

/** One part of a search read apart: what it adds to the filters, and whether it holds revoked tokens only. */
interface StatusPart {
  where: RawBuilder<SqlBool>[];
  isRevokedOnly: boolean;
}

function isNarrowedAtMostBySource(search: OrgTokenSearch): boolean {
  return search.q === null && search.neverUsed === null && search.ownerId === null && search.tag === null && search.hasPurpose === null;
}

export function createOrgTokenStore(db: Kysely<Database>, dialect: DialectName) {
  /** Every filter but kind (each UNION member names its own) and, for counts, status. */
  function predicates(search: OrgTokenSearch, options: { withStatus: boolean; table: 'tokens' | 'external' }): RawBuilder<SqlBool>[] {
    const isExternal = options.table === 'external';
    const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`t.org_id = ${search.orgId}`];
    if (isExternal && search.source !== null) {
      where.push(
        isSourceType(search.source)
          ? sql<SqlBool>`t.connector_id in (select c2.id from connectors c2 where c2.org_id = ${search.orgId} and c2.type = ${search.source})`
          : sql<SqlBool>`t.connector_id = ${search.source}`,
      );
    }
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
    // next"; the million-token bench in docs/tokens-api.md).
    if (options.withStatus && search.statuses.length === 1 && search.statuses[0] === 'active') {
      where.push(sql<SqlBool>`${sortKeyExpr('expiresAt').expr} > ${search.nowMs}`);
    }
    // Connectors' tokens are a small share of an org's: their `q` is a scan of the org's rows.
    if (search.q && !isExternal) where.push(inventoryTextPredicate(search.orgId, search.q));
    if (search.q && isExternal) where.push(dialect === 'postgres' ? sql<SqlBool>`strpos(t.search_text, ${search.q}) > 0` : sql<SqlBool>`instr(t.search_text, ${search.q}) > 0`);
    for (const [field, bounds] of Object.entries(search.dates) as Array<[DateField, DateBounds]>) where.push(datePredicate(field, bounds));
    // Each token's scopes are also rows of token_scopes (kept by triggers): an index look-up.
    if (search.scope) where.push(sql<SqlBool>`exists (select 1 from token_scopes s where s.token_id = t.id and s.scope = ${search.scope})`);
    if (search.ownerId && !isExternal) where.push(sql<SqlBool>`(t.owner_user_id = ${search.ownerId} or t.owner_service_account_id = ${search.ownerId})`);
    if (search.ownerId && isExternal) where.push(sql<SqlBool>`(t.owner_user_id = ${search.ownerId} or t.owner_external_id = ${search.ownerId})`);
    // Purpose and tags live beside the token (token_controls, a row only for tokens that have any);
    // connectors' tokens have none.
    if (search.tag !== null) {
      where.push(isExternal ? sql<SqlBool>`1 = 0` : sql<SqlBool>`t.id in (select tc.token_id from token_controls tc where tc.org_id = ${search.orgId} and tc.tags like ${`%${escapeLike(JSON.stringify(search.tag))}%`} escape '\\')`);
    }
    const withPurpose = sql`(select tc.token_id from token_controls tc where tc.org_id = ${search.orgId} and tc.purpose is not null)`;
    if (search.hasPurpose === true) where.push(isExternal ? sql<SqlBool>`1 = 0` : sql<SqlBool>`t.id in ${withPurpose}`);
    if (search.hasPurpose === false && !isExternal) where.push(sql<SqlBool>`t.id not in ${withPurpose}`);
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

  /**
   * `q` over the label, owner name and e-mail (the trigram-indexed search text) or the purpose and
   * tags. The second list is short (only tokens that say what they are for have a row), so it is
   * read whole, once; each side of the OR stays an index look-up (on PostgreSQL the ids come as
   * an array, so the primary key's bitmap joins the trigram one). On SQLite, with the full-text
   * index, both sides are one list of rowids: an OR of two lists is planned as a read of each
   * that then tests every row against both lists again, reading the full-text matches twice.
   */
  function inventoryTextPredicate(orgId: string, q: string): RawBuilder<SqlBool> {
    const said = sql`lower(coalesce(tc.purpose, '') || ' ' || tc.tags)`;
    const purposeIds = sql`select tc.token_id from token_controls tc where tc.org_id = ${orgId} and ${dialect === 'postgres' ? sql`strpos(${said}, ${q}) > 0` : sql`instr(${said}, ${q}) > 0`}`;
    if (dialect === 'postgres') return sql<SqlBool>`(${searchTextPredicate(dialect, q)} or t.id = any(array(${purposeIds})))`;
    if (hasTrigramIndexFor(q)) {
      return sql<SqlBool>`t.rowid in (${ftsRowidsOf(q)} union all select t2.rowid from tokens t2 where t2.id in (${purposeIds}))`;
    }
    return sql<SqlBool>`(${searchTextPredicate(dialect, q)} or t.id in (${purposeIds}))`;
  }

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
      const after: RawBuilder<SqlBool>[] = [];
      if (position) {
        const op = `${isDescending ? '<' : '>'}${position.isInclusive ? '=' : ''}`;
        after.push(sql<SqlBool>`(${expr}, t.id) ${sql.raw(op)} (${position.key}, ${position.id})`);
      }
      // See token-search-store.ts `page`: with a trigram `q`, PostgreSQL must read the matches
      // first, so the ORDER BY is one the sort index cannot serve.
      const orderExpr = !isTrigramSearch(dialect, search.q) ? expr : sort.field === 'label' ? sql`(${expr} || '')` : sql`(${expr} + 0)`;
      const members = tablesOf(search.source).flatMap((table) => statusParts(dialect, search, true, table).flatMap((part) => {
        const where = [...predicates(search, { withStatus: true, table }), ...after, ...part.where];
        // One member per kind walks that kind's sort index. A `q` read through the trigram index
        // reads its matches first anyway: then one member for every kind reads them once. So does
        // a `q` over connectors' tokens on PostgreSQL, whose order above no index serves.
        // Revoked tokens are read in creation order (their index's), so in any other order they
        // are read once for every kind and sorted.
        const isReadBeforeSorting = part.isRevokedOnly ? sort.field !== 'createdAt' : table === 'tokens' ? hasTrigramIndexFor(search.q) : isTrigramSearch(dialect, search.q);
        const kindSets = isReadBeforeSorting ? [search.kinds] : search.kinds.map((kind) => [kind]);
        // A member that reads a `q`'s trigram matches and sorts them sorts only their ids and
        // sort keys, then reads the columns, owner and connector of the rows it keeps: a broad `q`
        // matches tens of thousands of tokens: joining each cost as much as reading them, and
        // carrying each one's columns through the sort 10-20% more. An index walk stays
        // joined row by row as it walks: it joins no more rows than it keeps, and joined after
        // its limit PostgreSQL may hash the whole users table for a hundred rows (plain lists
        // 30-60% slower). Revoked tokens' ids and sort keys come from their index alone.
        const isJoinedAfterLimit = part.isRevokedOnly || hasTrigramIndexFor(search.q);
        const partOrder = part.isRevokedOnly ? expr : orderExpr;
        return kindSets.map((kinds) => {
          const filtered = (joins: RawBuilder<unknown> | null) => sql`from ${FROM[table]} ${joins ?? sql``}
              where ${allOf([...where, kinds.length === 1 ? sql<SqlBool>`t.kind = ${kinds[0]}` : sql<SqlBool>`t.kind in (${sql.join(kinds)})`])}
              order by ${partOrder} ${direction}, t.id ${direction}
              limit ${limit + 1}`;
          const member = isJoinedAfterLimit
            ? sql`select ${OWN_COLUMNS[table]}, k.sort_key, ${JOINED_COLUMNS[table]} from (select t.id, ${expr} as sort_key ${filtered(null)}) k
                join ${FROM[table]} on t.id = k.id ${JOINS[table]}`
            : sql`select ${OWN_COLUMNS[table]}, ${expr} as sort_key, ${JOINED_COLUMNS[table]} ${filtered(JOINS[table])}`;
          return sql`select * from (${member}) as ${sql.raw(`${table}_${kinds.join('_')}`)}`;
        });
      }));
      const result = await sql<JoinedRow>`
        select * from (${sql.join(members, sql` union all `)}) as merged
        order by merged.sort_key ${direction}, merged.id ${direction}
        limit ${limit + 1}`.execute(db);
      const rows = result.rows;
      const hasMore = rows.length > limit;
      const kept = rows.slice(0, limit);
      if (isBackwards) kept.reverse();
      return { items: kept.map(toRow), hasMore };
    },

    /**
     * How many tokens match every filter but status and kind, by kind and status: from the
     * maintained counts when nothing else narrows the set, else in one query.
     */
    async countByKindAndStatus(search: OrgTokenSearch): Promise<CountCell[]> {
      if (isCountedAhead(search)) return readMaintainedCounts(db, search.orgId, search.nowMs, { source: search.source, scope: search.scope, expiry: search.dates.expiresAt ?? null });
      if (isIdleCountedAhead(search)) return readIdleCounts(db, search.orgId, search.nowMs, search.idleSinceMs, search.source);
      const statusExpr = sql<string>`case
        when t.status = 'revoked' then 'revoked'
        when t.status = 'suspended' then 'suspended'
        when t.expires_at <= ${search.nowMs} then 'expired'
        else 'active' end`;
      const kinds = sql<SqlBool>`t.kind in (${sql.join(INVENTORY_KINDS)})`;
      const members = tablesOf(search.source).flatMap((table) =>
        table === 'tokens'
          ? statusParts(dialect, search, false, table).map((part) => {
              // The revoked part names its status outright: its index then answers without the table.
              const status = part.isRevokedOnly ? sql`cast('revoked' as varchar(20))` : statusExpr;
              return sql`select cast(${TOKENWARD_SOURCE} as varchar(64)) as source, cast(${TOKENWARD_SOURCE} as varchar(32)) as source_type, t.kind as kind, ${status} as status, count(*) as n
                from tokens t where ${allOf([...predicates(search, { withStatus: false, table }), kinds, ...part.where])} group by 3, 4`;
            })
          : [
              sql`select t.connector_id as source, c.type as source_type, t.kind as kind, ${statusExpr} as status, count(*) as n
                from external_tokens t join connectors c on c.id = t.connector_id
                where ${allOf([...predicates(search, { withStatus: false, table }), kinds])} group by 1, 2, 3, 4`,
            ],
      );
      const result = await sql<{ source: string; source_type: string; kind: string; status: string; n: number | string }>`${sql.join(members, sql` union all `)}`.execute(db);
      return result.rows.map((row) => ({ source: row.source, sourceType: row.source_type, kind: row.kind as InventoryKind, status: row.status as LifecycleStatus, count: Number(row.n) }));
    },

    /** One token of the org, revoked ones included, with its owner. */
    async findWithOwner(orgId: string, tokenId: string): Promise<OrgTokenRow | null> {
      const table = tokenId.startsWith('ext_') ? 'external' : 'tokens';
      const result = await sql<JoinedRow>`
        select ${OWN_COLUMNS[table]}, ${JOINED_COLUMNS[table]} from ${FROM[table]} ${JOINS[table]}
        where t.org_id = ${orgId} and t.id = ${tokenId} and t.kind in (${sql.join(INVENTORY_KINDS)})`.execute(db);
      const row = result.rows[0];
      return row ? toRow(row) : null;
    },
  };
}

export type OrgTokenStore = ReturnType<typeof createOrgTokenStore>;
