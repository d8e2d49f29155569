/**
 * The audit log as admins read it: filtered, newest first, keyset-paged on `seq` with
 * signed cursors; the same filters streamed oldest first for export, a batch at a time, never the
 * whole log in memory; and the org's retention setting. Purging lives in audit-chain-service.ts.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { decodeCursor, encodeCursor, queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import { actorOf, authorizeOrgAccess, type Principal } from '../domain/principal.js';
import type { AuditFilter, StoredAuditEntry } from '../store/audit-store.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { createNameLookup, looksLikeId, type NamedThing } from '../store/name-lookup.js';
import type { PurgeResult } from './audit-chain-service.js';
import { auditEntry } from './audit-service.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from './paging.js';

export interface AuditFilterQuery {
  action?: string | undefined;
  actorType?: string | undefined;
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditPageQuery extends AuditFilterQuery {
  pageSize?: number | undefined;
  cursor?: string | undefined;
}

/** Retention bounds: at least 30 days, so a stolen admin key cannot wipe the recent trail. */
export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 36_500;
const EXPORT_BATCH = 500;

function timeOf(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new DomainError('VALIDATION_FAILED', `${name} must be an ISO-8601 date-time.`);
  return ms;
}

/** Query parameters -> store filter; `token.*` becomes a prefix match on `token.`. */
export function auditFilterOf(orgId: string, query: AuditFilterQuery): AuditFilter {
  const action = query.action || undefined;
  const isFamily = action?.endsWith('.*') ?? false;
  const filter: AuditFilter = {
    orgId,
    action: isFamily ? undefined : action,
    actionPrefix: isFamily ? action!.slice(0, -1) : undefined,
    actorType: query.actorType || undefined,
    actorId: query.actorId || undefined,
    targetType: query.targetType || undefined,
    targetId: query.targetId || undefined,
    fromMs: timeOf(query.from, 'from'),
    toMs: timeOf(query.to, 'to'),
  };
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs >= filter.toMs) {
    throw new DomainError('VALIDATION_FAILED', '`from` must be before `to`.');
  }
  return filter;
}

/** Cursor body: `o` = continue with entries older than this seq, `n` = newer than this seq. */
interface SeqCursor {
  o?: number;
  n?: number;
}

function seqCursorOf(key: CursorKey, fingerprint: string, cursor: string | undefined): SeqCursor {
  if (cursor === undefined || cursor === '') return {};
  const payload = decodeCursor(key, fingerprint, cursor);
  const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (payload.o !== undefined && isSeq(payload.o)) return { o: payload.o };
  if (payload.n !== undefined && isSeq(payload.n)) return { n: payload.n };
  throw new DomainError('INVALID_PAGE_CURSOR');
}

export interface AuditLogServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  /** The retention purge (audit-chain-service.ts), for admins who run it now rather than wait for the job. */
  purgeExpiredEntries(orgId: string): Promise<PurgeResult>;
}

