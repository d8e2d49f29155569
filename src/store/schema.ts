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
  /** Migration 0007: the digest a rotation replaced, still accepted until `previous_digest_until`. */
  previous_digest: string | null;
  previous_digest_until: number | null;
  /** Migration 0007: the address of the last verified use (issue #7 writes it). */
  last_active_ip: string | null;
}

/** Issue #6: the org's scope catalogue. `is_builtin` 1 for the seeded scopes, 0 for admins' own. */
export interface ScopeCatalogueTable {
  org_id: string;
  name: string;
  description: string;
  scope_class: string;
  is_builtin: number;
  created_at: number;
}

export interface PolicyTable {
  id: string;
  org_id: string;
  name: string;
  status: string;
  priority: number;
  /** 1 for the org's one default policy (its id is derived from the org id). */
  is_default: number;
  /** JSON of the domain `PolicyRule`. */
  rule: string;
  created_at: number;
  updated_at: number;
}

export interface PolicyAssignmentTable {
  policy_id: string;
  org_id: string;
  /** user | group | service_account */
  assignee_type: string;
  assignee_id: string;
}

export interface TokenRequestTable {
  id: string;
  org_id: string;
  requester_id: string;
  label: string;
  /** JSON array. */
  scopes: string;
  lifetime_days: number;
  justification: string | null;
  /** The policy that governed the requester when they filed it. */
  policy_id: string;
  /** pending | approved | denied */
  status: string;
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  granted_scopes: string | null;
  granted_lifetime_days: number | null;
  token_id: string | null;
  created_at: number;
}

/**
 * A token whose secret is born when its recipient retrieves it, once, within 7 days: an approved
 * request (`request_id`) or a central issuance delivered by link (`link_digest`, HMAC of the link).
 */
export interface TokenDeliveryTable {
  id: string;
  org_id: string;
  token_id: string;
  recipient_user_id: string;
  request_id: string | null;
  link_digest: string | null;
  expires_at: number;
  redeemed_at: number | null;
  created_at: number;
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

/** Migration 0005 (issue #5): a user's argon2id password hash, apart from `users`. */
export interface UserCredentialTable {
  user_id: string;
  password_hash: string;
  updated_at: number;
}

/** Server-side sessions; `digest` is the HMAC of the cookie's secret, never the secret. */
export interface SessionTable {
  id: string;
  digest: string;
  org_id: string;
  user_id: string;
  /** `password` or `sso`. */
  method: string;
  created_at: number;
  last_seen_at: number;
  ip: string | null;
}

/** One-time links (invite, password_reset, owner_setup); `digest` is the HMAC of the link's secret. */
export interface AuthLinkTable {
  id: string;
  digest: string;
  kind: string;
  org_id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  created_by: string | null;
}

/** An org's OIDC single sign-on; the client secret is AES-256-GCM sealed under a pepper-derived key. */
export interface SsoConfigTable {
  org_id: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  /** Space-separated, as OAuth sends them. */
  scopes: string;
  /** JSON array of lower-case domains. */
  allowed_domains: string;
  group_claim: string | null;
  /** JSON object: claim value -> group id. */
  group_mapping: string;
  jit_enabled: number;
  created_at: number;
  updated_at: number;
}

/** Migration 0006 (issue #5, docs/scim.md): SCIM bearer tokens, kept apart from `tokens`. */
export interface ScimTokenTable {
  id: string;
  org_id: string;
  label: string;
  /** HMAC-SHA256 of the secret under the pepper; the secret itself is never stored. */
  digest: string;
  display_prefix: string;
  created_at: number;
  created_by: string | null;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** Migration 0006: what SCIM knows of a user beyond the directory's columns. */
export interface ScimUserTable {
  user_id: string;
  org_id: string;
  user_name: string;
  user_name_lower: string;
  external_id: string | null;
  /** JSON object: the other SCIM attributes as the client sent them (never `password`). */
  attributes: string;
  created_at: number;
  updated_at: number;
  /** Set when a SCIM client deleted the user: hidden from SCIM, kept (deactivated) in Tokenward. */
  deleted_at: number | null;
}

/** Migration 0006: a group's SCIM `externalId`. */
export interface ScimGroupTable {
  group_id: string;
  org_id: string;
  external_id: string | null;
  created_at: number;
  updated_at: number;
}

/** Issue #8: the outbox. Written in the transaction of the change that raised the event. */
export interface EventTable {
  id: string;
  org_id: string;
  type: string;
  /** JSON object, the event's payload. */
  payload: string;
  occurred_at: number;
  dispatched_at: number | null;
}

export interface WebhookEndpointTable {
  id: string;
  org_id: string;
  url: string;
  description: string | null;
  /** JSON array of event types; empty: every type. */
  event_types: string;
  format: string;
  /**
   * The `whsec_` secret, sealed with the pepper-derived key (src/domain/secret-box.ts). During a
   * rotation: `<new sealed> <old sealed>@<until ms>` (src/store/webhook-store.ts).
   */
  secret_sealed: string;
  enabled: number;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface DeliveryTable {
  id: string;
  org_id: string;
  event_id: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  last_status_code: number | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export interface SmtpSettingsTable {
  org_id: string;
  host: string;
  port: number;
  secure: number;
  username: string | null;
  password_sealed: string | null;
  from_address: string;
  enabled: number;
  updated_at: number;
}

export interface AutomationSettingsTable {
  org_id: string;
  /** JSON object, domain `AutomationSettings`. */
  settings: string;
  updated_at: number;
}

export interface JobRunTable {
  id: string;
  org_id: string;
  job_name: string;
  scheduled_at: number;
  trigger: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  planned_at: number | null;
  /** JSON array of the planned actions. */
  actions: string | null;
  done_count: number;
  last_error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface TokenNoticeTable {
  token_id: string;
  notice_key: string;
  created_at: number;
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
  scope_catalogue: ScopeCatalogueTable;
  policies: PolicyTable;
  policy_assignments: PolicyAssignmentTable;
  token_requests: TokenRequestTable;
  token_deliveries: TokenDeliveryTable;
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
}
