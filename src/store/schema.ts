/**
 * Kysely table types: the database as it is after the latest migration. Times are integer epoch
 * milliseconds in both dialects (`bigint` in PostgreSQL, INTEGER in SQLite), which sort, compare
 * and index the same way everywhere; the stores turn them into `Date`.
 */
import type { Generated } from 'kysely';

export interface InstanceSettingTable {
  key: string;
  value: string;
}

export interface OrganizationTable {
  id: string;
  name: string;
  created_at: number;
}

export interface UserTable {
  id: string;
  org_id: string;
  email: string;
  /** Lower-cased e-mail, for case-insensitive lookups and the unique index. */
  email_lower: string;
  name: string;
  role: string;
  account_type: string;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface GroupTable {
  id: string;
  org_id: string;
  name: string;
  created_at: number;
}

export interface GroupMemberTable {
  group_id: string;
  user_id: string;
  created_at: number;
}

export interface ServiceAccountTable {
  id: string;
  org_id: string;
  email: string;
  display_name: string;
  description: string | null;
  picture: string | null;
  status: string;
  created_by_id: string | null;
  created_at: number;
  updated_at: number;
  /** Set when the account was deleted (SA6); the row stays for its tokens' history. Migration 0003. */
  deleted_at: number | null;
  deleted_by: string | null;
}

export interface TokenTable {
  id: string;
  org_id: string;
  kind: string;
  owner_user_id: string | null;
  owner_service_account_id: string | null;
  label: string;
  digest: string;
  display_prefix: string;
  /** JSON array of scope names. */
  scopes: string;
  status: string;
  created_at: number;
  expires_at: number | null;
  last_active_at: number | null;
  created_by: string | null;
  revoked_at: number | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  /**
   * Lower-cased label, owner name and owner e-mail (domain `searchTextOf`), for `q` (issue #4).
   * Whoever renames a user or changes an e-mail must rewrite it on that user's tokens.
   */
  search_text: string;
}

export interface AuditLogTable {
  /** Insertion order; the audit chain of issue #8 follows it. */
  seq: Generated<number>;
  id: string;
  org_id: string | null;
  at: number;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  /** JSON object. */
  details: string;
  /** The chain (issue #8, migration 0008): the previous entry's hash, null for a chain's first entry. */
  prev_hash: string | null;
  /** HMAC of `prev_hash` and this entry (src/domain/audit-chain.ts); null only on an unsealed row. */
  hash: string | null;
}

/** One row per audit chain (an org, or `instance`): its newest entry and its purge anchor, each MAC'd. */
export interface AuditChainTable {
  chain_id: string;
  head_seq: number | null;
  head_id: string | null;
  head_hash: string | null;
  head_mac: string | null;
  /** The last entry removed by a retention purge: the chain now starts after it. */
  anchor_seq: number | null;
  anchor_id: string | null;
  anchor_hash: string | null;
  anchor_mac: string | null;
  purged_count: Generated<number>;
  updated_at: number;
}

/** Per-org audit settings; no row means the defaults (keep forever). */
export interface AuditSettingsTable {
  org_id: string;
  retention_days: number | null;
  updated_at: number;
}

export interface Database {
  instance_settings: InstanceSettingTable;
  organizations: OrganizationTable;
  users: UserTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  service_accounts: ServiceAccountTable;
  tokens: TokenTable;
  audit_log: AuditLogTable;
  audit_chains: AuditChainTable;
  audit_settings: AuditSettingsTable;
}