export function createAuditLogService(deps: AuditLogServiceDeps) {
  const { db, clock, cursorKey } = deps;
  const stores = createStores(db);
  const nameLookup = createNameLookup(db);

  return {
    /**
     * The names of every actor, target and id mentioned in the details of `entries` (one query
     * per kind of id, whatever the number of entries), so a page reads "Ada revoked 'ci'".
     */
    async namesOf(orgId: string, entries: readonly StoredAuditEntry[]): Promise<Record<string, NamedThing>> {
      const ids: string[] = [];
      const collect = (value: unknown, depth: number) => {
        if (looksLikeId(value)) ids.push(value);
        else if (depth < 2 && Array.isArray(value)) value.slice(0, 20).forEach((item) => collect(item, depth + 1));
        else if (depth < 2 && value !== null && typeof value === 'object') Object.values(value).forEach((item) => collect(item, depth + 1));
      };
      for (const entry of entries) {
        collect(entry.actorId, 0);
        collect(entry.targetId, 0);
        collect(entry.details, 0);
      }
      return Object.fromEntries(await nameLookup.namesOf(orgId, ids));
    },

    /** Names of the given ids (at most 200), for pages that list ids of several kinds (a policy's assignees). */
    async namesOfIds(principal: Principal, orgId: string, ids: readonly string[]): Promise<Record<string, NamedThing>> {
      authorizeOrgAccess(principal, orgId, null);
      if (ids.length > 200) throw new DomainError('VALIDATION_FAILED', 'Ask for at most 200 ids at once.');
      return Object.fromEntries(await nameLookup.namesOf(orgId, ids));
    },

    /** Newest first. `links.next` walks to older entries, `links.prev` back to newer ones. */
    async listEntries(principal: Principal, orgId: string, query: AuditPageQuery): Promise<Page<StoredAuditEntry>> {
      authorizeOrgAccess(principal, orgId, 'read:audit-log:admin');
      const filter = auditFilterOf(orgId, query);
      const fingerprint = queryFingerprint({ resource: 'audit-log', ...filter });
      const position = seqCursorOf(cursorKey, fingerprint, query.cursor);
      const limit = Math.min(Math.max(Math.trunc(query.pageSize ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
      const walkingBack = position.n !== undefined;
      const rows = await stores.audit.listFiltered(filter, {
        belowSeq: position.o,
        aboveSeq: position.n,
        limit: limit + 1,
        order: walkingBack ? 'asc' : 'desc',
      });
      const items = rows.slice(0, limit);
      if (walkingBack) items.reverse();
      const more = rows.length > limit;
      const first = items[0];
      const last = items[items.length - 1];
      const hasOlder = walkingBack ? last !== undefined : more;
      const hasNewer = walkingBack ? more : position.o !== undefined && first !== undefined;
      const encode = (body: SeqCursor) => encodeCursor(cursorKey, fingerprint, body as Record<string, unknown>);
      return {
        items,
        links: {
          self: encode(position),
          next: hasOlder && last ? encode({ o: last.seq }) : null,
          prev: hasNewer && first ? encode({ n: first.seq }) : null,
        },
      };
    },

    /**
     * Checks access and the filters at once (so a refusal is a proper error, not a broken stream),
     * then yields matching entries oldest first, one query of 500 at a time.
     */
    async openExport(principal: Principal, orgId: string, query: AuditFilterQuery): Promise<AsyncIterable<StoredAuditEntry>> {
      authorizeOrgAccess(principal, orgId, 'read:audit-log:admin');
      const filter = auditFilterOf(orgId, query);
      return (async function* exportEntries() {
        let aboveSeq: number | undefined;
        for (;;) {
          const rows = await stores.audit.listFiltered(filter, { aboveSeq, limit: EXPORT_BATCH, order: 'asc' });
          yield* rows;
          if (rows.length < EXPORT_BATCH) return;
          aboveSeq = rows[rows.length - 1]!.seq;
        }
      })();
    },

    async getRetention(principal: Principal, orgId: string): Promise<{ retentionDays: number | null }> {
      authorizeOrgAccess(principal, orgId, 'read:audit-log:admin');
      return { retentionDays: await stores.auditChains.retentionDays(orgId) };
    },

    /** null keeps entries forever; otherwise MIN..MAX days. Audited as `audit.retention_changed`. */
    async setRetention(principal: Principal, orgId: string, retentionDays: number | null, ip: string | null): Promise<{ retentionDays: number | null }> {
      authorizeOrgAccess(principal, orgId, 'write:audit-log:admin');
      if (retentionDays !== null && !(Number.isInteger(retentionDays) && retentionDays >= MIN_RETENTION_DAYS && retentionDays <= MAX_RETENTION_DAYS)) {
        throw new DomainError('VALIDATION_FAILED', `retentionDays must be null or a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`);
      }
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const before = await tx.auditChains.retentionDays(orgId);
        await tx.auditChains.setRetentionDays(orgId, retentionDays, clock().getTime());
        await tx.audit.append(
          auditEntry({ orgId, ...actorOf(principal), ip, action: 'audit.retention_changed', targetType: 'org', targetId: orgId, details: { before, after: retentionDays } }, clock),
        );
      });
      return { retentionDays };
    },

    async purgeNow(principal: Principal, orgId: string): Promise<PurgeResult> {
      authorizeOrgAccess(principal, orgId, 'write:audit-log:admin');
      return deps.purgeExpiredEntries(orgId);
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
