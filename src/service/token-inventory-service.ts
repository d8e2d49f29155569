/**
 * Token inventory use cases: search and count the org's user API tokens (T1, T2) and
 * admin API keys (K1, K2), revoke in bulk (T3) or one at a time (K4, U2), and a user's own list
 * (U1). Paging is keyset-only, behind signed cursors bound to the query they came from.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { decodeCursor, encodeCursor, queryFingerprint, type CursorKey, type CursorPayload } from '../domain/cursor.js';
import { dateBoundsOf, type DateField } from '../domain/date-filters.js';
import { DomainError } from '../domain/errors.js';
import type { Token } from '../domain/models.js';
import { actorOf, authorizeOrgAccess, principalId, type Principal } from '../domain/principal.js';
import type { TokenKind } from '../domain/token-format.js';
import {
  fingerprintOf,
  inventoryStatusOf,
  sortKeyOf,
  type InventoryFilters,
  type InventoryQuery,
  type InventoryStatus,
  type Sort,
} from '../domain/token-query.js';
import type { DialectName } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { createTokenSearchStore, type InventoryItem, type KeysetPosition, type TokenPosition, type TokenSearch } from '../store/token-search-store.js';
import { auditEntry } from './audit-service.js';
import { actorRef, recordRevocations, recordRevocationsOf } from './event-recorder.js';
import type { TokenChangeBus } from './token-change-bus.js';

/** Tokens revoked per transaction by a bulk revoke: short transactions, other requests in between. */
export const DEFAULT_REVOKE_BATCH_SIZE = 1000;
/** How many ranges of a PostgreSQL bulk revoke run side by side (see revokeAllUserTokens). */
const PARALLEL_REVOKE_RANGES = 2;

/** The maker of a token as Atlassian's answers name a person. */
export interface CreatorRef {
  id: string;
  name: string;
  email: string;
}

export interface TokenInventoryDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  cursorKey: CursorKey;
  revokeBatchSize?: number;
  /** Told after each commit which tokens changed, for verification caches. */
  bus?: TokenChangeBus | undefined;
}

export interface PageLinks {
  self: string;
  next: string | null;
  prev: string | null;
}

export interface InventoryPage {
  items: Array<InventoryItem & { status: InventoryStatus }>;
  links: PageLinks;
}

export interface UserTokenSummary {
  token: Token;
  isDisabled: boolean;
}

