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
}

/** Issue #7, migration 0010: `count` identical verifications from `at` to `last_at`. */
export interface UsageEventTable {
  seq: Generated<number>;
  org_id: string;
  token_id: string | null;
  at: number;
  last_at: number;
  count: number;
  code: string;
  method: string | null;
  route: string | null;
  ip: string | null;
  user_agent: string | null;
  upstream_status: number | null;
}

/** Per token and UTC day (`day` = epoch day number). */
export interface UsageDailyTable {
  token_id: string;
  day: number;
  org_id: string;
  calls: number;
  errors: number;
  first_at: number;
  last_at: number;
}

export interface UsageDailyRouteTable {
  token_id: string;
  day: number;
  /** '' when unknown. */
  method: string;
  route: string;
  org_id: string;
  calls: number;
  errors: number;
}

export interface UsageDailyIpTable {
  token_id: string;
  day: number;
  /** '' when unknown. */
  ip: string;
  org_id: string;
  calls: number;
}

export interface TokenIpTable {
  token_id: string;
  ip: string;
  org_id: string;
  first_seen_at: number;
  last_seen_at: number;
  calls: number;
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
  usage_events: UsageEventTable;
  usage_daily: UsageDailyTable;
  usage_daily_routes: UsageDailyRouteTable;
  usage_daily_ips: UsageDailyIpTable;
  token_ips: TokenIpTable;
}
