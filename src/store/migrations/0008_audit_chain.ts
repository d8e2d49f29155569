/**
 * The audit chain: `prev_hash` and `hash` on every audit entry, a head record per chain
 * (one chain per org, see src/domain/audit-chain.ts), per-org retention settings, and indexes for
 * the audit query API. Entries written before this migration are chained here, in `seq` order,
 * under the key the handle carries (src/store/audit-chain-key.ts); `tokenward migrate` and
 * `tokenward serve` both pass it. Frozen once shipped: it uses the v1 chain rules, which never change.
 */
import type { Kysely } from 'kysely';
import { chainIdOf, entryHash, headMac, type AuditChainKey, type ChainedContent } from '../../domain/audit-chain.js';
import { chainKeyPluginOf } from '../audit-chain-key.js';

const BATCH = 1000;

export async function up(db: Kysely<any>): Promise<void> {
  // Checked before any DDL: SQLite does not roll a failed migration's DDL back.
  const key = await chainKeyForExistingEntries(db);
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'varchar(64)').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'varchar(64)').execute();
  await db.schema.createIndex('audit_log_org_seq_idx').on('audit_log').columns(['org_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_org_action_seq_idx').on('audit_log').columns(['org_id', 'action', 'seq']).execute();
  await db.schema.createIndex('audit_log_org_target_seq_idx').on('audit_log').columns(['org_id', 'target_id', 'seq']).execute();

  await db.schema
    .createTable('audit_chains')
    .addColumn('chain_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('head_seq', 'bigint')
    .addColumn('head_id', 'varchar(64)')
    .addColumn('head_hash', 'varchar(64)')
    .addColumn('head_mac', 'varchar(64)')
    .addColumn('anchor_seq', 'bigint')
    .addColumn('anchor_id', 'varchar(64)')
    .addColumn('anchor_hash', 'varchar(64)')
    .addColumn('anchor_mac', 'varchar(64)')
    .addColumn('purged_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_settings')
    .addColumn('org_id', 'varchar(64)', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('retention_days', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  if (key) await chainExistingEntries(db, key);
}

/** The key to chain the entries already in the log under; null when there are none. */
async function chainKeyForExistingEntries(db: Kysely<any>): Promise<AuditChainKey | null> {
  const first = await db.selectFrom('audit_log').select('seq').limit(1).executeTakeFirst();
  if (!first) return null;
  const plugin = chainKeyPluginOf(db);
  if (!plugin) {
    throw new Error('Migration 0008 chains the existing audit entries under a key derived from the pepper: run it with `tokenward migrate` or `tokenward serve`.');
  }
  // Chaining under a wrong pepper would make the whole log fail verification forever.
  const stored = await db.selectFrom('instance_settings').select('value').where('key', '=', 'pepper_fingerprint').executeTakeFirst();
  if (stored && stored.value !== plugin.pepperFingerprint) {
    throw new Error('Migration 0008: the pepper does not match the one this database was created with; start with the original pepper.');
  }
  return plugin.key;
}

/** Chains every entry already in the log, oldest first, one chain per org. */
async function chainExistingEntries(db: Kysely<any>, key: AuditChainKey): Promise<void> {
  const heads = new Map<string, { seq: number; id: string; hash: string }>();
  let afterSeq = -1;
  let at = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(BATCH).execute();
    for (const row of rows) {
      const chainId = chainIdOf(row.org_id);
      const prevHash = heads.get(chainId)?.hash ?? null;
      const hash = entryHash(key, prevHash, row as ChainedContent);
      await db.updateTable('audit_log').set({ prev_hash: prevHash, hash }).where('seq', '=', row.seq).execute();
      heads.set(chainId, { seq: Number(row.seq), id: row.id, hash });
      at = Math.max(at, Number(row.at));
    }
    if (rows.length < BATCH) break;
    afterSeq = Number(rows[rows.length - 1]!.seq);
  }
  for (const [chainId, head] of heads) {
    await db
      .insertInto('audit_chains')
      .values({ chain_id: chainId, head_seq: head.seq, head_id: head.id, head_hash: head.hash, head_mac: headMac(key, chainId, head), updated_at: at })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_settings').execute();
  await db.schema.dropTable('audit_chains').execute();
  await db.schema.dropIndex('audit_log_org_target_seq_idx').execute();
  await db.schema.dropIndex('audit_log_org_action_seq_idx').execute();
  await db.schema.dropIndex('audit_log_org_seq_idx').execute();
  await db.schema.alterTable('audit_log').dropColumn('hash').execute();
  await db.schema.alterTable('audit_log').dropColumn('prev_hash').execute();
}
