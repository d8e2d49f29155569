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
 * statements: lock-and-read the head, insert the entries (one multi-row insert per 500), move the
 * head.
 */
async function appendInTransaction(db: Kysely<Database>, entries: readonly AuditEntry[]): Promise<void> {
  const first = entries[0];
  if (!first) return;
  const contents = entries.map(contentOf);
  const key = chainKeyOf(db);
  if (!key) {
    // Unsealed: `audit verify` reports such a row. Only handles opened without the pepper get here.
    for (const rows of chunksOf(contents)) await db.insertInto('audit_log').values(rows.map((content) => ({ ...content, prev_hash: null, hash: null }))).execute();
    return;
  }
  const chainId = chainIdOf(first.orgId);
  if (entries.some((entry) => chainIdOf(entry.orgId) !== chainId)) throw new Error('entries appended together must belong to one audit chain');
  const head = await db
    .insertInto('audit_chains')
    .values({ chain_id: chainId, updated_at: contents[0]!.at })
    .onConflict((oc) => oc.column('chain_id').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
    .returning('head_hash')
    .executeTakeFirstOrThrow();
  let prevHash = head.head_hash;
  const rows = contents.map((content) => {
    const hash = entryHash(key, prevHash, content);
    const row = { ...content, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  let lastSeq = 0;
  for (const chunk of chunksOf(rows)) {
    const inserted = await db.insertInto('audit_log').values(chunk).returning(['seq', 'id']).execute();
    // The chain is walked in seq order: a multi-row insert numbers its rows in the order given
    // (both databases do), and this refuses to commit a chain that would not verify if one did not.
    const seqOf = new Map(inserted.map((row) => [row.id, Number(row.seq)]));
    for (const row of chunk) {
      const seq = seqOf.get(row.id);
      if (seq === undefined || seq <= lastSeq) throw new Error('audit entries were numbered out of their chain order');
      lastSeq = seq;
    }
  }
  const last = rows[rows.length - 1]!;
  const pointer = { seq: lastSeq, id: last.id, hash: last.hash };
  await db
    .updateTable('audit_chains')
    .set({ head_seq: pointer.seq, head_id: pointer.id, head_hash: last.hash, head_mac: headMac(key, chainId, pointer), updated_at: last.at })
    .where('chain_id', '=', chainId)
    .execute();
}

/** Rows per multi-row insert: well within both databases' limits on bound parameters. */
const AUDIT_ROWS_PER_INSERT = 500;

function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < rows.length; at += AUDIT_ROWS_PER_INSERT) chunks.push(rows.slice(at, at + AUDIT_ROWS_PER_INSERT));
  return chunks;
}

export function createAuditStore(db: Kysely<Database>) {
  /** In the caller's transaction when there is one (there should be: the change and its entries commit together). */
  async function appendMany(entries: readonly AuditEntry[]): Promise<void> {
    if (db.isTransaction) return appendInTransaction(db, entries);
    await db.transaction().execute((trx) => appendInTransaction(trx, entries));
  }
  return {
    async append(entry: AuditEntry): Promise<void> {
      await appendMany([entry]);
    },

    /** Entries of one org, chained in the order given, with the chain's lock taken once. */
    appendMany,

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
