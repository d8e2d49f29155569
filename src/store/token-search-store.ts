/**
 * Inventory reads over the tokens table: filtered, keyset-paged lists and counts, and
 * the batches of a bulk revoke. Revoked tokens are never listed or counted (Atlassian deletes them).
 * Every predicate is written against the indexes of migration 0002: the sort key expressions below
 * are character for character the indexed ones, and `q` goes through the trigram index.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DateBounds, DateField } from '../domain/date-filters.js';
import type { UserStatus } from '../domain/models.js';
import type { TokenKind } from '../domain/token-format.js';
import {
  NEVER_ACTIVE_SORT_MS,
  NEVER_EXPIRES_SORT_MS,
  type InventoryFilters,
  type Sort,
  type SortField,
} from '../domain/token-query.js';
import type { DialectName } from './db.js';
import type { Database } from './schema.js';
import { revocationColumns } from './rows.js';
import { toToken } from './token-store.js';
import type { Token } from '../domain/models.js';
import { escapeLike } from '../domain/like-pattern.js';
import { TOKENWARD_SOURCE } from '../domain/connectors.js';
import type { LifecycleStatus } from '../domain/org-token-query.js';
import { readMaintainedCounts } from './token-counts.js';
import { readUseCounts, type UseWindow } from './token-idle-counts.js';
import { orgOfIdList } from './org-id-list.js';

export interface TokenSearch {
  orgId: string;
  kind: TokenKind;
  q: InventoryFilters['q'];
  status: InventoryFilters['status'];
  keyType: InventoryFilters['keyType'];
  dates: Partial<Record<DateField, DateBounds>>;
  /** "Expired" is judged at this instant. */
  nowMs: number;
}

/** Where a page starts: strictly after (or before, walking back) a row's sort key and id. */
export interface KeysetPosition {
  key: number | string;
  id: string;
  direction: 'next' | 'prev';
  /** Include the row at the position itself (a `self` link re-reads its page from its first row). */
  isInclusive: boolean;
}

export interface OwnerSummary {
  id: string;
  orgId: string;
  name: string;
  email: string;
  status: UserStatus;
}

export interface InventoryItem {
  token: Token;
  owner: OwnerSummary | null;
}

/** Trigram indexes need three characters; shorter `q` values are matched by a scan of the org. */
const MIN_TRIGRAM_CHARS = 3;

const COLUMN_OF: Record<DateField, string> = { createdAt: 'created_at', lastActiveAt: 'last_active_at', expiresAt: 'expires_at' };

/** The ORDER BY expression of a sort field, with the sentinel a missing instant sorts as. */
export function sortKeyExpr(field: SortField): { expr: RawBuilder<unknown>; nullSentinel: number | null } {
  switch (field) {
    case 'createdAt':
      return { expr: sql`t.created_at`, nullSentinel: null };
    case 'lastActiveAt':
      return { expr: sql`coalesce(t.last_active_at, ${sql.lit(NEVER_ACTIVE_SORT_MS)})`, nullSentinel: NEVER_ACTIVE_SORT_MS };
    case 'expiresAt':
      return { expr: sql`coalesce(t.expires_at, ${sql.lit(NEVER_EXPIRES_SORT_MS)})`, nullSentinel: NEVER_EXPIRES_SORT_MS };
    case 'label':
      return { expr: sql`t.label`, nullSentinel: null };
  }
}

function inBounds(bounds: DateBounds, value: number): boolean {
  return (bounds.minMs === null || value >= bounds.minMs) && (bounds.maxMs === null || value <= bounds.maxMs);
}

/**
 * A date window as a range over the (indexed) sort-key expression, so a `lastActiveAt` filter and
 * a `lastActiveAt` sort share one index range; the explicit null tests are added only when the
 * sentinel would otherwise say the wrong thing.
 */
export function datePredicate(field: DateField, bounds: DateBounds): RawBuilder<SqlBool> {
  const { expr, nullSentinel } = sortKeyExpr(field);
  const column = sql.ref(`t.${COLUMN_OF[field]}`);
  const parts: RawBuilder<SqlBool>[] = [];
  if (bounds.minMs !== null) parts.push(sql<SqlBool>`${expr} >= ${bounds.minMs}`);
  if (bounds.maxMs !== null) parts.push(sql<SqlBool>`${expr} <= ${bounds.maxMs}`);
  const range = parts.length > 0 ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`1 = 1`;
  if (nullSentinel === null) return range;
  const sentinelMatches = inBounds(bounds, nullSentinel);
  if (bounds.includeNull && !sentinelMatches) return sql<SqlBool>`(${range} or ${column} is null)`;
  if (!bounds.includeNull && sentinelMatches) return sql<SqlBool>`(${range} and ${column} is not null)`;
  return range;
}