export function createTokenInventoryService(deps: TokenInventoryDeps) {
  const { db, dialect, clock, cursorKey } = deps;
  const batchSize = deps.revokeBatchSize ?? DEFAULT_REVOKE_BATCH_SIZE;
  const search = createTokenSearchStore(db, dialect);

  function searchOf(orgId: string, kind: TokenKind, filters: InventoryFilters, now: Date): TokenSearch {
    const dates: TokenSearch['dates'] = {};
    for (const [field, filter] of Object.entries(filters.dates) as Array<[DateField, NonNullable<InventoryFilters['dates'][DateField]>]>) {
      dates[field] = dateBoundsOf(filter, field === 'expiresAt' ? 'future' : 'past', now);
    }
    return { orgId, kind, q: filters.q, status: filters.status, keyType: filters.keyType, dates, nowMs: now.getTime() };
  }

  /** Cursor payloads: `d` n(ext)/p(rev)/s(tart), `k` sort key, `i` id, `x` inclusive. */
  function positionOf(payload: CursorPayload, sort: Sort): KeysetPosition | null {
    const { d, k, i, x } = payload;
    if (d === 's') return null;
    const isKeyOk = sort.field === 'label' ? typeof k === 'string' : typeof k === 'number' && Number.isSafeInteger(k);
    if ((d !== 'n' && d !== 'p') || !isKeyOk || typeof i !== 'string' || (x !== undefined && x !== 1)) {
      throw new DomainError('INVALID_PAGE_CURSOR');
    }
    return { direction: d === 'n' ? 'next' : 'prev', key: k as number | string, id: i, isInclusive: x === 1 };
  }

  async function searchPage(orgId: string, kind: TokenKind, query: InventoryQuery): Promise<InventoryPage> {
    const now = clock();
    const { filters, sort, pageSize: limit, cursor: rawCursor } = query;
    const fingerprint = queryFingerprint({ org: orgId, kind, ...fingerprintOf(filters, sort) });
    const position = rawCursor === null ? null : positionOf(decodeCursor(cursorKey, fingerprint, rawCursor), sort);
    const { items, hasMore } = await search.page(searchOf(orgId, kind, filters, now), sort, position, limit);

    const cursor = (payload: CursorPayload) => encodeCursor(cursorKey, fingerprint, payload);
    const at = (item: InventoryItem, payload: CursorPayload) => cursor({ ...payload, k: sortKeyOf(item.token, sort.field), i: item.token.id });
    const first = items[0];
    const last = items[items.length - 1];
    const samePosition = (p: KeysetPosition) => ({ k: p.key, i: p.id });
    let links: PageLinks;
    if (position === null) {
      links = { self: cursor({ d: 's' }), next: hasMore && last ? at(last, { d: 'n' }) : null, prev: null };
    } else if (position.direction === 'next') {
      links = {
        self: first ? at(first, { d: 'n', x: 1 }) : rawCursor!,
        next: hasMore && last ? at(last, { d: 'n' }) : null,
        // Rows before a forward page: the ones up to its cursor (inclusive when it was exclusive).
        prev: first ? at(first, { d: 'p' }) : cursor({ d: 'p', ...samePosition(position), ...(position.isInclusive ? {} : { x: 1 }) }),
      };
    } else {
      links = {
        self: first ? at(first, { d: 'n', x: 1 }) : rawCursor!,
        next: last ? at(last, { d: 'n' }) : cursor({ d: 'n', ...samePosition(position), ...(position.isInclusive ? {} : { x: 1 }) }),
        prev: hasMore && first ? at(first, { d: 'p' }) : null,
      };
    }
    return {
      items: items.map((item) => ({ ...item, status: inventoryStatusOf(item.token, item.owner?.status ?? null, now) ?? 'BLOCKED' })),
      links,
    };
  }

  async function countOf(orgId: string, kind: TokenKind, filters: InventoryFilters): Promise<number> {
    return search.count(searchOf(orgId, kind, filters, clock()));
  }

  return {
    /** T1: the org's user API tokens, of a query parsed with USER_TOKEN_FILTERS (src/domain/token-query.ts). */
    searchUserTokens: (orgId: string, query: InventoryQuery) => searchPage(orgId, 'user', query),
    /** T2 */
    countUserTokens: (orgId: string, filters: InventoryFilters) => countOf(orgId, 'user', filters),
    /** K2: the org's admin API keys, of a query parsed with ADMIN_KEY_FILTERS. */
    searchAdminKeys: (orgId: string, query: InventoryQuery) => searchPage(orgId, 'admin_key', query),
    /** K1 */
    countAdminKeys: (orgId: string, filters: InventoryFilters) => countOf(orgId, 'admin_key', filters),

    /**
     * Who made each of these tokens, in two queries for a whole page: a person by name and e-mail,
     * an admin key by its label (with no e-mail). Tokens made by the command line have no creator.
     */
    async creatorsOf(orgId: string, tokens: readonly Token[]): Promise<Map<string, CreatorRef>> {
      const ids = [...new Set(tokens.map((token) => token.createdBy).filter((id): id is string => id !== null))];
      const stores = createStores(db);
      const [users, keys] = await Promise.all([stores.users.findByIds(orgId, ids), stores.tokens.findByIds(orgId, ids)]);
      const creators = new Map<string, CreatorRef>();
      for (const [id, user] of users) creators.set(id, { id, name: user.name, email: user.email });
      for (const [id, key] of keys) creators.set(id, { id, name: `${key.label} (admin API key)`, email: '' });
      return creators;
    },

    /**
     * T3: revokes every managed user's API token of the org, `batchSize` per transaction, yielding
     * to other requests between batches. Restartable: a second call picks up whatever the first did
     * not reach. Each revoked row carries who revoked it and why, so an interrupted run stays
     * traceable; the one audit entry (with the count) is written once every batch is in.
     *
     * On PostgreSQL the tokens are cut into ranges revoked side by side: a batch's cost is the
     * upkeep of the table's indexes and counts in its own server process, so two ranges use two
     * cores (100,000 tokens on 2 cores: 12 s -> 8 s). SQLite has one writer: one range.
     */
    async revokeAllUserTokens(principal: Principal, orgId: string, ip: string | null): Promise<number> {
      const now = clock();
      const by = principalId(principal);
      const actor = actorRef(actorOf(principal));
      const cuts = dialect === 'postgres' ? await search.cutsOfManagedUserTokens(orgId, PARALLEL_REVOKE_RANGES, batchSize) : [];
      const revokeRange = async (from: TokenPosition | null, through: TokenPosition | null): Promise<number> => {
        let after = from;
        let revoked = 0;
        for (;;) {
          const tokens = await db.transaction().execute(async (trx) => {
            // One UPDATE picks and revokes the batch and returns its rows for the events.
            const batch = await createTokenSearchStore(trx, dialect).revokeNextManagedUserTokens(orgId, after, through, batchSize, by, 'bulk_revoke', now);
            await recordRevocationsOf(createStores(trx), orgId, batch, actor, 'bulk_revoke', now);
            return batch;
          });
          revoked += tokens.length;
          // One notification per batch, after its commit.
          if (tokens.length > 0) deps.bus?.tokensChanged(orgId, tokens.map((t) => t.id));
          const lastRow = tokens[tokens.length - 1];
          if (tokens.length < batchSize || !lastRow) return revoked;
          after = { createdAtMs: lastRow.createdAt.getTime(), id: lastRow.id };
          await yieldToEventLoop();
        }
      };
      const starts = [null, ...cuts];
      // Both ranges end before the answer, even when one fails: nothing keeps revoking behind it.
      const ranges = await Promise.allSettled(starts.map((from, i) => revokeRange(from, cuts[i] ?? null)));
      const failed = ranges.find((range) => range.status === 'rejected');
      if (failed) throw failed.reason;
      const total = ranges.reduce((sum, range) => sum + (range.status === 'fulfilled' ? range.value : 0), 0);
      await createStores(db).audit.append(
        auditEntry(
          { orgId, ...actorOf(principal), ip, action: 'token.bulk_revoked', targetType: 'org', targetId: orgId, details: { kind: 'user', accountType: 'managed', count: total } },
          clock,
        ),
      );
      return total;
    },

    /** K4: revokes one admin API key of the org. A revoked key is gone, as in Atlassian: 404. */
    async revokeAdminKey(principal: Principal, orgId: string, keyId: string, ip: string | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const stores = createStores(trx);
        const key = await stores.tokens.findById(orgId, keyId);
        if (!key || key.kind !== 'admin_key' || key.status === 'revoked') throw new DomainError('TOKEN_NOT_FOUND', 'No such API key in this organization.');
        await stores.tokens.revoke(orgId, keyId, principalId(principal), 'admin_api', clock());
        await recordRevocations(stores, orgId, [keyId], actorRef(actorOf(principal)), 'admin_api', clock());
        await stores.audit.append(
          auditEntry({ orgId, ...actorOf(principal), ip, action: 'admin_key.revoked', targetType: 'token', targetId: keyId, details: { count: 1 } }, clock),
        );
      });
      deps.bus?.tokensChanged(orgId, [keyId]);
    },

    /**
     * U1: a user's API tokens. The route has no org: the user must be in the key's own org, and
     * the scope is checked here as `requireAdmin` checks scopes only on routes with an `orgId`.
     */
    async listTokensOfUser(principal: Principal, accountId: string): Promise<UserTokenSummary[]> {
      authorizeOrgAccess(principal, principal.orgId, 'read:tokens:admin');
      const user = await createStores(db).users.findById(principal.orgId, accountId);
      if (!user) throw new DomainError('USER_NOT_FOUND');
      const now = clock();
      const tokens = await search.listOfUser(principal.orgId, accountId);
      return tokens.map((token) => ({ token, isDisabled: inventoryStatusOf(token, user.status, now) !== 'ALLOWED' }));
    },

    /** U2: revokes one of a user's API tokens. */
    async revokeTokenOfUser(principal: Principal, accountId: string, tokenId: string, ip: string | null): Promise<void> {
      authorizeOrgAccess(principal, principal.orgId, 'delete:tokens:admin');
      const orgId = principal.orgId;
      await db.transaction().execute(async (trx) => {
        const stores = createStores(trx);
        if (!(await stores.users.findById(orgId, accountId))) throw new DomainError('USER_NOT_FOUND');
        const token = await stores.tokens.findById(orgId, tokenId);
        const isUsersToken = token?.kind === 'user' && token.owner?.type === 'user' && token.owner.id === accountId;
        if (!token || !isUsersToken || token.status === 'revoked') throw new DomainError('TOKEN_NOT_FOUND');
        await stores.tokens.revoke(orgId, tokenId, principalId(principal), 'admin_api', clock());
        await recordRevocations(stores, orgId, [tokenId], actorRef(actorOf(principal)), 'admin_api', clock());
        await stores.audit.append(
          auditEntry(
            { orgId, ...actorOf(principal), ip, action: 'token.revoked', targetType: 'token', targetId: tokenId, details: { owner: accountId, count: 1 } },
            clock,
          ),
        );
      });
      deps.bus?.tokensChanged(orgId, [tokenId]);
    },
  };
}

export type TokenInventoryService = ReturnType<typeof createTokenInventoryService>;
