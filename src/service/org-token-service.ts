/**
 * Tokenward's own inventory of every token of an org (docs/tokens-api.md): one filtered,
 * keyset-paged list of members' tokens, service accounts' tokens and admin API keys, its counts by
 * status and kind, one token with its owner, and the filtered list as CSV rows for an export.
 * Read-only: issuing, revoking and rotating are the (same paths, its own plugin).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { decodeCursor, encodeCursor, queryFingerprint, type CursorKey, type CursorPayload } from '../domain/cursor.js';
import { dateBoundsOf, type DateField } from '../domain/date-filters.js';
import { DomainError } from '../domain/errors.js';
import {
  LIFECYCLE_STATUSES,
  OWNER_KINDS,
  lifecycleStatusOf,
  ownerKindOf,
  type LifecycleStatus,
  type OrgTokenExportQuery,
  type OrgTokenFilters,
  type OrgTokenQuery,
  type OwnerKind,
} from '../domain/org-token-query.js';
import { formatSort, sortKeyOf, type Sort } from '../domain/token-query.js';
import type { DialectName } from '../store/db.js';
import { createStores } from '../store/stores.js';
import { createOrgTokenStore, type OrgTokenRow, type OrgTokenSearch } from '../store/org-token-store.js';
import { createInventoryActivity } from '../store/inventory-activity.js';
import type { Database } from '../store/schema.js';
import type { KeysetPosition } from '../store/token-search-store.js';
import { DAY_MS } from '../domain/time.js';
import { createGovernanceService, type PolicyRef } from './governance-service.js';

export interface OrgTokenDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  cursorKey: CursorKey;
}

export interface OrgTokenItem extends OrgTokenRow {
  status: LifecycleStatus;
  /** Calls over the last 30 UTC days (today included) and the address of the latest call. */
  activity: { callsLast30Days: number; lastIp: string | null };
  /** What the token is for (none for tokens of connected systems). */
  purpose: string | null;
  tags: string[];
  /** The policy governing the token's owner now; null for admin keys and owners no directory entry matches. */
  governingPolicy: PolicyRef | null;
}

const ACTIVITY_DAYS = 30;

export interface OrgTokenPage {
  items: OrgTokenItem[];
  links: { self: string; next: string | null; prev: string | null };
}

export interface OrgTokenCounts {
  total: number;
  byStatus: Record<LifecycleStatus, number>;
  byOwnerKind: Record<OwnerKind, number>;
  /** Every non-empty (source, owner kind, status) cell: one (owner kind, status) may have a cell per source. */
  cells: Array<{ ownerKind: OwnerKind; status: LifecycleStatus; count: number; source: string; sourceType: string }>;
  /** Tokens by source: `tokenward` and each connector id with tokens. */
  bySource: Record<string, number>;
  /** Tokens by kind of source: `tokenward` and each connected system's type with tokens. */
  bySourceType: Record<string, number>;
}

/** Rows read per query while exporting: large enough to be quick, small enough to stream. */
const EXPORT_BATCH = 1000;

