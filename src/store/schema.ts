/**
 * Kysely table types: the database as it is after the latest migration. Times are integer epoch
 * milliseconds in both dialects (`bigint` in PostgreSQL, INTEGER in SQLite), which sort, compare
 * and index the same way everywhere; the stores turn them into `Date`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { ScopeCatalogueTable, PolicyTable, PolicyAssignmentTable, TokenRequestTable, TokenDeliveryTable, GroupApproverTable, TokenControlTable, ServiceAccountOwnerTable } from './schema-policies.js';
import type { UserCredentialTable, SessionTable, AuthLinkTable, SsoConfigTable, ScimTokenTable, ScimUserTable, ScimGroupTable } from './schema-people.js';
import type { EventTable, WebhookEndpointTable, DeliveryTable, SmtpSettingsTable, AutomationSettingsTable, JobRunTable, TokenNoticeTable } from './schema-automation.js';
import type { ConnectorRotationTable, ConnectorTable, ConnectorSyncTable, ExternalTokenNoticeTable, ExternalTokenRequestTable, ExternalTokenTable, ExternalUserLinkTable } from './schema-connectors.js';
import type { UpstreamGrantTable } from './schema-gateway.js';
import type { UsageEventTable, UsageDailyTable, UsageDailyRouteTable, UsageDailyIpTable, TokenIpTable } from './schema-usage.js';

export type * from './schema-policies.js';
export type * from './schema-people.js';
export type * from './schema-automation.js';
export type * from './schema-usage.js';
export type * from './schema-connectors.js';
export type * from './schema-gateway.js';

export interface InstanceSettingTable {
  key: string;
  value: string;
}

export interface OrganizationTable {
  id: string;
  name: string;
  created_at: number;
  disabled_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface InstanceKeyTable {
  id: string;
  label: string;
  digest: string;
  display_prefix: string;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
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
  /** Migration 0022: 1 once a sweep saw the expiry passed (the idle counts' cells); readers correct for the rest. */
  expiry_passed: Generated<number>;
  created_by: string | null;
  revoked_at: number | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  /**
   * Lower-cased label, owner name and owner e-mail (domain `searchTextOf`), for `q`.
   * Whoever renames a user or changes an e-mail must rewrite it on that user's tokens.
   */
  search_text: string;
  /** Migration 0007: the digest a rotation replaced, still accepted until `previous_digest_until`. */
  previous_digest: string | null;
  previous_digest_until: number | null;
  /** Migration 0007: the address of the last verified use (written by verification). */
  last_active_ip: string | null;
  /** Migration 0016: the token's own rate limits and quota (JSON `UsageLimits`); null: none. */
  usage_limits: string | null;
  /** Migration 0020: the token's own IP allowlist (JSON array of CIDR blocks); null: none. */
  ip_allowlist: string | null;
}

export interface AuditLogTable {
  /** Insertion order; the audit chain follows it. */
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
  /** The chain (migration 0008): the previous entry's hash, null for a chain's first entry. */
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

/** Tokens per (org, source, kind, stored status, expiry day, scope), kept by triggers (migration 0021). */
export interface TokenCountTable {
  org_id: string;
  source: string;
  kind: string;
  status: string;
  expires_day: number | string;
  /** '' counts every token; any other value the tokens holding that scope. */
  scope: string;
  n: number | string;
}

/** Tokens per (org, source, kind, stored status, expiry passed, idle day), kept by triggers (migration 0022). */
export interface TokenIdleCountTable {
  org_id: string;
  source: string;
  kind: string;
  status: string;
  expiry_passed: number;
  /** The UTC day of the last use, or of the creation for a token never used. */
  idle_day: number | string;
  n: number | string;
}

/** Each token's scopes one per row (both token tables), kept by triggers (migration 0021). */
export interface TokenScopeTable {
  token_id: string;
  scope: string;
  org_id: string;
}

export interface Database {
  upstream_grants: UpstreamGrantTable;
  instance_settings: InstanceSettingTable;
  organizations: OrganizationTable;
  instance_keys: InstanceKeyTable;
  users: UserTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  service_accounts: ServiceAccountTable;
  tokens: TokenTable;
  token_counts: TokenCountTable;
  /** Changes to `token_counts` not yet folded in (PostgreSQL; empty on SQLite). */
  token_count_deltas: TokenCountTable;
  token_scopes: TokenScopeTable;
  token_idle_counts: TokenIdleCountTable;
  /** Changes to `token_idle_counts` not yet folded in (PostgreSQL; empty on SQLite). */
  token_idle_count_deltas: TokenIdleCountTable;
  audit_log: AuditLogTable;
  scope_catalogue: ScopeCatalogueTable;
  policies: PolicyTable;
  policy_assignments: PolicyAssignmentTable;
  token_requests: TokenRequestTable;
  token_deliveries: TokenDeliveryTable;
  group_approvers: GroupApproverTable;
  token_controls: TokenControlTable;
  service_account_owners: ServiceAccountOwnerTable;
  user_credentials: UserCredentialTable;
  sessions: SessionTable;
  auth_links: AuthLinkTable;
  sso_configs: SsoConfigTable;
  scim_tokens: ScimTokenTable;
  scim_users: ScimUserTable;
  scim_groups: ScimGroupTable;
  audit_chains: AuditChainTable;
  audit_settings: AuditSettingsTable;
  events: EventTable;
  webhook_endpoints: WebhookEndpointTable;
  deliveries: DeliveryTable;
  smtp_settings: SmtpSettingsTable;
  automation_settings: AutomationSettingsTable;
  job_runs: JobRunTable;
  token_notices: TokenNoticeTable;
  usage_events: UsageEventTable;
  usage_daily: UsageDailyTable;
  usage_daily_routes: UsageDailyRouteTable;
  usage_daily_ips: UsageDailyIpTable;
  token_ips: TokenIpTable;
  connectors: ConnectorTable;
  connector_syncs: ConnectorSyncTable;
  external_tokens: ExternalTokenTable;
  external_token_notices: ExternalTokenNoticeTable;
  external_token_requests: ExternalTokenRequestTable;
  external_user_links: ExternalUserLinkTable;
  connector_rotations: ConnectorRotationTable;
}