/** `q` as a substring of `<alias>.search_text` (alias `t` unless named), through the trigram index of each dialect. */
export function searchTextPredicate(dialect: DialectName, q: string, alias = 't'): RawBuilder<SqlBool> {
  const column = sql.ref(`${alias}.search_text`);
  if ([...q].length < MIN_TRIGRAM_CHARS) {
    return dialect === 'postgres' ? sql<SqlBool>`strpos(${column}, ${q}) > 0` : sql<SqlBool>`instr(${column}, ${q}) > 0`;
  }
  if (dialect === 'postgres') return sql<SqlBool>`${column} like ${`%${escapeLike(q)}%`} escape '\\'`;
  return sql<SqlBool>`${sql.ref(`${alias}.rowid`)} in (${ftsRowidsOf(q)})`;
}

/** SQLite: the rowids of the tokens whose search text holds `q` (three characters or more). */
export function ftsRowidsOf(q: string): RawBuilder<unknown> {
  // A quoted FTS5 string is matched as a substring by the trigram tokenizer, operators and all.
  const phrase = `"${q.replace(/"/g, '""')}"`;
  return sql`select rowid from tokens_fts where tokens_fts match ${phrase}`;
}

/** Whether `q` goes through the trigram index (on both dialects), rather than a scan of the org's rows. */
export function hasTrigramIndexFor(q: string | null): boolean {
  return q !== null && [...q].length >= MIN_TRIGRAM_CHARS;
}

/**
 * No text, key type or date narrows the count but the expiry, or the last use alone: the maintained
 * counts answer it (the owners' status aside, which a correction over the org's few inactive people
 * gives).
 */
function isCountedAhead(search: TokenSearch): boolean {
  const fields = Object.keys(search.dates);
  return search.q === null && search.keyType === null && (fields.every((field) => field === 'expiresAt') || (fields.length === 1 && fields[0] === 'lastActiveAt'));
}

/** A `lastActiveAt` filter as the tokens it takes: last used within its bounds, and never-used ones if it includes them. */
function useWindowOf(bounds: DateBounds): UseWindow {
  return { used: { fromMs: bounds.minMs, toMs: bounds.maxMs === null ? null : bounds.maxMs + 1 }, neverUsed: bounds.includeNull ? { fromMs: null, toMs: null } : null };
}

/** The org's people who are not active: few, so their ids are a short list to test tokens against. */
function inactiveOwnersOf(orgId: string): RawBuilder<unknown> {
  return sql`(select iu.id from users iu where iu.org_id = ${orgId} and iu.status <> 'active')`;
}

/** Active and not expired at `nowMs`, whoever owns it. */
function isUsable(nowMs: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`t.status = 'active' and (t.expires_at is null or t.expires_at > ${nowMs})`;
}

/** Whether PostgreSQL should read the trigram matches before sorting (see `page` below). */
export function isTrigramSearch(dialect: DialectName, q: string | null): boolean {
  return dialect === 'postgres' && hasTrigramIndexFor(q);
}

/** A token's place in creation order. */
export interface TokenPosition {
  createdAtMs: number;
  id: string;
}