export function createOrgTokenService(deps: OrgTokenDeps) {
  const { db, dialect, clock, cursorKey } = deps;
  const store = createOrgTokenStore(db, dialect);
  const inventoryActivity = createInventoryActivity(db);
  const governance = createGovernanceService({ db, clock });

  function searchOf(orgId: string, filters: OrgTokenFilters, now: Date): OrgTokenSearch {
    const dates: OrgTokenSearch['dates'] = {};
    for (const [field, filter] of Object.entries(filters.dates) as Array<[DateField, NonNullable<OrgTokenFilters['dates'][DateField]>]>) {
      dates[field] = dateBoundsOf(filter, field === 'expiresAt' ? 'future' : 'past', now);
    }
    return {
      orgId,
      kinds: filters.kinds,
      statuses: filters.statuses,
      q: filters.q,
      dates,
      scope: filters.scope,
      neverUsed: filters.neverUsed,
      ownerId: filters.ownerId,
      idleSinceMs: filters.idleDays === null ? null : now.getTime() - filters.idleDays * DAY_MS,
      nowMs: now.getTime(),
      source: filters.source,
      tag: filters.tag,
      hasPurpose: filters.hasPurpose,
    };
  }

  function fingerprintOf(orgId: string, filters: OrgTokenFilters, sort: Sort): string {
    return queryFingerprint({ resource: 'org-tokens', org: orgId, ...filters, dates: JSON.stringify(filters.dates), sort: formatSort(sort) });
  }

  /** Cursor payloads as in token-inventory-service: `d` n(ext)/p(rev)/s(tart), `k` key, `i` id, `x` inclusive. */
  function positionOf(payload: CursorPayload, sort: Sort): KeysetPosition | null {
    const { d, k, i, x } = payload;
    if (d === 's') return null;
    const isKeyOk = sort.field === 'label' ? typeof k === 'string' : typeof k === 'number' && Number.isSafeInteger(k);
    if ((d !== 'n' && d !== 'p') || !isKeyOk || typeof i !== 'string' || (x !== undefined && x !== 1)) throw new DomainError('INVALID_PAGE_CURSOR');
    return { direction: d === 'n' ? 'next' : 'prev', key: k as number | string, id: i, isInclusive: x === 1 };
  }

  /** Status, the activity columns, what each token is for and the governing policy: one query each for the whole page. */
  async function withStatus(orgId: string, items: OrgTokenRow[], now: Date): Promise<OrgTokenItem[]> {
    const sinceDay = Math.floor(now.getTime() / DAY_MS) - (ACTIVITY_DAYS - 1);
    const ids = items.map((item) => item.token.id);
    const owners = items.flatMap((item) => (item.token.owner ? [item.token.owner] : []));
    const [activity, controls, governing] = await Promise.all([
      inventoryActivity.ofTokens(orgId, ids, sinceDay),
      createStores(db).tokenControls.findMany(ids),
      governance.governingPolicies(orgId, owners),
    ]);
    return items.map((item) => {
      const found = activity.get(item.token.id);
      const control = controls.get(item.token.id);
      const owner = item.token.owner;
      return {
        ...item,
        status: lifecycleStatusOf(item.token, now),
        activity: { callsLast30Days: found?.calls ?? 0, lastIp: found?.lastIp ?? null },
        purpose: control?.purpose ?? null,
        tags: control?.tags ?? [],
        governingPolicy: owner ? (governing.get(`${owner.type}:${owner.id}`) ?? null) : null,
      };
    });
  }

  return {
    /**
     * The filtered page (`q`, `status`, `ownerKind`, date windows, `scope`, `neverUsed`, `idleDays`,
     * `tag`, `hasPurpose`), of a query the route parsed (`parseOrgTokenQuery`).
     */
    async list(orgId: string, query: OrgTokenQuery): Promise<OrgTokenPage> {
      const now = clock();
      const { filters, sort, pageSize, cursor: rawCursor } = query;
      const fingerprint = fingerprintOf(orgId, filters, sort);
      const position = rawCursor === null ? null : positionOf(decodeCursor(cursorKey, fingerprint, rawCursor), sort);
      const { items, hasMore } = await store.page(searchOf(orgId, filters, now), sort, position, pageSize);

      const cursor = (payload: CursorPayload) => encodeCursor(cursorKey, fingerprint, payload);
      const at = (row: OrgTokenRow, payload: CursorPayload) => cursor({ ...payload, k: sortKeyOf(row.token, sort.field), i: row.token.id });
      const first = items[0];
      const last = items[items.length - 1];
      let links: OrgTokenPage['links'];
      if (position === null) {
        links = { self: cursor({ d: 's' }), next: hasMore && last ? at(last, { d: 'n' }) : null, prev: null };
      } else {
        const here = { k: position.key, i: position.id, ...(position.isInclusive ? {} : { x: 1 }) };
        const isForward = position.direction === 'next';
        links = {
          self: first ? at(first, { d: 'n', x: 1 }) : rawCursor!,
          next: isForward ? (hasMore && last ? at(last, { d: 'n' }) : null) : last ? at(last, { d: 'n' }) : cursor({ d: 'n', ...here }),
          prev: isForward ? (first ? at(first, { d: 'p' }) : cursor({ d: 'p', ...here })) : hasMore && first ? at(first, { d: 'p' }) : null,
        };
      }
      return { items: await withStatus(orgId, items, now), links };
    },

    /** Counts of the tokens matching every filter but `status` and `ownerKind`, by both. */
    async counts(orgId: string, filters: OrgTokenFilters): Promise<OrgTokenCounts> {
      const now = clock();
      const cells = await store.countByKindAndStatus(searchOf(orgId, filters, now));
      const byStatus = Object.fromEntries(LIFECYCLE_STATUSES.map((s) => [s, 0])) as Record<LifecycleStatus, number>;
      const byOwnerKind = Object.fromEntries(OWNER_KINDS.map((k) => [k, 0])) as Record<OwnerKind, number>;
      const bySource: Record<string, number> = {};
      const bySourceType: Record<string, number> = {};
      let total = 0;
      const out: OrgTokenCounts['cells'] = [];
      for (const cell of cells) {
        const ownerKind = ownerKindOf(cell.kind);
        byStatus[cell.status] += cell.count;
        byOwnerKind[ownerKind] += cell.count;
        bySource[cell.source] = (bySource[cell.source] ?? 0) + cell.count;
        bySourceType[cell.sourceType] = (bySourceType[cell.sourceType] ?? 0) + cell.count;
        total += cell.count;
        out.push({ ownerKind, status: cell.status, count: cell.count, source: cell.source, sourceType: cell.sourceType });
      }
      return { total, byStatus, byOwnerKind, cells: out, bySource, bySourceType };
    },

    /** One token of the org (revoked ones too), with its owner. */
    async get(orgId: string, tokenId: string): Promise<OrgTokenItem> {
      const row = await store.findWithOwner(orgId, tokenId);
      if (!row) throw new DomainError('TOKEN_NOT_FOUND');
      return (await withStatus(orgId, [row], clock()))[0]!;
    },

    /**
     * Every token of the filtered list, in its sort order, in batches: the caller streams them out.
     * The route parses the query (`parseOrgTokenExportQuery`) before the first row, so a bad filter is still a 400.
     */
    exportRows(orgId: string, query: OrgTokenExportQuery): { sort: Sort; rows: AsyncIterable<OrgTokenItem> } {
      const now = clock();
      const { filters, sort } = query;
      const search = searchOf(orgId, filters, now);
      async function* rows(): AsyncGenerator<OrgTokenItem> {
        let position: KeysetPosition | null = null;
        for (;;) {
          const { items, hasMore } = await store.page(search, sort, position, EXPORT_BATCH);
          yield* await withStatus(orgId, items, now);
          const last = items[items.length - 1];
          if (!hasMore || !last) return;
          position = { direction: 'next', key: sortKeyOf(last.token, sort.field), id: last.token.id, isInclusive: false };
        }
      }
      return { sort, rows: rows() };
    },
  };
}

export type OrgTokenService = ReturnType<typeof createOrgTokenService>;
