/**
 * The audit log: append-only (no update or delete of an entry here on purpose; the retention purge
 * lives in audit-chain-store.ts and keeps the chain verifiable). Every append extends its org's hash
 * chain (src/domain/audit-chain.ts) inside the caller's transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import { chainIdOf, entryHash, headMac, type ChainedContent, type StoredAuditEntry } from '../domain/audit-chain.js';
import type { AuditEntry } from '../domain/models.js';
import { chainKeyOf } from './audit-chain-key.js';
import type { AuditLogTable, Database } from './schema.js';
import { parseJsonObject, toDate } from './rows.js';

export type { StoredAuditEntry };

export function toAuditEntry(row: Selectable<AuditLogTable>): StoredAuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    orgId: row.org_id,
    at: toDate(Number(row.at)),
    actorType: row.actor_type as AuditEntry['actorType'],
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details: parseJsonObject(row.details),
    hash: row.hash,
  };
}

function contentOf(entry: AuditEntry): ChainedContent {
  return {
    id: entry.id,
    org_id: entry.orgId,
    at: entry.at.getTime(),
    actor_type: entry.actorType,
    actor_id: entry.actorId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    ip: entry.ip,
    details: JSON.stringify(entry.details),
  };
}

/** Filters of the audit query API and export; all optional but the org. */
export interface AuditFilter {
  orgId: string;
  action?: string | undefined;
  /** `token.` matches `token.created`, `token.revoked`, ... */
  actionPrefix?: string | undefined;
  actorType?: string | undefined;
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** Inclusive. */
  fromMs?: number | undefined;
  /** Exclusive. */
  toMs?: number | undefined;
}

export interface SeqRange {
  /** Only entries with a smaller seq. */
  belowSeq?: number | undefined;
  /** Only entries with a larger seq. */
  aboveSeq?: number | undefined;
  limit: number;
  order: 'asc' | 'desc';
}

/**
 * Appends under the chain's lock: an upsert on the chain's head row, which PostgreSQL row-locks
 * until the caller's transaction ends (every node and transaction appending to the same org waits
 * its turn there; other orgs do not), and SQLite's single writer serializes anyway. Three short
 * statements: lock-and-read the head, insert the entry, move the head.
 */
async function appendInTransaction(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const content = contentOf(entry);
  const key = chainKeyOf(db);
  if (!key) {
    // Unsealed: `audit verify` reports such a row. Only handles opened without the pepper get here.
    await db.insertInto('audit_log').values({ ...content, prev_hash: null, hash: null }).execute();
    return;
  }
  const chainId = chainIdOf(entry.orgId);
  const head = await db
    .insertInto('audit_chains')
    .values({ chain_id: chainId, updated_at: content.at })
    .onConflict((oc) => oc.column('chain_id').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
    .returning('head_hash')
    .executeTakeFirstOrThrow();
  const hash = entryHash(key, head.head_hash, content);
  const inserted = await db
    .insertInto('audit_log')
    .values({ ...content, prev_hash: head.head_hash, hash })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const pointer = { seq: Number(inserted.seq), id: content.id, hash };
  await db
    .updateTable('audit_chains')
    .set({ head_seq: pointer.seq, head_id: pointer.id, head_hash: hash, head_mac: headMac(key, chainId, pointer), updated_at: content.at })
    .where('chain_id', '=', chainId)
    .execute();
}

export function createAuditStore(db: Kysely<Database>) {
  return {
    /** In the caller's transaction when there is one (there should be: the change and its entry commit together). */
    async append(entry: AuditEntry): Promise<void> {
      if (db.isTransaction) return appendInTransaction(db, entry);
      await db.transaction().execute((trx) => appendInTransaction(trx, entry));
    },

    /** Newest first. */
    async listRecent(orgId: string, limit: number): Promise<StoredAuditEntry[]> {
      const rows = await db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toAuditEntry);
    },

    /** The instance chain (entries of no org), newest first, below `beforeSeq` when given. */
    async listInstance(limit: number, beforeSeq?: number): Promise<StoredAuditEntry[]> {
      let query = db.selectFrom('audit_log').selectAll().where('org_id', 'is', null);
      if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
      const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toAuditEntry);
    },

    /** One slice of the filtered log in `seq` order; the query API and the export page through it. */
    async listFiltered(filter: AuditFilter, range: SeqRange): Promise<StoredAuditEntry[]> {
      let query = db.selectFrom('audit_log').selectAll().where('org_id', '=', filter.orgId);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.actionPrefix !== undefined) {
        const prefix = filter.actionPrefix;
        query = query.where((eb) => eb(eb.fn('substr', ['action', eb.val(1), eb.val(prefix.length)]), '=', prefix));
      }
      if (filter.actorType !== undefined) query = query.where('actor_type', '=', filter.actorType);
      if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
      if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
      if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
      if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
      if (filter.toMs !== undefined) query = query.where('at', '<', filter.toMs);
      if (range.belowSeq !== undefined) query = query.where('seq', '<', range.belowSeq);
      if (range.aboveSeq !== undefined) query = query.where('seq', '>', range.aboveSeq);
      const rows = await query.orderBy('seq', range.order).limit(range.limit).execute();
      return rows.map(toAuditEntry);
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
