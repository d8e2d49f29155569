/** Kysely table types of connectors (migration 0012). See schema.ts for the conventions. */
import type { Generated } from 'kysely';
export interface ConnectorTable {
  id: string;
  org_id: string;
  type: string;
  name: string;
  base_url: string;
  upstream_org_id: string;
  /** Sealed with the pepper-derived key (purpose `connector-credential`); never in clear. */
  credential_sealed: string;
  schedule_minutes: number;
  unmatched_policy_id: string | null;
  next_sync_at: number | null;
  lease_run_id: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface ConnectorSyncTable {
  id: string;
  org_id: string;
  connector_id: string;
  trigger: string;
  state: string;
  phase: string;
  cursor: string | null;
  /** JSON object of counters. */
  counts: string;
  error: string | null;
  attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface ExternalTokenTable {
  id: string;
  org_id: string;
  connector_id: string;
  kind: string;
  external_id: string;
  owner_user_id: string | null;
  owner_external_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  label: string;
  /** JSON array of scope names. */
  scopes: string;
  /** active, suspended (blocked upstream) or revoked (by Tokenward, or gone upstream). */
  status: string;
  created_at: number;
  expires_at: number | null;
  last_active_at: number | null;
  /** Migration 0022: 1 once a sweep saw the expiry passed. */
  expiry_passed: Generated<number>;
  /** JSON array of the addresses it was last used from (migration 0018); null: not told. */
  last_used_ips: string | null;
  search_text: string;
  first_seen_at: number;
  last_seen_at: number;
  seen_sync_id: string;
  gone_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  /** JSON object of the upstream's own words about the token (migration 0017); null when none. */
  upstream_details: string | null;
}

/** Token requests read from a connected system (migration 0017). */
export interface ExternalTokenRequestTable {
  id: string;
  org_id: string;
  connector_id: string;
  external_id: string;
  upstream_token_id: string | null;
  owner_user_id: string | null;
  owner_external_id: string | null;
  owner_login: string | null;
  owner_email: string | null;
  label: string;
  /** JSON array of scope names. */
  scopes: string;
  upstream_details: string | null;
  justification: string | null;
  created_at: number;
  expires_at: number | null;
  status: string;
  policy_id: string | null;
  policy_name: string | null;
  policy_reason: string | null;
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  upstream_status: number | null;
  upstream_answer: string | null;
  first_seen_at: number;
  last_seen_at: number;
}

/** A person's login in a connected system (migration 0017). */
export interface ExternalUserLinkTable {
  org_id: string;
  system: string;
  login_lower: string;
  user_id: string;
  created_at: number;
}

/** Migration 0015: hygiene notices about connected tokens, one per token and notice key. */
export interface ExternalTokenNoticeTable {
  external_token_id: string;
  notice_key: string;
  created_at: number;
}

/** A rotation of a connected token (migration 0018); the new value is never stored. */
export interface ConnectorRotationTable {
  id: string;
  org_id: string;
  connector_id: string;
  external_token_id: string;
  recipient_user_id: string;
  link_digest: string;
  expires_in_days: number;
  state: string;
  new_external_id: string | null;
  upstream_status: number | null;
  outcome: string | null;
  requested_by: string | null;
  created_at: number;
  link_expires_at: number;
  started_at: number | null;
  finished_at: number | null;
}
