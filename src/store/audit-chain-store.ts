/**
 * Reading and maintaining the audit chains: the head and anchor records, walking the
 * log in `seq` order for `audit verify`, removing a chain's oldest entries for retention, and the
 * per-org retention setting. Appending lives in audit-store.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AuditChainKey } from '../domain/audit-chain.js';
import { chainKeyOf } from './audit-chain-key.js';
import type { AuditChainTable, AuditLogTable, Database } from './schema.js';

export type ChainRecord = Selectable<AuditChainTable>;
export type AuditRow = Selectable<AuditLogTable>;

function normalizeChain(row: ChainRecord): ChainRecord {
  return {
    ...row,
    head_seq: row.head_seq === null ? null : Number(row.head_seq),
    anchor_seq: row.anchor_seq === null ? null : Number(row.anchor_seq),
    purged_count: Number(row.purged_count),
  };
}

function normalizeRow(row: AuditRow): AuditRow {
  return { ...row, seq: Number(row.seq), at: Number(row.at) };
}

export function createAuditChainStore(db: Kysely<Database>) {
  return {
    /** The key this handle chains under, or null for a handle opened without the pepper. */
    chainKey(): AuditChainKey | null {
      return chainKeyOf(db);
    },

    async listChains(): Promise<ChainRecord[]> {
      const rows = await db.selectFrom('audit_chains').selectAll().orderBy('chain_id').execute();
      return rows.map(normalizeChain);
    },

    /** The whole log, every chain, in `seq` order: one batch after `afterSeq`. */
    async rowsAfter(afterSeq: number, limit: number): Promise<AuditRow[]> {
      const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map(normalizeRow);
    },

    /** Which row carries this hash (only asked when a link is broken: a scan is acceptable then). */
    async findByHash(hash: string): Promise<{ seq: number; id: string } | null> {
      const row = await db.selectFrom('audit_log').select(['seq', 'id']).where('hash', '=', hash).orderBy('seq').limit(1).executeTakeFirst();
      return row ? { seq: Number(row.seq), id: row.id } : null;
    },

    /** Locks the chain's head row for the rest of the caller's transaction (creating it if needed). */
    async lockChain(chainId: string, nowMs: number): Promise<ChainRecord> {
      const row = await db
        .insertInto('audit_chains')
        .values({ chain_id: chainId, updated_at: nowMs })
        .onConflict((oc) => oc.column('chain_id').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
        .returningAll()
        .executeTakeFirstOrThrow();
      return normalizeChain(row);
    },

    /** A chain's oldest entries, in chain order. */
    async oldestOfOrg(orgId: string, limit: number): Promise<AuditRow[]> {
      const rows = await db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq').limit(limit).execute();
      return rows.map(normalizeRow);
    },

    /** `seq` and `at` of an org's entries after `afterSeq`, in chain order (for planning a purge). */
    async positionsOfOrg(orgId: string, afterSeq: number, limit: number): Promise<Array<{ seq: number; at: number }>> {
      const rows = await db.selectFrom('audit_log').select(['seq', 'at']).where('org_id', '=', orgId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ seq: Number(r.seq), at: Number(r.at) }));
    },

    /** Removes an org's entries up to and including `throughSeq` (a prefix of its chain). */
    async deleteOrgPrefix(orgId: string, throughSeq: number): Promise<number> {
      const result = await db.deleteFrom('audit_log').where('org_id', '=', orgId).where('seq', '<=', throughSeq).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async setAnchor(chainId: string, anchor: { seq: number; id: string; hash: string; mac: string }, purged: number, nowMs: number): Promise<void> {
      await db
        .updateTable('audit_chains')
        .set((eb) => ({
          anchor_seq: anchor.seq,
          anchor_id: anchor.id,
          anchor_hash: anchor.hash,
          anchor_mac: anchor.mac,
          purged_count: eb('purged_count', '+', purged),
          updated_at: nowMs,
        }))
        .where('chain_id', '=', chainId)
        .execute();
    },

    /** null: keep forever (also when the org never set it). */
    async retentionDays(orgId: string): Promise<number | null> {
      const row = await db.selectFrom('audit_settings').select('retention_days').where('org_id', '=', orgId).executeTakeFirst();
      return row?.retention_days ?? null;
    },

    async setRetentionDays(orgId: string, days: number | null, nowMs: number): Promise<void> {
      await db
        .insertInto('audit_settings')
        .values({ org_id: orgId, retention_days: days, updated_at: nowMs })
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ retention_days: days, updated_at: nowMs }))
        .execute();
    },

    /** Orgs with a retention limit, for the scheduled purge. */
    async orgsWithRetention(): Promise<Array<{ orgId: string; retentionDays: number }>> {
      const rows = await db.selectFrom('audit_settings').select(['org_id', 'retention_days']).where('retention_days', 'is not', null).orderBy('org_id').execute();
      return rows.map((r) => ({ orgId: r.org_id, retentionDays: Number(r.retention_days) }));
    },
  };
}

export type AuditChainStore = ReturnType<typeof createAuditChainStore>;