export function createTokenSearchStore(db: Kysely<Database>, dialect: DialectName) {
  const qPredicate = (q: string) => searchTextPredicate(dialect, q);

  /** The org's unrevoked user tokens of managed accounts, after `after` and up to `through`. */
  const managedUserTokens = (orgId: string, after: TokenPosition | null, through: TokenPosition | null) =>
    db
      .selectFrom('tokens as t')
      .innerJoin('users as u', 'u.id', 't.owner_user_id')
      .where('t.org_id', '=', orgId)
      .where('t.kind', '=', 'user')
      .where('t.status', '<>', 'revoked')
      .where('u.account_type', '=', 'managed')
      .$if(after !== null, (qb) => qb.where(sql<SqlBool>`(t.created_at, t.id) > (${after!.createdAtMs}, ${after!.id})`))
      .$if(through !== null, (qb) => qb.where(sql<SqlBool>`(t.created_at, t.id) <= (${through!.createdAtMs}, ${through!.id})`));

  function predicates(search: TokenSearch): RawBuilder<SqlBool>[] {
    const where: RawBuilder<SqlBool>[] = [
      sql<SqlBool>`t.org_id = ${search.orgId}`,
      sql<SqlBool>`t.kind = ${search.kind}`,
      sql<SqlBool>`t.status <> 'revoked'`,
    ];
    if (search.q) where.push(qPredicate(search.q));
    // Mirrors inventoryStatusOf (src/domain/token-query.ts). The owner's status is tested against
    // the org's (few) inactive users rather than by joining every token to its owner, so a count
    // reads the last-activity index, which holds each token's owner and expiry.
    const inactiveOwners = inactiveOwnersOf(search.orgId);
    if (search.status === 'allowed') {
      where.push(sql<SqlBool>`${isUsable(search.nowMs)} and (t.owner_user_id is null or t.owner_user_id not in ${inactiveOwners})`);
    } else if (search.status === 'blocked') {
      where.push(sql<SqlBool>`(t.status = 'suspended' or t.expires_at <= ${search.nowMs} or t.owner_user_id in ${inactiveOwners})`);
    }
    if (search.keyType === 'scoped') where.push(sql<SqlBool>`t.scopes <> '[]'`);
    if (search.keyType === 'unscoped') where.push(sql<SqlBool>`t.scopes = '[]'`);
    for (const [field, bounds] of Object.entries(search.dates) as Array<[DateField, DateBounds]>) {
      where.push(datePredicate(field, bounds));
    }
    return where;
  }

  const allOf = (parts: RawBuilder<SqlBool>[]): Expression<SqlBool> => sql<SqlBool>`${sql.join(parts, sql` and `)}`;

  /** The count of `count` below from the maintained counts: a few hundred rows, whatever the org's size. */
  async function countAhead(search: TokenSearch): Promise<number> {
    const expiry = search.dates.expiresAt ?? null;
    const lastUse = search.dates.lastActiveAt ?? null;
    const cells = lastUse
      ? await readUseCounts(db, search.orgId, search.nowMs, useWindowOf(lastUse), TOKENWARD_SOURCE)
      : await readMaintainedCounts(db, search.orgId, search.nowMs, { source: TOKENWARD_SOURCE, scope: null, expiry });
    const counted = (status: LifecycleStatus) => cells.reduce((n, cell) => (cell.kind === search.kind && cell.status === status ? n + cell.count : n), 0);
    if (search.status === null) return counted('active') + counted('suspended') + counted('expired');
    // Usable tokens of the org's inactive people: counted active, but blocked.
    const heldByInactive = await db
      .selectFrom('tokens as t')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where(
        allOf([
          // On PostgreSQL an array, so each person is an index probe rather than a hash join over a
          // scan of the org.
          dialect === 'postgres'
            ? sql<SqlBool>`t.owner_user_id = any(array${inactiveOwnersOf(search.orgId)})`
            : sql<SqlBool>`t.owner_user_id in ${inactiveOwnersOf(search.orgId)}`,
          sql<SqlBool>`t.org_id = ${search.orgId}`,
          sql<SqlBool>`t.kind = ${search.kind}`,
          isUsable(search.nowMs),
          ...(expiry === null ? [] : [datePredicate('expiresAt', expiry)]),
          ...(lastUse === null ? [] : [datePredicate('lastActiveAt', lastUse)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    const blockedOwners = Number(heldByInactive.n);
    return search.status === 'allowed' ? counted('active') - blockedOwners : counted('suspended') + counted('expired') + blockedOwners;
  }

  return {
    /**
     * One page in walking order, fetching `limit + 1` rows to learn whether more lie beyond. A
     * `prev` page is read backwards and returned in display order.
     */
    async page(search: TokenSearch, sort: Sort, position: KeysetPosition | null, limit: number): Promise<{ items: InventoryItem[]; hasMore: boolean }> {
      const { expr } = sortKeyExpr(sort.field);
      const isBackwards = position?.direction === 'prev';
      // Walking back over a descending sort reads ascending, and vice versa.
      const isDescending = sort.descending !== isBackwards;
      const where = predicates(search);
      if (position) {
        const op = `${isDescending ? '<' : '>'}${position.isInclusive ? '=' : ''}`;
        where.push(sql<SqlBool>`(${expr}, t.id) ${sql.raw(op)} (${position.key}, ${position.id})`);
      }
      const direction = isDescending ? 'desc' : 'asc';
      // PostgreSQL misjudges how selective `LIKE '%q%'` is and may walk the sort index hoping to
      // meet matches early: 250 ms at 1M tokens for a rare q. An ORDER BY the index cannot serve
      // makes it take the trigram matches first and sort them (cost grows with the matches, not
      // the table). SQLite's planner already reads the FTS matches first.
      const isTrigramFirst = isTrigramSearch(dialect, search.q);
      const orderExpr = !isTrigramFirst ? expr : sort.field === 'label' ? sql`(${expr} || '')` : sql`(${expr} + 0)`;
      const ownerColumns = ['u.id as owner_id', 'u.org_id as owner_org_id', 'u.name as owner_name', 'u.email as owner_email', 'u.status as owner_status'] as const;
      const filtered = db.selectFrom('tokens as t').where(allOf(where)).orderBy(orderExpr, direction).orderBy('t.id', direction).limit(limit + 1);
      // With a `q` read through the trigram index, only the matches' ids are sorted; the kept rows
      // are then read whole and joined to their owners, as in the inventory of every kind
      // (org-token-store.ts), and those few sorted again (a join need not keep its input's order).
      const rows =
        hasTrigramIndexFor(search.q)
          ? await db
              .selectFrom(filtered.select('t.id').as('k'))
              .innerJoin('tokens as t', 't.id', 'k.id')
              .leftJoin('users as u', 'u.id', 't.owner_user_id')
              .selectAll('t')
              .select(ownerColumns)
              .orderBy(expr, direction)
              .orderBy('t.id', direction)
              .execute()
          : await filtered.selectAll('t').leftJoin('users as u', 'u.id', 't.owner_user_id').select(ownerColumns).execute();
      const hasMore = rows.length > limit;
      const kept = rows.slice(0, limit);
      if (isBackwards) kept.reverse();
      const items = kept.map((row) => ({
        token: toToken(row),
        owner:
          row.owner_id === null
            ? null
            : { id: row.owner_id, orgId: row.owner_org_id!, name: row.owner_name!, email: row.owner_email!, status: row.owner_status as UserStatus },
      }));
      return { items, hasMore };
    },

    async count(search: TokenSearch): Promise<number> {
      if (isCountedAhead(search)) return countAhead(search);
      const row = await db
        .selectFrom('tokens as t')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where(allOf(predicates(search)))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Where to cut the org's unrevoked user tokens of managed accounts into `parts` ranges of about
     * equal size in `(created_at, id)` order: the last token of each range but the last. None when
     * there are fewer than `minPerPart` tokens per range.
     */
    async cutsOfManagedUserTokens(orgId: string, parts: number, minPerPart: number): Promise<TokenPosition[]> {
      const row = await managedUserTokens(orgId, null, null).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      const total = Number(row.n);
      if (parts < 2 || total < parts * minPerPart) return [];
      const cuts: TokenPosition[] = [];
      for (let part = 1; part < parts; part++) {
        const cut = await managedUserTokens(orgId, null, null)
          .select(['t.created_at', 't.id'])
          .orderBy('t.created_at')
          .orderBy('t.id')
          .offset(Math.floor((part * total) / parts) - 1)
          .limit(1)
          .executeTakeFirst();
        if (cut) cuts.push({ createdAtMs: Number(cut.created_at), id: cut.id });
      }
      return cuts;
    },

    /**
     * One batch of a bulk revoke as one statement: the next `limit` unrevoked user tokens of managed
     * accounts after `after` (and up to `through`, when given) in `(created_at, id)` order are
     * revoked, and returned (in that order) so the caller can record their events and resume after
     * the last one.
     */
    async revokeNextManagedUserTokens(orgId: string, after: TokenPosition | null, through: TokenPosition | null, limit: number, by: string | null, reason: string, at: Date): Promise<Token[]> {
      const next = managedUserTokens(orgId, after, through).select('t.id').orderBy('t.created_at').orderBy('t.id').limit(limit);
      const rows = await db
        .updateTable('tokens')
        .set(revocationColumns(by, reason, at))
        .where(orgOfIdList(db, 'org_id', orgId))
        // PostgreSQL may plan `id in (subquery)` as a hash join over a scan of the org's rows (seen
        // at 100,000 tokens: 83 ms a batch, growing with the org); an array of the batch's ids is
        // always a thousand primary-key look-ups.
        .where(dialect === 'postgres' ? sql<SqlBool>`id = any(array(${next}))` : sql<SqlBool>`id in (${next})`)
        .where('status', '<>', 'revoked')
        .returningAll()
        .execute();
      const tokens = rows.map(toToken);
      return tokens.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    /** A user's unrevoked user API tokens, newest first (U1 has no paging; a person holds few). */
    async listOfUser(orgId: string, userId: string): Promise<Token[]> {
      const rows = await db
        .selectFrom('tokens')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('owner_user_id', '=', userId)
        .where('kind', '=', 'user')
        .where('status', '<>', 'revoked')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toToken);
    },
  };
}

export type TokenSearchStore = ReturnType<typeof createTokenSearchStore>;
